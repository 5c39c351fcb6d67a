"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, row E21n): a detail joined to the wrong report by a wrong
"1" (楼上天天半夜拖椅子 吵死人了 on her 下水道 ticket), taken back by "按错了 楼上拖椅子是另外一个事 跟下水道不相干":
off that ticket, its holder told, its original words returned to be filed; a din at night is a report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.common.plain_text import plain
from bot.core import detail_taken_back, followups, lifecycle, triage
from bot.core.nuisances import din
from bot.store.db import Database
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import make_report, messages_to, submit

DRAIN = "我家厨房下水道堵了 水放不下去"
CHAIRS = "楼上天天半夜拖椅子 吵死人了"
WINDOW = timedelta(minutes=30)


def joined(db: Database, clock: FakeClock, words: str = CHAIRS) -> str:
    number = submit(db, clock, make_report(DRAIN, sender=RESIDENT, category="housing_utilities"))
    with db.session() as s:
        followups.add_detail(s, clock, lifecycle.get_ticket(s, number), words, RESIDENT)
    return number


@pytest.mark.parametrize("text", ["按错了 楼上拖椅子是另外一个事 跟下水道不相干", "搞错了 拖椅子是另外一回事",
                                  "拖椅子那个跟下水道没得关系", "不是补充 拖椅子是另一个事情"])
def test_the_detail_the_correction_names_is_taken_off_and_its_words_returned(demo_db: Database, clock: FakeClock,
                                                                            text: str):
    number = joined(demo_db, clock)
    assert detail_taken_back.says_apart(text)
    with demo_db.session() as s:
        found = detail_taken_back.joined_by_mistake(s, clock, RESIDENT, text, WINDOW)
        assert found is not None and found[0].number == number
        words = detail_taken_back.take_out(s, clock, found[0], found[1], RESIDENT, None)
        assert words == CHAIRS and found[0].text == DRAIN
    assert any("拖椅子" in m and "另报" in m and len(m) <= 70 for m in messages_to(demo_db, WORKER))


def test_a_bare_not_a_detail_takes_back_the_only_detail_just_added(demo_db: Database, clock: FakeClock):
    joined(demo_db, clock)
    with demo_db.session() as s:
        found = detail_taken_back.joined_by_mistake(s, clock, RESIDENT, "按错了 不是补充", WINDOW)
        assert found is not None and found[1].note == CHAIRS


def test_words_naming_neither_the_detail_nor_nothing_take_nothing_back(demo_db: Database, clock: FakeClock):
    joined(demo_db, clock)
    with demo_db.session() as s:  # another matter named: not the chairs
        assert detail_taken_back.joined_by_mistake(s, clock, RESIDENT, "路灯是另外一个事 跟这个不相干", WINDOW) is None
    clock.advance(hours=1)
    with demo_db.session() as s:  # long after: nothing joined lately
        assert detail_taken_back.joined_by_mistake(s, clock, RESIDENT, "拖椅子是另外一个事", WINDOW) is None


@pytest.mark.parametrize("text", ["就是刚才那个事", "楼上拖椅子吵得很", "下水道还是堵起的"])
def test_words_that_say_no_other_matter_are_no_correction(text: str):
    assert not detail_taken_back.says_apart(text)


@pytest.mark.parametrize("text", ["河畔花园晚上跳广场舞音响开得好大声 十点了还在跳",
                                  "楼下天天晚上跳坝坝舞 音响吵得睡不着", "广场舞的音响太大声了 九点过了还在放"])
def test_a_din_at_night_is_a_problem_never_a_question(text: str):
    assert din(plain(text)) and triage.has_problem(text) and triage.information_request(text) is None


@pytest.mark.parametrize("text", ["社区有没得跳舞的活动", "广场舞在哪点跳", "老年大学有没得唱歌的班"])
def test_asking_about_dancing_is_no_din(text: str):
    assert not din(plain(text))
