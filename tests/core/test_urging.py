"""再催一下 urges the ticket the reporter urged last, while that was lately (blind test 5, #7)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import lifecycle, urging
from bot.core.tickets import OPEN_STATUSES
from bot.store.db import Database
from tests.conftest import RESIDENT
from tests.core.helpers import RULES, make_report, submit


def again(db: Database, clock: FakeClock, text: str) -> str | None:
    with db.session() as s:
        return urging.urged_again(s, clock, lifecycle.reported_by(s, RESIDENT, OPEN_STATUSES), text)


def test_urging_again_means_the_ticket_urged_last_not_the_newest(demo_db: Database, clock: FakeClock):
    pipe = submit(demo_db, clock, make_report("楼道里水管漏水了", category="housing_utilities"))
    newest = submit(demo_db, clock, make_report("小区门口垃圾没人收", category="sanitation"))
    assert again(demo_db, clock, "再催一下") is None  # nothing urged yet: the usual rules pick
    with demo_db.session() as s:
        lifecycle.urge(s, clock, RULES, RESIDENT, pipe)
    clock.advance(minutes=5)
    assert again(demo_db, clock, "再催一下") == pipe != newest
    assert again(demo_db, clock, "催一下") is None  # not "again": the words decide as before
    clock.advance(hours=3)
    assert again(demo_db, clock, "再催一下") is None  # long after, the urge is no longer what "again" points at


def test_the_reason_beside_an_urge_is_what_the_worker_hears_and_only_urging_adds_none():
    assert urging.reason_in("再催一下 老汉摔了一跤了") == "老汉摔了一跤了"
    assert urging.reason_in("井盖那个催一下 今天有娃儿差点踩进去") == "今天有娃儿差点踩进去"
    assert urging.reason_in("再催一下老汉摔了一跤了") == "老汉摔了一跤了"
    for only_urging in ("快点嘛 催一哈", "咋个还莫得人来哦", "催T1001 快点", "帮我催一下嘛"):
        assert urging.reason_in(only_urging) == "", only_urging
    notice = urging.urge_notice("T1001", 3, "老汉摔了一跤了 " * 10)
    assert notice.startswith("催办：工单T1001反映人第3次催促：老汉摔了一跤了") and len(notice) <= 70, notice
    assert urging.urge_notice("T1001", 1, "") == "催办：工单T1001反映人第1次催促，请尽快处理。"


@pytest.mark.parametrize("text", ["咋个还莫得人来", "电梯那个转到哪里去了 咋个还莫得人来", "快点嘛", "再催一下",
                                  "好久来修嘛 赶紧点", "你们到底管不管"])
def test_urging_words_urge_whatever_else_is_asked(text: str):
    assert urging.urges(text)


@pytest.mark.parametrize("text", ["好久来修嘛 明天好久", "那到底好久来修嘛", "水管那个好久来换嘛",
                                  "路灯那个搞得咋样了"])
def test_a_when_question_alone_never_urges(text: str):
    """Blind test 9, #9 and #59: 好久来修嘛 明天好久 right after a progress note got 已催办."""
    assert not urging.urges(text)


def _urge(db: Database, clock: FakeClock, number: str, text: str) -> str:
    with db.session() as s:
        return urging.urged_reply(s, lifecycle.urge(s, clock, RULES, RESIDENT, number, text=text))


def test_the_urge_that_raises_the_ticket_to_a_supervisor_tells_the_reporter_so(demo_db: Database, clock: FakeClock):
    # Blind test 25, R5: "催了还是没人来 … 再催一下" was raised to 片区督办; the reporter heard the first reply again.
    leak = submit(demo_db, clock, make_report("楼上漏水 漏到我屋厨房了", category="housing_utilities"))
    first = _urge(demo_db, clock, leak, "楼上漏水那个好久来人嘛 快点")
    assert first == f"已催办工单{leak}，已提醒承办人尽快处理。"
    clock.advance(minutes=20)
    second = _urge(demo_db, clock, leak, "催了还是没人来 再催一下 到底来不来嘛")
    assert second.startswith(f"已催办工单{leak}") and "第2次" in second and "片区督办" in second, second
    clock.advance(minutes=20)
    third = _urge(demo_db, clock, leak, "又催一次")
    assert "第3次" in third and "督办" not in third and len(third) <= 70, third  # not raised this time
