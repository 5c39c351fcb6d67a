"""Blind test 25 (2026-12-06, docs/usertests/2026-12-06-blind13.md, V1, V8, V11, R2, R5, A37, A54): votes said
amid other talk and smaller ticket replies, through the gateway, the real engine and the real action server.

- V8: a ballot (健身器材那个改投反对) while a proposal is drafted is recorded; the draft waits and is asked again.
- V11: 健身器材那个结果出来没得 gets when it closes and the turnout; once closed, its result.
- V1: after 我可以帮隔壁王婆婆投票不, 她不是我屋头的 是邻居 gets the refusal kindly.
- R5: the second urge, raised to 片区督办, says so.
- A37, R2: 化粪池抽干净了 不臭了 resolves; 👌 answering the rating request is 满意.
- A54: a worker withdraws the report he filed on a visit.

Senders: villagers and residents +86135555100 … 139 (households of two in 石桥村网格 from 100; 幸福社区第1网格 from
130), unknown numbers +86139777400 … 439, in no other test. Topics are open to this test's villagers only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from bot.store.models import Household, Person
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    register,
    say,
    session_of,
    ticket_numbered,
    told,
)
from tests.integration.test_conversation_votes import ballots, close_topic, open_topic

pytestmark = pytest.mark.engine
PEOPLE = [f"+86135555{n:03d}" for n in range(100, 140)]
UNKNOWN = [f"+86139777{n:03d}" for n in range(400, 440)]
NAMES = ["钱德明", "孙秀英", "周建军", "吴桂芳", "郑国华", "冯玉兰", "褚志强", "卫淑珍"]
FITNESS = "是否在村口装健身器材"
WORKER = "+8613700000001"  # 李磊, 幸福社区第1网格
PROXY_VOTE = "只能替同户的家人投，且议题要允许代投；邻居请他自己回复投票，不会用手机可以找网格员帮忙。"


def household(stack: Stack, first: int, grid: str = "石桥村网格", address: str = "石桥村三组") -> tuple[str, str]:
    """People `first` and `first + 1` in one household of `grid`, as a household import would have them."""
    phones = (PEOPLE[first], PEOPLE[first + 1])
    for phone in phones:
        register(stack, phone, "resident", grid)
    with session_of(stack) as s:
        people = [s.scalar(select(Person).where(Person.phone == phone)) for phone in phones]
        if people[0].household_id is None:
            home = Household(code=f"H5555{first:03d}", unit_id=people[0].home_unit_id, address=address)
            s.add(home)
            s.flush()
            for n, person in enumerate(people):
                person.household_id, person.name = home.id, NAMES[(first + n) % len(NAMES)]
    return phones


@contextmanager
def fitness(stack: Stack, voters: tuple[str, str]) -> Iterator[int]:
    topic = open_topic(stack, list(voters), FITNESS)
    try:
        yield topic
    finally:
        close_topic(stack, topic)


def test_a_ballot_amid_a_proposal_is_recorded_and_the_draft_waits(running: Stack) -> None:
    me, other = household(running, 0)
    with fitness(running, (me, other)) as topic:
        assert "想议什么事" in " ".join(say(running, me, "我想提个议题"))
        assert "请简单说明一下" in " ".join(say(running, me, "村口垃圾池离屋太近了 夏天臭 想搬远点"))
        replies = say(running, me, "健身器材那个改投反对")
        assert len(replies) == 2 and "反对" in replies[0] and "请简单说明一下" in replies[1], replies
        assert ballots(running, topic) == {(topic, me): (2, False, me)}
        confirm = " ".join(say(running, me, "夏天臭得很 想搬到村外头去"))
        assert "提交给村里审核吗" in confirm and "健身器材" not in confirm and "搬到村外头" in confirm, confirm
        replies = say(running, me, "我投赞成 健身器材那个")  # at the confirmation: the ballot, the question again
        assert "赞成" in replies[0] and "提交给村里审核吗" in replies[-1], replies
        assert ballots(running, topic) == {(topic, me): (1, False, me)}
        assert "取消" in " ".join(say(running, me, "不"))


@pytest.mark.parametrize(("first", "question"), [(2, "健身器材那个结果出来没得"), (4, "健身器材投得咋样了"),
                                                 (6, "装健身器材那个定了没得")])
def test_asking_a_topics_result_by_a_word_is_answered(running: Stack, first: int, question: str) -> None:
    me, other = household(running, first)
    with fitness(running, (me, other)) as topic:
        say(running, other, "健身器材我投赞成")
        [answer] = say(running, me, question)
        assert "还在投票" in answer and "截止后公布结果" in answer and "已投1/2人" in answer, answer
    [answer] = say(running, me, question)
    assert "已截止" in answer, answer
    assert ballots(running, topic) == {(topic, other): (1, False, other)}


@pytest.mark.parametrize(("first", "then"), [(8, "她不是我屋头的 是邻居"), (10, "王婆婆是隔壁的 不是我家的"),
                                             (12, "她是邻居噻 一个人住")])
def test_saying_she_is_a_neighbour_after_asking_gets_the_refusal_kindly(running: Stack, first: int, then: str) -> None:
    me, other = household(running, first)
    with fitness(running, (me, other)) as topic:
        assert say(running, me, "我可以帮隔壁王婆婆投票不 她眼睛看不见") == [PROXY_VOTE]
        [answer] = say(running, me, then)
        assert "不能替" in answer and "网格员" in answer and "没太看懂" not in answer, answer
        assert ballots(running, topic) == {}


def test_the_second_urge_raised_to_a_supervisor_says_so(running: Stack) -> None:
    me = UNKNOWN[0]
    leak = file_report(running, me, "楼上漏水 漏到我屋厨房了 阳光小区26栋402")
    first = " ".join(say(running, me, "楼上漏水那个好久来人嘛 快点"))  # answered with its state, and urged
    assert leak in first and "催办" in first and "督办" not in first, first
    second = " ".join(say(running, me, "催了还是没人来 再催一下 到底来不来嘛"))
    assert leak in second and "片区督办" in second, second
    third = " ".join(say(running, me, "漏水那个再催一下"))
    assert leak in third and "第3次" in third, third


@pytest.mark.parametrize(("n", "report", "done", "rating"), [
    (1, "阳光小区27栋背后的化粪池满了 臭得很", "化粪池抽干净了 不臭了", "👌"),
    (2, "河畔花园16栋楼道堆满了垃圾 没人扫", "楼道清理干净了", "👍"),
    (3, "安居苑15栋门口下水道堵了 水漫起来了", "下水道疏通了 不堵了", "👌👌"),
])
def test_plain_words_of_work_done_resolve_and_a_thumbs_up_rates_it(running: Stack, n: int, report: str, done: str,
                                                                   rating: str) -> None:
    me = UNKNOWN[n]
    number = file_report(running, me, report)
    worker = assignee_phone(running, number)
    [answer] = say(running, worker, f"{number} {done}")
    assert answer.startswith(f"工单{number}已办结"), answer
    assert any("请评价" in m for m in told(running, me, number))
    [rated] = say(running, me, rating)
    assert rated == f"感谢评价！工单{number}已完结。", rated
    ticket = ticket_numbered(running, number)
    assert (ticket.status, ticket.rating) == ("closed", 1)


@pytest.mark.parametrize(("first", "words"), [(30, "{n} 填错户了 撤销"), (32, "撤销 {n} 户号搞错了"),
                                              (34, "{n} 这个户填错了 撤回")])
def test_a_worker_withdraws_the_report_he_filed_on_a_visit(running: Stack, first: int, words: str) -> None:
    resident, _ = household(running, first, "幸福社区第1网格", f"阳光小区23栋{first}1")
    code = f"H5555{first:03d}"
    filed = " ".join(say(running, WORKER, f"走访 {code} 反映 阳台的雨棚漏水"))
    number = filed.split("工单")[1][:5]
    assert ticket_numbered(running, number).reporter_address == resident
    [answer] = say(running, WORKER, words.format(n=number))
    assert answer == f"好的，工单{number}已撤销。", answer
    assert ticket_numbered(running, number).status == "cancelled"
    assert "误登记" in told(running, resident, number)[-1]
