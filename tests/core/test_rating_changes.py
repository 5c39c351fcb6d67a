"""A rating changed twice: the "from" is the score standing now, not always 不满意 (blind test 23, R30v)."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import lifecycle, rating_changes
from bot.store.db import Database
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import RULES, submit, ticket

RATED_WITHIN = timedelta(minutes=30)


def change(db: Database, clock: FakeClock, text: str) -> str | None:
    asked = rating_changes.change_asked(text)
    assert asked is not None, text
    with db.session() as s:
        return rating_changes.change_rating(s, clock, RULES, RESIDENT, asked, RATED_WITHIN)


def test_basically_satisfied_but_unfinished_changed_to_unsatisfied_says_from_basically_satisfied(
        demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 1)
    said = change(demo_db, clock, "按错了 应该是2 味道还是有点")
    assert said is not None and "基本满意" in said and ticket(demo_db, number).status == "reopened", said
    said = change(demo_db, clock, "不对哦 还是改成3嘛 闻到还是臭")
    assert said == rating_changes.REOPENED.format(number=number, before="基本满意"), said
    assert ticket(demo_db, number).status == "reopened"
    assert change(demo_db, clock, "改成3") == rating_changes.SAME.format(number=number, after="不满意")


def test_unsatisfied_changed_to_satisfied_still_says_from_unsatisfied(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 3, reason="还是不亮")
    said = change(demo_db, clock, "按错了 改成满意")
    assert said == rating_changes.CHANGED.format(number=number, before="不满意", after="满意"), said
    assert ticket(demo_db, number).status == "closed"
