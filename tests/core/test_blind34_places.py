"""Blind test 33 (docs/usertests/2026-12-07-blind21.md, rows B106, B114, B88, A9): a place already said is never
asked again. The estate named with a question places the report that follows it; more of a dead-fish report is a
detail of it; where a bite happened, told after its advice, is no emergency."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.core import after_report, follow_up_reading, held_words, triage
from bot.store.db import Database
from tests.core.helpers import inbound, make_report, submit, ticket

SENDER = "+86139555640090"
WINDOW = timedelta(minutes=held_words.PLACE_BEFORE_MINUTES)


@pytest.mark.parametrize("question", ["安居苑的水要停到好久嘛", "我想反映物业不作为 安居苑的 啥子都不管"])
def test_the_estate_named_with_a_question_places_the_report_after_it(demo_db: Database, clock: FakeClock,
                                                                    question: str):
    inbound(demo_db, clock, SENDER, question)
    clock.advance(minutes=3)
    report = inbound(demo_db, clock, SENDER, "我们这点一早上都没得水")  # B114, B106: "请问在哪点？"
    with demo_db.session() as s:
        assert held_words.place_before(s, "simulator", SENDER, report, clock.now() - WINDOW) == "安居苑"


def test_a_question_naming_no_place_or_said_long_before_places_nothing(demo_db: Database, clock: FakeClock):
    sender = "+86139555640091"
    inbound(demo_db, clock, sender, "安居苑的水要停到好久嘛")
    clock.advance(minutes=held_words.PLACE_BEFORE_MINUTES + 1)
    late = inbound(demo_db, clock, sender, "我们这点一早上都没得水")
    clock.advance(minutes=1)
    after_nothing = inbound(demo_db, clock, sender, "垃圾没人扫")
    with demo_db.session() as s:
        assert held_words.place_before(s, "simulator", sender, late, clock.now() - WINDOW) is None
        assert held_words.place_before(s, "simulator", sender, after_nothing, clock.now() - WINDOW) is None


def test_more_dead_fish_minutes_after_the_report_is_a_detail_of_it(demo_db: Database, clock: FakeClock):
    report = "安居苑外面那条河里头好多死鱼"
    text = "死鱼越来越多了 还有股怪味道"  # B88: read as two new problems, asked where
    assert after_report.may_be_more(text) and after_report.more_of_it(report, text)
    fish = ticket(demo_db, submit(demo_db, clock, make_report(report, sender=SENDER, category="environment")))
    with demo_db.session() as s:
        assert follow_up_reading.read_follow_up(s, fish, text, "report_issue", "environment") == "detail"


def test_a_live_fish_or_another_thing_is_not_more_of_the_dead_fish():
    assert not after_report.more_of_it("安居苑外面那条河里头好多死鱼", "又有人在河边钓鱼")
    assert not after_report.more_of_it("安居苑外面那条河里头好多死鱼", "路灯又不亮了")


def test_where_a_bite_that_bled_happened_is_no_emergency():
    assert not triage.danger_with("我遭隔壁的狗咬了一口 出血了", "我在安居苑 在屋头")  # A9: told 120
    assert triage.danger_with("电梯卡主了", "里头有人 我孙孙在里头")  # still one when the words add one
