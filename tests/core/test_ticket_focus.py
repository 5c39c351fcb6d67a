"""Which of a reporter's tickets a status check or an urge without a number means (blind test 7, #13): the one the
words point at, else the one the bot's latest reply named, else none (the caller takes the newest)."""

from __future__ import annotations

import uuid

from bot.common.clock import FakeClock
from bot.core import lifecycle, ticket_focus
from bot.core.tickets import OPEN_STATUSES
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.conftest import RESIDENT
from tests.core.helpers import make_report, submit


def two_open(db: Database, clock: FakeClock) -> tuple[str, str]:
    garbage = submit(db, clock, make_report("小区门口垃圾堆起好几天没得人收", category="sanitation"))
    lock = submit(db, clock, make_report("单元门的锁也坏了关不到", category="public_security"))
    return garbage, lock


def meant(db: Database, clock: FakeClock, text: str) -> str | None:
    with db.session() as s:
        found = ticket_focus.meant(s, clock, RESIDENT, lifecycle.reported_by(s, RESIDENT, OPEN_STATUSES), text)
        return found.number if found is not None else None


def bot_replied(db: Database, clock: FakeClock, text: str) -> None:
    with db.session() as s:
        asked = InboxMessage(channel="simulator", external_id=uuid.uuid4().hex, sender=RESIDENT,
                             text="…", payload={}, received_at=clock.now())
        s.add(asked)
        s.flush()
        s.add(OutboxMessage(channel="simulator", recipient=RESIDENT, text=text, reply_to_id=asked.id, seq=0,
                            kind="reply", created_at=clock.now()))


def test_the_words_point_at_a_ticket_by_its_own_words_or_by_its_kind_of_job(demo_db: Database, clock: FakeClock):
    garbage, lock = two_open(demo_db, clock)
    assert meant(demo_db, clock, "垃圾那个搞得咋样了") == garbage
    assert meant(demo_db, clock, "锁那个催一下") == lock
    assert meant(demo_db, clock, "咋个还莫得人来收哦") == garbage  # 收: collecting the rubbish


def test_with_nothing_in_the_words_the_ticket_the_bot_just_talked_about_is_meant(demo_db: Database,
                                                                               clock: FakeClock):
    garbage, lock = two_open(demo_db, clock)
    assert meant(demo_db, clock, "催一下嘛") is None  # nothing points: the caller takes the newest
    bot_replied(demo_db, clock, f"已催办工单{garbage}，已提醒承办人尽快处理。")
    assert meant(demo_db, clock, "催一下嘛") == garbage
    bot_replied(demo_db, clock, f"已登记两件：{garbage}、{lock}")
    assert meant(demo_db, clock, "催一下嘛") is None  # the latest reply named both
    bot_replied(demo_db, clock, f"工单{lock}（单元门的锁…）现在已派单。")
    clock.advance(hours=1)
    assert meant(demo_db, clock, "催一下嘛") is None  # long ago: the conversation has moved on


def test_one_open_ticket_needs_no_choosing(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("小区门口垃圾堆起好几天没得人收", category="sanitation"))
    assert meant(demo_db, clock, "垃圾那个搞得咋样了") is None


def test_the_latest_news_names_the_ticket_a_bare_question_is_about(demo_db: Database, clock: FakeClock):
    """Blind test 9, #9: 好久来修嘛 right after 工单T1001进展：… asks about that ticket, not the newest."""
    garbage, lock = two_open(demo_db, clock)
    with demo_db.session() as s:
        mine = lifecycle.reported_by(s, RESIDENT, OPEN_STATUSES)
        assert ticket_focus.last_news(s, clock, RESIDENT, mine) is None
        s.add(OutboxMessage(channel="simulator", recipient=RESIDENT, text=f"工单{garbage}进展：明天一早来收",
                            kind="notification", created_at=clock.now()))
        s.flush()
        assert ticket_focus.last_news(s, clock, RESIDENT, mine).number == garbage != lock
    clock.advance(hours=1)
    with demo_db.session() as s:  # long after, the news no longer points
        assert ticket_focus.last_news(s, clock, RESIDENT, lifecycle.reported_by(s, RESIDENT, OPEN_STATUSES)) is None


def test_asking_after_all_ones_reports_points_at_none_whatever_the_conversation(demo_db: Database, clock: FakeClock):
    """Blind test 10, #58: 查一下我的报事进度 right after a reply about one named only that one (查 is in its text)."""
    garbage, _lock = two_open(demo_db, clock)
    bot_replied(demo_db, clock, f"工单{garbage}（小区门口垃圾堆…）现在待接单。回复“催办”可催促。")
    assert ticket_focus.asks_all("查一下我的报事进度") and not ticket_focus.asks_all("垃圾那个搞得咋样了")
    assert meant(demo_db, clock, "查一下我的报事进度") is None
    assert meant(demo_db, clock, "搞得咋样了") == garbage  # no words: the conversation's
