"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, L11 and N5): 我妈那票算了没有, 35 minutes after a proxy
ballot for her, withdrew it; and because she had meanwhile voted the same option herself, it was her own ballot that
vanished. A question about a ballot counted takes nothing back, and a member's own word for what a proxy said for her
makes the ballot hers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import points
from bot.core.council_ballot_asked import asks_counted
from bot.core.council_ballots import cast, withdraw
from bot.core.council_words import is_withdrawal
from bot.store.council_models import Ballot
from bot.store.db import Database
from tests.core.council_factories import GROUP1, open_topic, person


@pytest.mark.parametrize("text", ["我妈那票算了没有", "帮我妈投的那票算了没得", "我那票算了吗", "那票算了不"])
def test_asking_whether_a_ballot_was_counted_is_never_a_withdrawal(text: str) -> None:
    assert not is_withdrawal(text), text
    assert asks_counted(text), text


@pytest.mark.parametrize("text", ["我那票不算了", "那票算了 不要了", "撤回我妈的票", "我妈那票算了不投了"])
def test_taking_a_ballot_back_is_still_a_withdrawal(text: str) -> None:
    assert is_withdrawal(text), text


def test_a_members_own_ballot_for_what_a_proxy_said_is_hers_and_the_proxy_cannot_take_it_back(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        son, mother = person(s, GROUP1[0]), person(s, GROUP1[1])
        if mother.household_id != son.household_id:
            mother.household_id = son.household_id
            s.flush()
        topic_id = open_topic(s, clock, allow_proxy=True, title="垃圾清运费")
        assert cast(s, clock, topic_id, son, 2, on_behalf_of=mother).status == "recorded"  # 帮我妈投按户
        assert cast(s, clock, topic_id, mother, 2).status == "unchanged"  # she votes 按户 herself
        ballot = s.scalar(select(Ballot).where(Ballot.topic_id == topic_id, Ballot.person_id == mother.id))
        assert (ballot.option, ballot.cast_by_id, ballot.proxy) == (2, mother.id, False)
        assert withdraw(s, clock, ballot, son) == "not_yours"  # his 撤回 can no longer take her own word
        assert s.scalar(select(Ballot.id).where(Ballot.topic_id == topic_id, Ballot.person_id == mother.id))
        assert points.balance(s, mother.id) > 0  # her ballot earns her points as any own ballot does
