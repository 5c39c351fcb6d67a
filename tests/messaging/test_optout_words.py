"""退订 / 订阅 on every channel, also inside a sentence (blind test 6, #101): off SMS they keep broadcasts away."""

import asyncio

from sqlalchemy import select

from bot.common.clock import Clock
from bot.messaging import optout
from bot.messaging.keywords import OptOutWords
from bot.messaging.optout import OptOuts
from bot.messaging.ports import Claimed
from bot.store.channel_models import OptOut
from bot.store.db import Database

SENDER = "+8613900000301"


def _say(step: OptOutWords, text: str, channel: str = "simulator") -> object:
    return asyncio.run(step(Claimed(1, channel, SENDER, text, {}, 1)))


def _opted_out(db: Database, channel: str) -> bool:
    with db.session() as s:
        return bool(s.scalar(select(OptOut.active).where(OptOut.channel == channel, OptOut.address == SENDER)))


def test_the_wish_is_read_from_a_keyword_or_a_sentence_and_nothing_else():
    assert optout.asked("你们天天发短信烦死了 退订") == "stop"
    assert optout.asked("退订。") == optout.asked("TD") == "stop"
    assert optout.asked("订阅") == optout.asked("我要重新订阅") == "start"
    assert optout.asked("路灯坏了") is None
    assert optout.asked("订阅号里面那个通知看不到") is None


def test_off_sms_an_opt_out_is_said_and_kept_and_a_resume_undoes_it(db: Database):
    step = OptOutWords(OptOuts(db, Clock()))
    [stopped] = _say(step, "你们天天发短信烦死了 退订")
    assert "已退订" in stopped["text"] and len(stopped["text"]) <= 70
    assert _opted_out(db, "simulator")
    [again] = _say(step, "退订")
    assert "已退订" in again["text"]  # never silence where silence looks like a fault
    [resumed] = _say(step, "订阅")
    assert "已恢复" in resumed["text"]
    assert not _opted_out(db, "simulator")
    message = Claimed(2, "simulator", SENDER, "路灯坏了", {}, 1)
    assert asyncio.run(step(message)) is message


def test_on_sms_a_sentence_with_tuiding_opts_out_as_the_keyword_does(db: Database):
    step = OptOutWords(OptOuts(db, Clock()), sms=True)
    [stopped] = _say(step, "天天发 烦死了 退订", channel="sms")
    assert stopped == {"text": optout.STOP_CONFIRMATION, "custom": {"optout_notice": True}}
    assert _opted_out(db, "sms")
    assert _say(step, "退订", channel="sms") == []  # confirmed once, as the keyword is
