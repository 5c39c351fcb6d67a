"""Blind test 26 (2026-12-06, docs/usertests/2026-12-06-blind14.md, #5, #6, #9, #10): merges by the subject, a
privacy question answered, policy questions put to the right entry, complaints wrapped in insults, 水沟通了 and a
first when-question, through the gateway, the real engine and the real action server.

Senders: unknown numbers +86139777800 … 839, in no other test."""

from __future__ import annotations

import pytest

from bot.channels.simulator import ONE_PIXEL_PNG
from bot.core import privacy
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
)

pytestmark = pytest.mark.engine
UNKNOWN = [f"+86139777{n:03d}" for n in range(800, 840)]


@pytest.mark.parametrize(("first", "theirs", "mine"), [
    (0, "安居苑门口电瓶车倒了一排", "安居苑后门的下水道盖子烂了 电瓶车差点栽进去"),
    (2, "河畔花园21栋门口电瓶车乱停 堵完了", "河畔花园21栋门口井盖翻起来了 车子差点掉进去"),
])
def test_a_thing_an_ebike_nearly_fell_into_is_never_merged_into_the_ebikes_report(running: Stack, first: int,
                                                                                   theirs: str, mine: str) -> None:
    rider, other = register(running, UNKNOWN[first]), register(running, UNKNOWN[first + 1])
    earlier = file_report(running, other, theirs)
    replies = " ".join(say(running, rider, mine))
    assert "并入" not in replies and earlier not in replies, replies
    assert [t.number for t in tickets_of(running, rider)] != [earlier]


@pytest.mark.parametrize(("n", "question"), [
    (4, "你们会不会把我电话号码给别人哦"), (5, "我的手机号会不会泄露出去哦"), (6, "你们莫把我名字告诉别人哈"),
])
def test_a_privacy_question_is_answered_never_a_registration(running: Stack, n: int, question: str) -> None:
    assert say(running, UNKNOWN[n], question) == [privacy.REPLY]
    assert tickets_of(running, UNKNOWN[n]) == []


@pytest.mark.parametrize(("n", "question", "meant"), [
    (7, "屋头老人过世了 丧葬补助咋个申请", "丧葬补助"), (8, "我妈去世了 丧葬费在哪领", "丧葬补助"),
    (9, "低抱咋个申请", "低保"), (10, "底抱要哪些材料", "低保"),
])
def test_a_policy_question_gets_its_own_entry(running: Stack, n: int, question: str, meant: str) -> None:
    answer = " ".join(say(running, UNKNOWN[n], question))
    assert meant in answer and "慢特病" not in answer, answer


def test_a_housing_fund_question_is_never_given_the_resettlement_answer(running: Stack) -> None:
    answer = " ".join(say(running, UNKNOWN[11], "住房公积金咋个取出来"))
    assert "搬迁" not in answer, answer


@pytest.mark.parametrize(("n", "words"), [
    (12, "你们那个网格员是个哈包 叫了几天都不来"),
    (13, "你们那个网格员就是个甩手掌柜 啥子都不管 河畔花园的"),
    (14, "我们那个网格员真是个懒汉 电话打了好几次都不回"),
])
def test_a_complaint_wrapped_in_an_insult_is_lodged(running: Stack, n: int, words: str) -> None:
    answer = " ".join(say(running, UNKNOWN[n], words))
    assert "意见已转给" in answer, answer


@pytest.mark.parametrize(("n", "report", "done"), [
    (15, "安居苑16栋背后的水沟堵了 臭得很", "水沟通了"),
    (16, "阳光小区28栋门口的阴沟堵了 水漫起来了", "阴沟通了 水下去了"),
])
def test_a_drain_flowing_again_resolves(running: Stack, n: int, report: str, done: str) -> None:
    number = file_report(running, UNKNOWN[n], report)
    [answer] = say(running, assignee_phone(running, number), f"{number} {done}")
    assert answer.startswith(f"工单{number}已办结"), answer
    assert ticket_numbered(running, number).status == "resolved"


@pytest.mark.parametrize(("n", "asked"), [(17, "好久来收嘛"), (18, "到底好久来清嘛"), (19, "垃圾啥时候来拉走哦")])
def test_a_first_when_question_about_the_rubbish_is_answered_with_the_ticket(running: Stack, n: int,
                                                                           asked: str) -> None:
    number = file_report(running, UNKNOWN[n], "河畔花园22栋垃圾好几天没人收了")
    answer = " ".join(say(running, UNKNOWN[n], asked))
    assert number in answer and "没太看懂" not in answer, answer


# In grid 1, some 300 m from POINT_IN_GRID_1 and from any other test's located report: a manhole filed at the
# shared point would take in test_conversation_context's rider's manhole there (并单).
HOLE_POINT = (25.4008, 103.3042)


@pytest.mark.parametrize(("n", "old", "new", "with_point"), [
    (20, "河畔花园23栋门口的路灯不亮了", "刚才拍的是井盖不见了 一个大洞", True),
    (21, "阳光小区29栋门口的路灯不亮了", "这张是建设路口红绿灯不亮了 车子乱开", False),
])
def test_a_riders_photo_before_a_new_report_is_not_announced_for_his_old_one(running: Stack, n: int, old: str,
                                                                             new: str, with_point: bool) -> None:
    rider = register(running, UNKNOWN[n])
    earlier = file_report(running, rider, old)
    point = {"lat": HOLE_POINT[0], "lon": HOLE_POINT[1]} if with_point else {}
    [held] = say(running, rider, "", photo=ONE_PIXEL_PNG, **point)
    assert "照片" in held and "稍后补充到工单" not in held, held
    number = file_report(running, rider, new)
    assert number != earlier
    assert len(ticket_numbered(running, number).photos) == 1
