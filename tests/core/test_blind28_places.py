"""Blind test 28's places and words (docs/usertests/2026-12-06-blind16.md, B61, A12-1, B-R7, B7, B11, A-B64b, A48,
A11-1, B26, B28, B30, B31, A10-2), in the core: a known place said alone is held whatever the classifier says; someone
shut in the lift is more of its emergency, never its place; "at home" keeps the registered address; 河滨公园 and
河滨大桥 are places; our number is given to someone who cannot read or see; small talk answered in kind."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import chatter, emergencies, emergency_followups, held_words, reaching_us, small_talk, triage
from bot.core.places import match_place
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER
from tests.core.helpers import RULES, make_report, submit


@pytest.mark.parametrize("text", ["安居苑的", "安居苑", "阳光小区5栋", "河畔花园2栋1单元", "河滨公园的"])
def test_a_known_place_said_alone_is_held(demo_db: Database, text: str):
    with demo_db.session() as s:  # B61: "安居苑的" was filed as a ticket of its own
        assert held_words.known_place_alone(s, text)


@pytest.mark.parametrize("text", ["安居苑的路灯", "安居苑 路灯坏了", "5栋2单元", "菜市场门口", "安居苑有没有网格员"])
def test_a_place_with_more_said_or_one_the_registry_does_not_know_is_left_to_the_classifier(demo_db: Database,
                                                                                          text: str):
    with demo_db.session() as s:
        assert not held_words.known_place_alone(s, text)


@pytest.mark.parametrize("text", ["河滨公园的公共厕所好几天没人打扫了 臭得很", "河滨公园那段河有人在电鱼",
                                  "河边有人落水了 在扑腾 河滨大桥下面"])
def test_the_riverside_park_and_bridge_are_河滨路s_grid(demo_db: Database, text: str):
    with demo_db.session() as s:  # B7, B11, A-B64b: asked where
        match = match_place(s, text)
        assert match.grid is not None and match.grid.code == "HB-G2", match


def test_a_bare_riverside_before_a_named_bridge_does_not_hide_the_bridge():
    assert emergencies.landmark_in("河边有人落水了 在扑腾 河滨大桥下面") == "河滨大桥下面"
    assert emergencies.landmark_in("河边有人落水了 快来人") == ""  # which bank? still asked


def test_someone_shut_in_the_stopped_lift_is_more_of_it_never_its_place(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("电梯不动了", sender=STRANGER, category="housing_utilities",
                                                emergency=True))
    with demo_db.session() as s:  # A12-1: "收到地点：我儿子关在里面"
        lift = emergencies.awaiting_place(s, clock, STRANGER)
        assert lift is not None and lift.number == number
        assert emergencies.reads_as_place(s, "我儿子关在里面")  # 里面 looks like a place…
        assert emergency_followups.shut_in_unplaced(s, "我儿子关在里面", lift)  # …but it is who is inside
        assert not emergency_followups.shut_in_unplaced(s, "我儿子关在里面 河畔花园2栋", lift)
        reply = emergency_followups.answer(s, clock, RULES, STRANGER, "我儿子关在里面", emergencies.PLACE_WINDOW)
    assert reply is not None and "救援电话" in reply and "119" in reply and "在哪里" in reply, reply
    with demo_db.session() as s:
        kept = s.scalar(select(Ticket).where(Ticket.number == number))
        assert kept.place_text in ("", None) and "我儿子关在里面" in kept.text
        assert emergencies.awaiting_place(s, clock, STRANGER) is not None  # the place still asked


@pytest.mark.parametrize("text", ["我在家的 就是我们那栋", "就在屋头", "在家里", "就是我们那个单元"])
def test_at_home_said_alone_is_no_place_of_its_own(text: str):
    assert emergencies.says_at_home(text)


@pytest.mark.parametrize("text", ["我们小区门口", "5栋2单元", "在菜市场门口", "我在家门口的那个菜市场旁边 有个人倒了"])
def test_a_building_a_landmark_or_a_sentence_is_not_only_at_home(text: str):
    assert not emergencies.says_at_home(text)


def test_at_home_keeps_the_registered_address_as_the_place(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("楼道里的电线在冒烟 有股焦糊味", category="fire_safety",
                                                emergency=True))
    with demo_db.session() as s:  # B-R7: the alert read "地点：家的 就是我们那栋"
        ticket = emergencies.awaiting_place(s, clock, RESIDENT)
        assert ticket is not None and ticket.number == number
        reply = emergencies.kept_at_home(s, clock, ticket, RULES)
    assert reply is not None and "阳光小区1栋101" in reply and "家的" not in reply, reply
    with demo_db.session() as s:
        assert s.scalar(select(Ticket.place_text).where(Ticket.number == number)) == "阳光小区1栋101"
        told = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == DUTY_OFFICER)).all()
        assert any(number in t and "阳光小区1栋101" in t for t in told) and not any("家的" in t for t in told)


def test_at_home_from_someone_with_no_registered_home_keeps_nothing(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("楼道里的电线在冒烟", sender=STRANGER, category="fire_safety", emergency=True))
    with demo_db.session() as s:
        ticket = emergencies.awaiting_place(s, clock, STRANGER)
        assert ticket is not None and emergencies.kept_at_home(s, clock, ticket, RULES) is None


@pytest.mark.parametrize("text", ["我不识字 孙子帮我发的 有没有电话可以打",  # A48-1: 没太看懂
                                  "我眼睛看不见 是邻居帮我打的字 你们有电话没得"])  # A48-4: asked where
def test_someone_who_cannot_read_or_see_asking_for_a_number_is_given_ours(text: str):
    assert reaching_us.asks(text)


@pytest.mark.parametrize("text", ["楼上有没有电话", "帮我发的 楼道灯坏了 有没有电话"])
def test_a_phone_elsewhere_or_a_problem_with_it_is_not_asking_ours(text: str):
    assert not reaching_us.asks(text)


@pytest.mark.parametrize(("text", "said"), [
    ("莫得事 试一下通没通", "通的"),  # A11-1: asked where
    ("你叫啥子名字", "网格通小助手"),  # B28
    ("我好无聊 陪我摆会儿龙门阵嘛", "陪您"),  # B26
    ("你个憨包 说了半天听不懂", "对不起"),  # B30: how to say it, too
    ("滚 不要再给我发了", "退订"),  # B31: how to stop the messages
])
def test_small_talk_of_blind_test_28_is_answered_in_kind(text: str, said: str):
    reply = small_talk.reply(text)
    assert reply is not None and said in reply and "帮不上" not in reply and len(reply) <= 70, reply


def test_a_rude_word_alone_is_still_only_calmed():
    assert triage.abuse_only("滚") and small_talk.reply("滚") is None  # the step answers triage.CALM_REPLY


@pytest.mark.parametrize("text", ["你叫啥子人来修嘛", "照片不要发了", "我听不懂普通话", "下水道通没通"])
def test_words_near_the_new_kinds_are_no_small_talk(text: str):
    assert small_talk.reply(text) is None


@pytest.mark.parametrize("text", ["幺妹 明天赶场不", "儿子 今天回来吃饭不"])  # A10-2: 这个我帮不上忙
def test_a_relatives_plans_are_meant_for_someone_else(text: str):
    assert chatter.meant_for_someone_else(text)


def test_market_day_with_a_problem_is_no_chat():
    assert not chatter.meant_for_someone_else("明天赶场 路上好多坑 你们管不管")
