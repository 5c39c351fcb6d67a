"""Blind test 22 (2026-12-06, docs/usertests/2026-12-06-blind10.md): words acting on "that one" act on the one
they mean, through the gateway, the real engine and the real action server, on SQLite and PostgreSQL.

- #59: 3栋背后垃圾那个不用来了 物业已经拉走了, with a leak filed since: the rubbish ticket is withdrawn, its holder
  told not to come; the leak stays open.
- #25: 取消 to "撤回哪个议题的票？" drops the question: no ballot is withdrawn.
- #19: a location sent alone after a report, then 就是刚才那个垃圾的位置: the report's place, never a withdrawal.
- #30: 按错了 应该是2 味道还是有点: the changed rating's remaining problem reaches the worker and reopens the ticket.
- #72: a reporter asked to rate a ticket another reporter's rating reopened hears it, and 一般般嘛 is told why
  there is nothing to rate.

Senders: residents +8613900000293 … 299 of 幸福社区第1网格 and riders +8613600000084 … 086, registered here and
in no other test; the voter is resident +8613900000298 on topics of her own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core.tickets import follow
from bot.store.models import Person, Ticket
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, register, say, tickets_of, told
from tests.integration.test_conversation_votes import ballots, close_topic, database, open_topic, ticket_status

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
RESIDENTS = [f"+86139{n:08d}" for n in range(293, 300)]
RIDERS = [f"+86136{n:08d}" for n in range(84, 87)]  # 71 … 75 are test_conversation_riders's, 95 … 99 fragments'
IN_ANJU_GRID_1 = (25.4072, 103.3021)  # 安居社区第1网格 (安居苑), as in the media tests


def resident(stack: Stack, n: int) -> str:
    return register(stack, RESIDENTS[n], "resident", GRID)


def test_a_withdrawal_naming_the_older_reports_rubbish_withdraws_that_one_not_the_latest_leak(running: Stack):
    me = resident(running, 0)
    # 15栋: a building no other module reports rubbish at, or the report is merged (并单) into another sender's
    rubbish = file_report(running, me, "阳光小区15栋背后那个垃圾桶好几天莫得人来收了 臭得很")
    holder = assignee_phone(running, rubbish)
    leak = file_report(running, me, "另外 楼上302漏水到我屋头了 天花板都湿了")
    assert leak != rubbish
    replies = say(running, me, "15栋背后垃圾那个不用来了 物业已经拉走了")
    said = " ".join(replies)
    assert rubbish in said and "撤销" in said and leak not in said and "要撤销请回复" not in said, replies
    assert ticket_status(running, rubbish) == "cancelled"
    assert ticket_status(running, leak) not in ("cancelled", "closed"), leak
    assert any("撤销" in t and "物业已经拉走了" in t for t in told(running, holder, rubbish))


def test_cancel_or_never_mind_in_answer_to_which_topics_ballot_withdraws_no_ballot(running: Stack):
    voter = resident(running, 5)
    parking = open_topic(running, [voter], "是否修村口停车场")
    lights = open_topic(running, [voter], "村道路灯安装时间", options=["春节前", "春节后"])
    try:
        assert any("赞成" in r for r in say(running, voter, "停车场那个我赞成"))
        assert any("春节前" in r for r in say(running, voter, "路灯我投春节前"))
        before = ballots(running, parking, lights)
        assert len(before) == 2
        say(running, voter, "停车场那个投票结果咋样了")  # as the tester did: the ballot just cast is no longer meant
        for withdraw, never_mind in (("撤回投票", "取消"), ("撤回投票", "算了 不撤了"),
                                     ("我想把投的票收回来", "哎呀 算了 莫撤了")):  # the last in dialect, blind test 23
            asked = say(running, voter, withdraw)
            assert any("撤回哪个议题" in r for r in asked), asked
            [answer] = say(running, voter, never_mind)
            assert "不撤了" in answer and "已撤回" not in answer and "工单" not in answer, answer
            assert ballots(running, parking, lights) == before
    finally:
        close_topic(running, parking)
        close_topic(running, lights)


def test_a_location_sent_after_a_report_and_said_to_be_its_place_goes_onto_that_report(running: Stack):
    rider = register(running, RIDERS[0], "rider")
    number = file_report(running, rider, "农贸市场后面那条巷子 垃圾堆成山了 一直没人清")
    say(running, rider, "", lat=IN_ANJU_GRID_1[0], lon=IN_ANJU_GRID_1[1])
    replies = say(running, rider, "就是刚才那个垃圾的位置")
    said = " ".join(replies)
    assert number in said and "位置" in said and "撤销" not in said, replies
    [ticket] = [t for t in tickets_of(running, rider) if t.number == number]
    assert ticket.status not in ("cancelled", "closed")
    assert (round(ticket.lat, 4), round(ticket.lon, 4)) == IN_ANJU_GRID_1
    holder = assignee_phone(running, number)
    assert any("位置" in t for t in told(running, holder, number)) or "已派给" in said


def test_a_changed_rating_that_says_the_smell_remains_reopens_the_ticket_and_tells_the_worker(running: Stack):
    me = resident(running, 1)
    number = file_report(running, me, "阳光小区6栋楼道里头的下水道堵了 臭得很")
    holder = assignee_phone(running, number)
    assert any("已办结" in r for r in say(running, holder, f"{number} 已办结 管子通了"))
    assert any("感谢评价" in r for r in say(running, me, "1"))
    replies = say(running, me, "按错了 应该是2 味道还是有点")
    said = " ".join(replies)
    assert number in said and "味道还是有点" in said and "转告承办人" in said, replies
    assert ticket_status(running, number) == "reopened"
    assert any("味道还是有点" in t for t in told(running, holder, number))


def _follow_as_reporter(stack: Stack, number: str, phone: str) -> None:
    """`phone` merged into ticket `number` as a reporter, as 并单 does."""
    db = database(stack)
    try:
        with db.session() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.number == number))
            person = s.scalar(select(Person).where(Person.phone == phone))
            follow(s, ticket, phone, "simulator", "reporter", person)
    finally:
        db.dispose()


def test_a_reporter_asked_to_rate_hears_when_another_reporter_reopens_it_and_a_rating_then_says_why(
        running: Stack):
    first, merged = resident(running, 2), resident(running, 3)
    number = file_report(running, first, "阳光小区8栋楼下的化粪池冒出来了 污水漫得到处都是")
    _follow_as_reporter(running, number, merged)
    holder = assignee_phone(running, number)
    assert any("已办结" in r for r in say(running, holder, f"{number} 已办结 管子通了 地面冲干净了"))
    assert any("重新交办" in r for r in say(running, merged, "3 还是臭得很"))
    assert ticket_status(running, number) == "reopened"
    heard = told(running, first, number)
    assert any("重新交办" in t for t in heard), heard
    [answer] = say(running, first, "一般般嘛")
    assert number in answer and "又在处理" in answer and "没有待评价" not in answer, answer
