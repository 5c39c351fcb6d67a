"""Votes whose meaning is in the conversation (blind test 7, #26, #27, #52), through the gateway, the real engine
and the real action server, on SQLite and PostgreSQL: a ballot for a family member named by name is a proxy
ballot (refused where the topic allows none: never a road ticket), a topic named alone is shown and never
filed, "不是反映问题 不报了" says what was done, and a change right after a closed topic's result gets 已截止.

The voters are residents of 安居社区第3网格 (+8613900000121 … 130, in no other conversation; households
121+122, 125+126, 129+130) voting on topics of their own, each conversation with voters of its own, in the
villagers' words."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.council_models import PointsEntry
from bot.store.models import Person
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of
from tests.integration.test_conversation_votes import ballots, close_topic, database, name_of, open_topic, ticket_status

pytestmark = pytest.mark.engine

AJ_GRID_3 = [f"+86139{n:08d}" for n in range(121, 131)]


def reply(stack: Stack, sender: str, text: str) -> str:
    replies = say(stack, sender, text)
    assert replies, f"no reply to {text!r}"
    return "\n".join(replies)


def points_of(stack: Stack, phone: str) -> list[tuple[str, int]]:
    db = database(stack)
    try:
        with db.session() as s:
            person = s.scalar(select(Person.id).where(Person.phone == phone))
            return [(e.reason, e.amount) for e in s.scalars(select(PointsEntry).where(PointsEntry.person_id == person))]
    finally:
        db.dispose()


def test_a_ballot_for_a_member_named_by_name_is_a_proxy_ballot_never_a_ticket(running: Stack) -> None:
    voters = AJ_GRID_3[0:4]
    member, me = voters[0], voters[1]  # one household
    road = open_topic(running, voters, "村道硬化时间", options=["春节前", "春节后"])
    fee = open_topic(running, voters, "是否收缴垃圾清运费", allow_proxy=True)
    name = name_of(running, member)
    # A topic that allows no proxy: said so, nothing recorded, no ticket, no points (blind test 7, #26).
    said = reply(running, me, f"修路那个 帮{name}投春节前")
    assert "“村道硬化时间”不能代投" in said and "您的票没有变" in said, said
    assert ballots(running, road, fee) == {}
    assert tickets_of(running, me) == [] and points_of(running, me) == []
    # A topic that allows proxies: a ballot for him, his given name enough; his own ballot replaces it.
    said = reply(running, me, f"垃圾费那个 帮{name[1:] if len(name) >= 3 else name}投反对")
    assert f"已替{name}投" in said and "反对" in said and "您自己的票不变" in said, said
    assert ballots(running, road, fee) == {(fee, member): (2, True, me)}
    assert "赞成" in reply(running, member, "垃圾费那个我自己投赞成")
    said = reply(running, me, f"垃圾费那个 帮{name}投反对")
    assert "以本人的票为准" in said, said
    assert ballots(running, road, fee) == {(fee, member): (1, False, member)}
    assert tickets_of(running, me) == []
    close_topic(running, road)
    close_topic(running, fee)


def test_a_topic_named_alone_is_shown_never_filed_and_not_reporting_says_what_was_done(running: Stack) -> None:
    voters = AJ_GRID_3[8:10]
    me, reporter = voters
    fee = open_topic(running, voters, "是否收缴垃圾清运费")
    road = open_topic(running, voters, "村道硬化时间", options=["春节前", "春节后"])
    assert "您投赞成" in reply(running, me, "垃圾费那个我赞成")
    assert "您投春节后" in reply(running, me, "修路那个我投春节后")
    assert reply(running, me, "撤回投票").startswith("已撤回您对“村道硬化时间”的投票")
    # The topic's name alone (blind test 7, #27): shown with her own ballot and how to change it, not filed.
    said = reply(running, me, "垃圾费那个")
    assert said.startswith("“是否收缴垃圾清运费”您投了赞成") and "回复 1 赞成 2 反对 3 弃权" in said, said
    said = reply(running, me, "刚才那个不是反映问题 算了 不报了")
    assert "没有记成工单" in said, said
    assert tickets_of(running, me) == []
    assert ballots(running, fee, road) == {(fee, me): (1, False, me)}
    # Named alone again, then 撤回: that topic's ballot; then her digit is her ballot on the topic shown.
    assert reply(running, me, "垃圾费那个").startswith("“是否收缴垃圾清运费”您投了赞成")
    assert reply(running, me, "撤回").startswith("已撤回您对“是否收缴垃圾清运费")
    assert "您还没投" in reply(running, me, "清运费那个议题")
    assert "您投反对" in reply(running, me, "2")
    assert ballots(running, fee, road) == {(fee, me): (2, False, me)}
    assert tickets_of(running, me) == []
    # A real report taken back with the same words: the reply says which ticket was withdrawn.
    number = number_in(say(running, reporter, "村口那盏路灯坏了好几天了 晚上黑黢黢的"))
    said = reply(running, reporter, "刚才那个不是反映问题 算了 不报了")
    assert number in said and "撤销" in said and "没有可以撤销" not in said, said
    assert ticket_status(running, number) == "cancelled"
    close_topic(running, fee)
    close_topic(running, road)


def test_a_change_right_after_a_closed_topics_result_gets_closed_not_the_open_topic(running: Stack) -> None:
    voters = AJ_GRID_3[4:8]
    me, neighbour = voters[1], voters[2]
    fee = open_topic(running, voters, "是否收缴垃圾清运费")
    road = open_topic(running, voters, "村道硬化时间", options=["春节前", "春节后"])
    assert "您投赞成" in reply(running, neighbour, "垃圾费那个我赞成")
    close_topic(running, fee)
    said = reply(running, me, "垃圾费那个最后定下来没有")
    assert "是否收缴垃圾清运费" in said and "已截止" in said and "赞成1" in said, said
    said = reply(running, me, "那我改投赞成嘛")  # blind test 7, #52: about the topic just talked about
    assert "已截止" in said and "没有计票" in said and "春节" not in said, said
    assert ballots(running, fee, road) == {(fee, neighbour): (1, False, neighbour)}
    assert "您投春节后" in reply(running, me, "修路那个我投春节后")  # the open topic, when it is meant
    assert ballots(running, fee, road) == {(fee, neighbour): (1, False, neighbour), (road, me): (2, False, me)}
    close_topic(running, road)
