"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, failures 6 and 7): villagers' questions about their own
proposals, the results and the notices, and a thanks after the rating request, through the gateway, the real engine
and the real action server:

- 路灯那个议题批了没得 / 水渠那个议题有人审没得, 35 minutes after submitting it, get the proposal's own review state,
  never the list of topics open for voting (VL3, VL8n);
- 投票结果出来了没有 gets the turnout and when and where the results come (the close, the 村口黑板) (N5);
- 村里的公告在哪里看 is told where notices are read, then what is open (VL12n);
- 现在好些了 谢谢 after the worker's 办结 and the rating request is a 满意 rating, never a bare 不客气 (W21).

Senders: +86139555763000 … 099, in no other test; places 河畔花园 buildings 950–959. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration import households
from tests.integration.households import PER, joined
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
)
from tests.integration.test_conversation_votes import close_topic, open_topic

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557630{n:02d}" for n in range(100)]


def household(stack: Stack, first: int) -> tuple[str, str]:
    return households.household(stack, (SENDERS[first], SENDERS[first + 1]), ("张秀英", "李建华"), "石桥村三组")


def _propose(stack: Stack, villager: str, matter: str, detail: str) -> None:
    assert "想议什么事" in joined(say(stack, villager, "我想提个议题"))
    say(stack, villager, matter)
    assert "提交给村里审核吗" in joined(say(stack, villager, detail))
    assert "提交" in joined(say(stack, villager, "是的"))
    as_if_earlier(stack, villager, 35)


@pytest.mark.parametrize(("n", "matter", "detail", "asked"), [
    (0, "三组到四组那段路晚上太黑了 想装几盏路灯", "大概要三万块 村里出一半 各家凑一半", "路灯那个议题批了没得"),  # VL3
    (2, "村里的水渠该清了 每年夏天都堵", "大概要五千块 组里出工", "水渠那个议题有人审没得"),  # VL8n
    (4, "村头的垃圾池该挪个地方 夏天太臭", "挪到河边空地 大概两千块", "垃圾池那个提议审了没"),
    (6, "村口的晒坝想铺一层水泥", "大概要一万块 各家出点工", "晒坝的事批下来没得"),
])
def test_her_proposal_named_by_a_word_gets_its_review_state_never_the_open_topics(
        running: Stack, n: int, matter: str, detail: str, asked: str) -> None:
    villager, other = household(running, n)
    parking = open_topic(running, [villager, other], f"是否在村口修一个停车场 c37{n}")
    try:
        _propose(running, villager, matter, detail)
        said = joined(say(running, villager, asked))
        assert "已提交" in said and "审核" in said and "正在投票：" not in said, said
    finally:
        close_topic(running, parking)


def test_a_topic_word_with_no_proposal_of_hers_is_not_taken_for_one(running: Stack) -> None:
    villager, other = household(running, 10)
    parking = open_topic(running, [villager, other], "是否在村口修一个停车场 c37k")
    try:
        _propose(running, villager, "村里的水渠该清了 每年夏天都堵", "大概要五千块 组里出工")
        said = joined(say(running, villager, "停车场那个投得咋样了"))
        assert "停车场" in said and "已提交" not in said, said
    finally:
        close_topic(running, parking)


@pytest.mark.parametrize(("n", "asked"), [
    (20, "投票结果出来了没有"),  # N5
    (22, "投票结果好久出来"),
    (24, "投票结果出来没得"),
])
def test_the_results_asked_before_the_close_say_when_and_where_they_come(running: Stack, n: int, asked: str) -> None:
    villager, other = household(running, n)
    parking = open_topic(running, [villager, other], f"是否在村口修一个停车场 c37{n}")
    fee = open_topic(running, [villager, other], f"垃圾清运费按人头还是按户收 c37{n}", options=PER)
    try:
        assert "按户" in joined(say(running, villager, "垃圾费那个我投按户"))
        as_if_earlier(running, villager, 35)
        said = joined(say(running, villager, asked))
        assert "已投" in said and "截止" in said and "村口黑板" in said, said
    finally:
        close_topic(running, fee)
        close_topic(running, parking)


@pytest.mark.parametrize(("n", "asked"), [
    (30, "村里的公告在哪里看"),  # VL12n
    (32, "公告贴在哪点的"),
    (34, "村上的通知在哪儿看得到"),
])
def test_where_notices_are_read_is_said(running: Stack, n: int, asked: str) -> None:
    villager, other = household(running, n)
    parking = open_topic(running, [villager, other], f"是否在村口修一个停车场 c37{n}")
    try:
        said = joined(say(running, villager, asked))
        assert "村口黑板" in said, said
    finally:
        close_topic(running, parking)


@pytest.mark.parametrize(("n", "said"), [
    (50, "现在好些了 谢谢"),  # W21
    (51, "好多了 谢谢你们"),
    (52, "现在不熏了 谢谢"),
    (53, "比以前好点了 谢谢哈"),
])
def test_thanks_with_a_verdict_after_the_rating_request_are_a_satisfied_rating(
        running: Stack, n: int, said: str) -> None:
    rider = register(running, SENDERS[n])
    number = file_report(running, rider, f"河畔花园95{n % 10}栋楼下馆子的油烟大得很")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 找老板说了 装了油烟净化器")
    as_if_earlier(running, rider, 2)
    answer = " ".join(say(running, rider, said))
    assert not answer.startswith("不客气") and "请问在哪" not in answer, answer
    assert len(tickets_of(running, rider)) == 1, answer
    ticket = ticket_numbered(running, number)
    assert ticket.rating == 1 and ticket.status == "closed", (ticket.rating, ticket.status, answer)
