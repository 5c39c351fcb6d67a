"""Ballots: understood from numbers, words and dialect; one per voter, enforced by the database."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.core import council, points
from bot.core.council_ballots import audit_ballots, cast, parse_choice, withdraw
from bot.store.council_models import Ballot, BallotEvent
from bot.store.db import Database
from bot.store.models import StaffRole
from tests.conftest import RESIDENT, VILLAGER
from tests.core.council_factories import GROUP1, GROUP2_VILLAGER, SECRETARY, add_villagers, open_topic, person

DEFAULT = council.DEFAULT_OPTIONS


@pytest.mark.parametrize(("text", "option"), [
    ("1", 1), ("１", 1), ("我投１", 1), ("赞成", 1), ("赞同", 1), ("不赞成", 2), ("同意出钱", 1), ("我同意嘛", 1),
    ("要得", 1), ("得行", 1),
    ("修路那个我赞成噶", 1), ("2", 2), ("我反对", 2), ("投第二个", 2), ("投第2个", 2), ("我不同意", 2),
    ("要不得", 2), ("不得行", 2), ("选项2", 2), ("3", 3), ("弃权吧", 3), ("随便", 3), ("选第三个", 3),
    ("我选选项三", 3),
])
def test_a_choice_is_understood_from_numbers_words_and_dialect(text: str, option: int) -> None:
    assert parse_choice(text, DEFAULT) == option


@pytest.mark.parametrize("text", ["", "你好", "4", "第五个", "12"])
def test_no_choice_is_read_into_a_message_that_names_none(text: str) -> None:
    assert parse_choice(text, DEFAULT) is None


def test_custom_options_are_understood_by_their_label_or_position() -> None:
    options = ["早上七点", "晚上七点"]
    assert parse_choice("晚上七点好", options) == 2
    assert parse_choice("第一个", options) == 1
    assert parse_choice("3", options) is None


def test_a_ballot_is_recorded_once_and_changed_until_closing_the_last_counts(demo_db: Database,
                                                                            clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        me = person(s, VILLAGER)
        assert cast(s, clock, topic_id, me, 1).status == "recorded"
        assert cast(s, clock, topic_id, me, 1).status == "unchanged"
        changed = cast(s, clock, topic_id, me, 2)
        assert (changed.status, changed.previous, changed.label) == ("changed", 1, "反对")
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 1
        assert s.scalar(select(Ballot.option)) == 2
        kinds = s.execute(select(BallotEvent.kind, BallotEvent.option, BallotEvent.previous_option)
                          .order_by(BallotEvent.id)).all()
        assert [tuple(k) for k in kinds] == [("cast", 1, None), ("change", 2, 1)]


def test_a_ballot_earns_points_once_per_topic(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        me = person(s, VILLAGER)
        cast(s, clock, topic_id, me, 1)
        cast(s, clock, topic_id, me, 2)
        assert points.balance(s, me.id) == points.DEFAULT_RULES.amounts["ballot"]
        assert points.recent(s, me.id, 1)[0].reason == "ballot"


def test_outsiders_and_ballots_before_opening_or_after_closing_are_refused_and_not_counted(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, hours=1)
        assert cast(s, clock, topic_id, person(s, GROUP2_VILLAGER), 1).status == "not_eligible"
        assert cast(s, clock, topic_id, person(s, RESIDENT), 1).status == "not_eligible"
        assert cast(s, clock, topic_id, person(s, SECRETARY), 1).status == "not_eligible"
        pending = council.create_topic(s, clock, title="未开放",
                                       electorate=council.electorate_of(groups=[person(s, VILLAGER).villager_group_id]))
        assert cast(s, clock, pending.id, person(s, VILLAGER), 1).status == "not_open"
        clock.advance(hours=1)
        assert cast(s, clock, topic_id, person(s, VILLAGER), 1).status == "not_open"
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0
        assert points.balance(s, person(s, GROUP2_VILLAGER).id) == 0


def test_a_topic_may_forbid_changing_a_ballot(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, allow_change=False)
        cast(s, clock, topic_id, person(s, VILLAGER), 1)
        locked = cast(s, clock, topic_id, person(s, VILLAGER), 2)
        assert (locked.status, locked.option) == ("locked", 1)
        assert s.scalar(select(Ballot.option)) == 1


def test_a_proxy_ballot_for_a_household_member_only_where_allowed_and_recorded_as_such(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        son, mother, neighbour = person(s, GROUP1[0]), person(s, GROUP1[1]), person(s, GROUP1[2])
        closed_to_proxies = open_topic(s, clock)
        assert cast(s, clock, closed_to_proxies, son, 1, on_behalf_of=mother).status == "no_proxy"
        topic_id = open_topic(s, clock, allow_proxy=True, title="修路")
        assert cast(s, clock, topic_id, son, 1, on_behalf_of=neighbour).status == "no_proxy"
        assert cast(s, clock, topic_id, son, 2, on_behalf_of=mother).status == "recorded"
        ballot = s.scalar(select(Ballot).where(Ballot.topic_id == topic_id))
        assert (ballot.person_id, ballot.cast_by_id, ballot.proxy) == (mother.id, son.id, True)
        assert cast(s, clock, topic_id, son, 1).status == "recorded"  # his own ballot is separate
        assert s.scalar(select(func.count()).select_from(Ballot).where(Ballot.topic_id == closed_to_proxies)) == 0


def test_a_proxy_ballot_never_overwrites_the_member_s_own_and_the_member_may_still_change_a_proxy_one(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        son, mother = person(s, GROUP1[0]), person(s, GROUP1[1])
        topic_id = open_topic(s, clock, allow_proxy=True, title="修路")
        assert cast(s, clock, topic_id, mother, 2).status == "recorded"  # she voted herself
        refused = cast(s, clock, topic_id, son, 1, on_behalf_of=mother)
        assert (refused.status, refused.option) == ("own_ballot", 2)
        ballot = s.scalar(select(Ballot).where(Ballot.topic_id == topic_id))
        assert (ballot.option, ballot.cast_by_id, ballot.proxy) == (2, mother.id, False)
        other = open_topic(s, clock, allow_proxy=True, title="装路灯")
        assert cast(s, clock, other, son, 1, on_behalf_of=mother).status == "recorded"
        assert cast(s, clock, other, mother, 2).status == "changed"  # her own word replaces her son's for her
        s.expire_all()
        ballot = s.scalar(select(Ballot).where(Ballot.topic_id == other))
        assert (ballot.option, ballot.cast_by_id, ballot.proxy) == (2, mother.id, False)


def test_who_chose_what_is_only_for_an_auditor_on_a_secret_topic(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        cast(s, clock, topic_id, person(s, VILLAGER), 2)
        secretary = person(s, SECRETARY)
        with pytest.raises(PermissionError):
            audit_ballots(s, topic_id, secretary)
        s.add(StaffRole(person_id=secretary.id, role="auditor", unit_id=s.get(council.Topic, topic_id).unit_id))
        s.flush()
        [event] = audit_ballots(s, topic_id, secretary)
        assert (event.person_id, event.option) == (person(s, VILLAGER).id, 2)
        public = open_topic(s, clock, secret=False, title="公开表决")
        assert audit_ballots(s, public, person(s, GROUP2_VILLAGER)) == []


def test_a_withdrawn_ballot_is_gone_the_audit_keeps_it_and_a_new_one_can_be_cast(demo_db: Database,
                                                                                 clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        me = person(s, VILLAGER)
        cast(s, clock, topic_id, me, 1)
        ballot = s.scalar(select(Ballot))
        assert withdraw(s, clock, ballot, me) == "withdrawn"
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0
        assert [e.kind for e in s.scalars(select(BallotEvent).order_by(BallotEvent.id))] == ["cast", "withdraw"]
        assert council.tally(s, s.get(council.Topic, topic_id)).cast == 0
        assert cast(s, clock, topic_id, me, 2).status == "recorded"


def test_a_withdrawn_ballot_takes_its_points_back_and_casting_again_pays_them_once_more(demo_db: Database,
                                                                                      clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        me = person(s, VILLAGER)
        cast(s, clock, topic_id, me, 1)
        cast(s, clock, topic_id, me, 2)  # a change pays nothing more
        assert points.balance(s, me.id) == 2
        assert withdraw(s, clock, s.scalar(select(Ballot)), me) == "withdrawn"
        assert points.balance(s, me.id) == 0
        assert "撤回投票-2" in points.summary_text(s, me.id)
        cast(s, clock, topic_id, me, 1)
        cast(s, clock, topic_id, me, 2)
        assert points.balance(s, me.id) == 2
        withdraw(s, clock, s.scalar(select(Ballot)), me)
        assert points.balance(s, me.id) == 0


def test_withdrawing_a_proxy_ballot_keeps_the_points_of_the_voters_own(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, allow_proxy=True)
        me, other = person(s, VILLAGER), person(s, GROUP1[1])
        if other.household_id != me.household_id:
            other.household_id = me.household_id
            s.flush()
        cast(s, clock, topic_id, me, 1)
        assert cast(s, clock, topic_id, me, 2, on_behalf_of=other).counted
        proxy = s.scalar(select(Ballot).where(Ballot.person_id == other.id))
        assert withdraw(s, clock, proxy, me) == "withdrawn"
        assert points.balance(s, me.id) == 2


def test_a_ballot_is_not_withdrawn_after_closing_or_on_a_topic_that_cannot_change(demo_db: Database,
                                                                                 clock: FakeClock) -> None:
    with demo_db.session() as s:
        me = person(s, VILLAGER)
        fixed = open_topic(s, clock, title="一锤定音", allow_change=False)
        cast(s, clock, fixed, me, 1)
        assert withdraw(s, clock, s.scalar(select(Ballot).where(Ballot.topic_id == fixed)), me) == "locked"
        later = open_topic(s, clock, title="修机耕路", hours=1)
        cast(s, clock, later, me, 1)
        clock.advance(hours=2)
        assert withdraw(s, clock, s.scalar(select(Ballot).where(Ballot.topic_id == later)), me) == "not_open"
        assert s.scalar(select(func.count()).select_from(Ballot)) == 2


def test_only_the_sender_of_a_ballot_can_withdraw_it(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        cast(s, clock, topic_id, person(s, GROUP1[1]), 1)
        assert withdraw(s, clock, s.scalar(select(Ballot)), person(s, VILLAGER)) == "not_yours"
        assert s.scalar(select(func.count()).select_from(Ballot)) == 1


def _fire(db: Database, clock: FakeClock, jobs: list[tuple[int, int, int]]) -> list[str]:
    """Run (topic, person id, option) ballots at once, each in its own transaction."""
    from bot.store.models import Person

    barrier = threading.Barrier(len(jobs))

    def one(job: tuple[int, int, int]) -> str:
        topic_id, person_id, option = job
        barrier.wait()
        with db.session() as s:
            return cast(s, clock, topic_id, s.get(Person, person_id), option).status

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(one, jobs))


def test_200_simultaneous_ballots_leave_exactly_one_ballot_each(demo_db: Database, clock: FakeClock) -> None:
    if demo_db.is_sqlite:
        pytest.skip("the race is PostgreSQL's: SQLite lets one writer in at a time")
    with demo_db.session() as s:
        voters = [p.id for p in add_villagers(s, 1, 200)]
        same_voter = person(s, VILLAGER).id
        topic_id = open_topic(s, clock, quorum_percent=0)
    # The same voter 200 times at once, switching between the three options.
    statuses = _fire(demo_db, clock, [(topic_id, same_voter, n % 3 + 1) for n in range(200)])
    assert statuses.count("recorded") == 1
    with demo_db.session() as s:
        ballots = list(s.scalars(select(Ballot).where(Ballot.topic_id == topic_id)))
        assert len(ballots) == 1
        last = s.scalar(select(BallotEvent).where(BallotEvent.topic_id == topic_id).order_by(BallotEvent.id.desc()))
        assert ballots[0].option == last.option  # the audit trail ends where the ballot stands
        assert points.balance(s, same_voter) == points.DEFAULT_RULES.amounts["ballot"]
    # 200 different voters at once.
    statuses = _fire(demo_db, clock, [(topic_id, pid, 1) for pid in voters])
    assert statuses == ["recorded"] * 200
    with demo_db.session() as s:
        keys = list(s.scalars(select(Ballot.voter_key).where(Ballot.topic_id == topic_id)))
        assert len(keys) == len(set(keys)) == 201
        assert council.tally(s, s.get(council.Topic, topic_id)).cast == 201
