"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, row E4n): 昨晚上又跳到十点半, 35 minutes after a 广场舞 message
that filed nothing, is read with that message, so the ticket carries the whole matter, never the fragment alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.core import earlier_matter
from bot.store.db import Database
from bot.store.message_models import InboxMessage

SENDER = "+86139555776950"
DANCE = "河畔花园晚上跳广场舞音响开得好大声 十点了还在跳"


def said(db: Database, clock: FakeClock, text: str, minutes_ago: int) -> int:
    with db.session() as s:
        row = InboxMessage(channel="simulator", external_id=f"e{clock.now().timestamp()}-{minutes_ago}",
                           sender=SENDER, text=text, received_at=clock.now() - timedelta(minutes=minutes_ago))
        s.add(row)
        s.flush()
        return row.id


@pytest.mark.parametrize("text", ["昨晚上又跳到十点半", "今天还在放 放到半夜", "昨晚上也跳到十一点"])
def test_at_it_again_with_nothing_of_what_is_a_fragment(text: str):
    assert earlier_matter.is_fragment(text)


@pytest.mark.parametrize("text", ["河畔花园又在跳广场舞了", "楼道灯又不亮了", "又着火了",
                                  "今天又停水了 好久来水嘛 烦死了 一天到黑都没得水"])
def test_words_naming_their_own_thing_place_or_danger_are_no_fragment(text: str):
    assert not earlier_matter.is_fragment(text)


def test_a_fragment_carries_the_unfiled_message_it_goes_on_from(demo_db: Database, clock: FakeClock):
    said(demo_db, clock, DANCE, 35)
    now = said(demo_db, clock, "昨晚上又跳到十点半", 0)
    with demo_db.session() as s:
        assert earlier_matter.unfiled_matter(s, clock, SENDER, now, "昨晚上又跳到十点半") == DANCE


def test_a_fragment_of_another_doing_or_long_after_carries_nothing(demo_db: Database, clock: FakeClock):
    said(demo_db, clock, DANCE, 35)
    now = said(demo_db, clock, "今天又停了", 0)
    with demo_db.session() as s:
        assert earlier_matter.unfiled_matter(s, clock, SENDER, now, "今天又停了") is None
    clock.advance(hours=3)
    later = said(demo_db, clock, "昨晚上又跳到十点半", 0)
    with demo_db.session() as s:
        assert earlier_matter.unfiled_matter(s, clock, SENDER, later, "昨晚上又跳到十点半") is None
