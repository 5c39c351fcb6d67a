from sqlalchemy import select

from bot.messaging import optout
from bot.messaging.optout import opted_out_among
from bot.messaging.sms_budget import MORE, segments
from bot.store.message_models import InboxMessage
from tests.channels.conftest import drive, post_sms, sms_params
from tests.conftest import RESIDENT


async def say(gateway, services, sid: str, text: str) -> None:
    assert (await post_sms(gateway, sms_params(sid, RESIDENT, text))).status_code == 200
    await drive(services)


async def test_an_opted_out_number_receives_nothing_more_but_its_reports_are_still_taken(
        gateway, services, fake_twilio, fake_engine):
    await say(gateway, services, "SM1", "退订")
    await say(gateway, services, "SM2", "路灯坏了")
    await say(gateway, services, "SM3", "STOP")
    assert fake_twilio.bodies_to(RESIDENT) == [optout.STOP_CONFIRMATION]  # confirmed once, nothing else
    assert [t["message"] for t in fake_engine.turns] == ["路灯坏了"]  # the report reached the engine
    with services.db.session() as s:
        assert set(s.scalars(select(InboxMessage.status))) == {"done"}


async def test_start_resumes_sending_and_td_stops_it(gateway, services, fake_twilio):
    await say(gateway, services, "SM1", "TD")
    await say(gateway, services, "SM2", "订阅")
    await say(gateway, services, "SM3", "你好")
    assert fake_twilio.bodies_to(RESIDENT) == [optout.STOP_CONFIRMATION, optout.START_CONFIRMATION, "收到：你好"]


async def test_help_says_what_the_service_is_and_how_to_stop(gateway, services, fake_twilio, fake_engine):
    await say(gateway, services, "SM1", "帮助")
    [text] = fake_twilio.bodies_to(RESIDENT)
    assert text == optout.HELP_TEXT and "退订" in text and segments(text) == 1
    assert fake_engine.turns == []


async def test_a_long_reply_is_cut_and_more_sends_the_rest(gateway, services, fake_twilio, fake_engine):
    lines = [f"{n}. 幸福社区第{n}网格 网格员王芳 电话请回复编号" for n in range(1, 13)]
    fake_engine.replies = [{"text": "\n".join(lines)}]
    await say(gateway, services, "SM1", "网格员有哪些")
    fake_engine.replies = None
    await say(gateway, services, "SM2", "更多")
    first, second = fake_twilio.bodies_to(RESIDENT)
    assert first.endswith(MORE) and segments(first) <= 2
    shown = first.removesuffix(MORE).strip().split("\n") + second.removesuffix(MORE).strip().split("\n")
    assert shown[: len(lines)] == lines[: len(shown)]
    assert len(fake_engine.turns) == 1  # "更多" was answered from the kept rest, not by the engine


async def test_stop_start_and_help_are_answered_while_the_engine_is_down(gateway, services, fake_twilio,
                                                                          fake_engine):
    fake_engine.up = False
    await say(gateway, services, "SM1", "帮助")
    await say(gateway, services, "SM2", "退订")
    await say(gateway, services, "SM3", "路灯坏了")  # waits for the engine
    await say(gateway, services, "SM4", "ＳＴＯＰ。")  # already out: no second confirmation
    assert fake_twilio.bodies_to(RESIDENT) == [optout.HELP_TEXT, optout.STOP_CONFIRMATION]
    fake_engine.up = True
    await say(gateway, services, "SM5", "你好")
    assert [t["message"] for t in fake_engine.turns] == ["路灯坏了", "你好"]  # the report was still taken
    assert fake_twilio.bodies_to(RESIDENT) == [optout.HELP_TEXT, optout.STOP_CONFIRMATION]  # replies held back
    fake_engine.up = False
    await say(gateway, services, "SM6", "订阅")
    await say(gateway, services, "SM7", "水管漏了")
    assert fake_twilio.bodies_to(RESIDENT)[2:] == [optout.START_CONFIRMATION]
    assert len(fake_engine.turns) == 2
    fake_engine.up = True
    await say(gateway, services, "SM8", "谢谢")
    assert fake_twilio.bodies_to(RESIDENT)[3:] == ["收到：水管漏了", "收到：谢谢"]
    for text in (optout.HELP_TEXT, optout.STOP_CONFIRMATION, optout.START_CONFIRMATION):
        assert segments(text) == 1


async def test_start_is_answered_even_behind_a_report_waiting_for_the_engine(gateway, services, fake_twilio,
                                                                            fake_engine):
    await say(gateway, services, "SM1", "TD")
    fake_engine.up = False
    await say(gateway, services, "SM2", "路灯坏了")
    await say(gateway, services, "SM3", "订阅")
    await say(gateway, services, "SM4", "退订")
    await say(gateway, services, "SM5", "START")
    # Keywords overtake the waiting report but keep their own order: out, in, out, in (the repeated
    # confirmations are the same texts within 24 h, which carriers reject, so they are not resent).
    assert fake_twilio.bodies_to(RESIDENT) == [optout.STOP_CONFIRMATION, optout.START_CONFIRMATION]
    with services.db.session() as s:
        assert not opted_out_among(s, "sms", [RESIDENT])
        waiting = s.scalars(select(InboxMessage.text).where(InboxMessage.status != "done")).all()
    assert waiting == ["路灯坏了"] and fake_engine.turns == []
