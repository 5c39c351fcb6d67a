"""Blind test 25 (docs/usertests/2026-12-06-blind13.md, rows A3, A58, A45): a sentence answering an emergency's
"在哪里？" gives only its place as the place, and what else it says goes onto the emergency; when that calls for
another number (a bleeding head after 救命啊: 120 too), the reporter is told so."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import emergencies, emergency_followups, emergency_numbers
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, STRANGER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

HELP = Ticket(text="救命啊", place_text="")
LOST = Ticket(text="我爸下午出去遛弯 到现在都没回来", place_text="")


def test_a_place_in_a_sentence_is_the_place_and_the_rest_is_said_along():
    assert emergency_followups.place_with_detail("我屋头进贼了 人还在里头 阳光小区6栋", HELP) == (
        "阳光小区6栋", "我屋头进贼了 人还在里头")
    assert emergency_followups.place_with_detail("我遭人打了 在菜市场门口 脑壳在流血", HELP) == (
        "菜市场门口", "我遭人打了 脑壳在流血")
    assert emergency_followups.place_with_detail("被人打了 就在河滨公园门口 手上好多血", HELP) == (
        "河滨公园门口", "被人打了 手上好多血")


def test_an_estate_only_the_gazetteer_knows_is_the_place_of_a_sentence(demo_db: Database):
    with demo_db.session() as s:
        assert emergency_followups.place_with_detail("他有老年痴呆 住阳光小区的", LOST, s) == (
            "阳光小区", "他有老年痴呆")
        assert emergency_followups.place_with_detail("她有点糊涂 住在河畔花园", LOST, s) == ("河畔花园", "她有点糊涂")
        assert emergency_followups.place_with_detail("他有老年痴呆 住阳光小区的", LOST) is None  # no gazetteer


def test_a_building_after_a_name_the_gazetteer_knows_is_one_place(demo_db: Database):
    with demo_db.session() as s:
        assert emergency_followups.named_place(s, "河滨社区3栋") == "河滨社区3栋"
        assert emergency_followups.place_with_detail("我遭人打了 在河滨社区3栋 脑壳在流血", HELP, s) == (
            "河滨社区3栋", "我遭人打了 脑壳在流血")
        assert emergency_followups.named_place(s, "阳光小区6栋") == "阳光小区6栋"


@pytest.mark.parametrize("words", ["河滨社区", "三楼", "302", "在新华街跟河"])
def test_more_of_the_place_says_nothing_more(words: str):
    assert not emergency_followups.says_more(words)


@pytest.mark.parametrize("words", ["三楼", "302", "在3楼", "2单元 楼梯口", "东门那边"])
def test_more_of_the_place_is_the_places(words: str):
    assert emergency_followups.more_of_the_place(words)


@pytest.mark.parametrize("words", ["我屋头进贼了 人还在里头", "他有老年痴呆", "我遭人打了 脑壳在流血"])
def test_what_happened_is_not_more_of_the_place(words: str):
    assert not emergency_followups.more_of_the_place(words)
    assert emergency_followups.says_more(words)


def test_a_beating_told_with_the_place_after_救命啊_calls_for_120_and_110(demo_db: Database, clock: FakeClock):
    # A45: "收到地点：菜市场门口…" only; 110 told first, nothing of 120 for a bleeding head.
    number = submit(demo_db, clock, make_report("救命啊", sender=STRANGER, category="other", emergency=True))
    with demo_db.session() as s:
        waiting = emergencies.awaiting_place(s, clock, STRANGER)
        assert waiting is not None and emergency_numbers.number_to_call(RULES, waiting.category, waiting.text) == "110"
        reply = emergencies.give_place(s, clock, waiting, "菜市场门口", rules=RULES, detail="我遭人打了 脑壳在流血")
    assert "菜市场门口" in reply and "120和110" in reply and len(reply) <= 70, reply
    placed = ticket(demo_db, number)
    assert placed.place_text == "菜市场门口" and placed.category == "public_security"
    assert any("菜市场门口" in m and "我遭人打了 脑壳在流血" in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_a_burglar_told_with_the_place_after_救命_is_the_polices_and_no_new_number(demo_db: Database,
                                                                                 clock: FakeClock):
    number = submit(demo_db, clock, make_report("救命", sender=STRANGER, category="other", emergency=True))
    with demo_db.session() as s:
        waiting = emergencies.awaiting_place(s, clock, STRANGER)
        assert waiting is not None
        reply = emergencies.give_place(s, clock, waiting, "阳光小区6栋", rules=RULES, detail="我屋头进贼了 人还在里头")
    assert reply == emergencies.PLACE_THANKS.format(place="阳光小区6栋")
    placed = ticket(demo_db, number)
    assert placed.place_text == "阳光小区6栋" and placed.category == "public_security" and "进贼" in placed.text


@pytest.mark.parametrize(("said", "place"), [("在阳光小区7栋2单元201", "阳光小区7栋2单元201"),
                                             ("就在阳光小区8栋3单元1502这边", "阳光小区8栋3单元1502")])
def test_the_words_leading_to_a_place_are_not_the_place(demo_db: Database, clock: FakeClock, said: str, place: str):
    # blind test 27, A84: "收到地点：在河畔花园7栋2单元201", the alert "（在河畔花园7栋2单元20）"
    number = submit(demo_db, clock, make_report("我屋头老头子突然倒了 叫不答应", sender=STRANGER, category="medical",
                                                emergency=True))
    with demo_db.session() as s:
        waiting = emergencies.awaiting_place(s, clock, STRANGER)
        assert waiting is not None
        reply = emergencies.give_place(s, clock, waiting, said, rules=RULES)
    assert reply.startswith(f"收到地点：{place}，"), reply
    assert ticket(demo_db, number).place_text == place
