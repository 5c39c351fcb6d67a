"""议事小院 topics: electorates, the status flow, opening messages, results and the 村口黑板."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import FakeClock
from bot.core import council
from bot.core.council_ballots import cast
from bot.store.council_models import Notice, Topic
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import OrgUnit
from tests.conftest import RESIDENT, VILLAGER
from tests.core.council_factories import GROUP1, GROUP2_VILLAGER, SECRETARY, group_id, open_topic, person
from tests.waiting import eventually


def _outbox(session: Session, recipient: str) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == recipient)
                                .order_by(OutboxMessage.id)))


def test_a_villager_group_electorate_is_exactly_its_villagers(demo_db: Database) -> None:
    with demo_db.session() as s:
        people = council.electorate_people(s, council.electorate_of(groups=[group_id(s, 1)]))
        assert sorted(p.phone for p in people) == GROUP1


def test_a_village_electorate_covers_every_group_and_a_list_covers_only_its_people(demo_db: Database) -> None:
    with demo_db.session() as s:
        village_id = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "SQ"))
        everyone = council.electorate_people(s, council.electorate_of(units=[village_id]))
        assert len([p for p in everyone if p.villager_group_id]) == 12 * 4
        listed = council.electorate_people(s, council.electorate_of(people=[person(s, RESIDENT).id]))
        assert [p.phone for p in listed] == [RESIDENT]
        with pytest.raises(council.CouncilError):
            council.electorate_of()


def test_opening_sends_every_eligible_voter_one_sms_with_the_options_and_buttons(demo_db: Database,
                                                                                 clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, description="每户每月5元，用于垃圾清运")
    with demo_db.session() as s:
        for phone in GROUP1:
            [msg] = _outbox(s, phone)
            assert "回复 1 赞成 2 反对 3 弃权" in msg.text
            assert len(msg.text) <= 70
            assert msg.payload["buttons"][1] == {"title": "反对", "payload": '/vote{"option":"2"}'}
            assert msg.payload["topic_id"] == topic_id
        assert _outbox(s, GROUP2_VILLAGER) == []
        assert s.get(Topic, topic_id).status == "open"


def test_a_long_title_still_fits_one_sms_when_opening(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="关于本组集体林地流转收益如何分配以及今后三年管护责任如何落实的议题",
                   description="请大家认真考虑后投票，每户都要参加")
        [msg] = _outbox(s, VILLAGER)
        assert len(msg.text) <= 70 and msg.text.endswith("回复 1 赞成 2 反对 3 弃权")


def test_a_proposal_goes_to_the_village_secretary_and_the_proposer_hears_the_outcome(demo_db: Database,
                                                                                    clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = council.propose(s, clock, person(s, VILLAGER), "修组里的机耕路", "每户出工两天")
        topic_id = topic.id
        assert topic.status == "proposed"
        assert topic.electorate["groups"] == [group_id(s, 1)]
        [to_secretary] = _outbox(s, SECRETARY)
        assert f"新议题{topic_id}待审" in to_secretary.text
    with demo_db.session() as s:
        council.approve(s, clock, topic_id)
        assert "已通过审核" in _outbox(s, VILLAGER)[-1].text
        with pytest.raises(council.CouncilError):
            council.approve(s, clock, topic_id)
    with demo_db.session() as s:
        other = council.propose(s, clock, person(s, VILLAGER), "全组养狗登记", "")
        council.reject(s, clock, other.id, "已有村规")
        assert s.get(Topic, other.id).status == "rejected"
        assert "暂未通过：已有村规" in _outbox(s, VILLAGER)[-1].text


def test_a_topic_cannot_open_before_approval_or_without_a_future_closing_time(demo_db: Database,
                                                                             clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = council.create_topic(s, clock, title="修路", electorate=council.electorate_of(groups=[group_id(s, 1)]),
                                     closes_at=clock.now())
        with pytest.raises(council.CouncilError):
            council.open_topic(s, clock, topic.id)
        council.approve(s, clock, topic.id)
        with pytest.raises(council.CouncilError):
            council.open_topic(s, clock, topic.id)


def test_closing_counts_ballots_reports_turnout_and_sends_the_result_to_the_electorate(demo_db: Database,
                                                                                      clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        for phone, option in zip(GROUP1[:3], [1, 1, 2], strict=True):
            assert cast(s, clock, topic_id, person(s, phone), option).status == "recorded"
    with demo_db.session() as s:
        result, notice = council.close_topic(s, clock, topic_id)
        assert (result.counts, result.cast, result.eligible) == ({1: 2, 2: 1, 3: 0}, 3, 4)
        assert result.turnout_percent == 75 and result.quorum_met and result.winner == 1
        assert "赞成2 反对1 弃权0" in notice.text and "投票3/4人(75%)" in notice.text and "通过" in notice.text
        assert s.get(Topic, topic_id).status == "published"
        assert s.get(Topic, topic_id).result["counts"] == {"1": 2, "2": 1, "3": 0}
        for phone in GROUP1:
            assert _outbox(s, phone)[-1].text == notice.text
        assert _outbox(s, GROUP2_VILLAGER) == []
        with pytest.raises(council.CouncilError):
            council.close_topic(s, clock, topic_id)


def test_without_quorum_the_result_does_not_stand(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, quorum_percent=60)
        cast(s, clock, topic_id, person(s, GROUP1[0]), 1)
        cast(s, clock, topic_id, person(s, GROUP1[1]), 1)
        result, notice = council.close_topic(s, clock, topic_id)
        assert not result.quorum_met and result.winner is None
        assert "未达法定人数" in notice.text


def test_two_thirds_needs_two_thirds_of_ballots_cast(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, rule="two_thirds")
        for phone, option in zip(GROUP1, [1, 1, 2, 2], strict=True):
            cast(s, clock, topic_id, person(s, phone), option)
        result, notice = council.close_topic(s, clock, topic_id)
        assert result.winner is None and "未形成三分之二多数" in notice.text
        other = open_topic(s, clock, rule="two_thirds", title="修路")
        for phone, option in zip(GROUP1[:3], [1, 1, 2], strict=True):
            cast(s, clock, other, person(s, phone), option)
        assert council.close_topic(s, clock, other)[0].winner == 1


def test_a_per_household_topic_counts_households(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, per_household=True)
        cast(s, clock, topic_id, person(s, GROUP1[0]), 2)
        cast(s, clock, topic_id, person(s, GROUP1[1]), 1)  # same household: replaces the first
        result, notice = council.close_topic(s, clock, topic_id)
        assert (result.counts[1], result.counts[2], result.cast, result.eligible) == (1, 0, 1, 2)
        assert "投票1/2户" in notice.text


def test_custom_options_name_the_winner(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, options=["早上七点", "晚上七点"], title="广场舞时间")
        [msg] = _outbox(s, VILLAGER)
        assert "回复 1 早上七点 2 晚上七点" in msg.text
        for phone in GROUP1[:3]:
            cast(s, clock, topic_id, person(s, phone), 2)
        assert "“晚上七点”胜出" in council.close_topic(s, clock, topic_id)[1].text


def test_due_topics_close_by_the_clock(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic_id = open_topic(s, clock, hours=1)
        assert council.close_due(s, clock) == []
        clock.advance(hours=1, seconds=1)
        assert council.close_due(s, clock) == [topic_id]
        assert s.get(Topic, topic_id).status == "published"


def test_cadres_post_notices_and_residents_ask_for_the_board(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        council.post_notice(s, clock, "本月美丽庭院户：张家", council.electorate_of(groups=[group_id(s, 1)]))
        topic_id = open_topic(s, clock, title="修机耕路")
        board = council.board_text(s, person(s, VILLAGER), clock.now())
        assert f"正在投票：{topic_id}号 修机耕路" in board and "【村口黑板】本月美丽庭院户：张家" in board
        assert _outbox(s, VILLAGER)[0].text == "【村口黑板】本月美丽庭院户：张家"
        assert council.board_text(s, person(s, GROUP2_VILLAGER), clock.now()) == "目前没有投票中的议题，也没有新公告。"
        assert s.scalar(select(Notice.kind)) == "notice"


def test_durations_read_minutes_hours_and_days() -> None:
    assert council.parse_duration("90m").total_seconds() == 5400
    assert council.parse_duration("2h").total_seconds() == 7200
    assert council.parse_duration("3d").days == 3


async def test_the_closer_loop_publishes_topics_whose_time_is_up(demo_db: Database, clock: FakeClock) -> None:
    import asyncio

    from bot.core.council_timer import TopicCloserLoop

    with demo_db.session() as s:
        topic_id = open_topic(s, clock, hours=1)
    clock.advance(hours=2)

    def published() -> bool:
        with demo_db.session() as s:
            return s.get(Topic, topic_id).status == "published"

    task = asyncio.create_task(TopicCloserLoop(demo_db, clock, interval=0.01).run())
    try:
        await eventually(published)
    finally:
        task.cancel()
    with demo_db.session() as s:
        assert s.get(Topic, topic_id).status == "published"
        assert s.scalar(select(Notice.topic_id)) == topic_id
