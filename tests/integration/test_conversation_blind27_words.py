"""Blind test 27 (2026-12-06, docs/usertests/2026-12-06-blind15.md, A47, A81b, A82, A82b, A3b, A48, A49c, A-B126,
B75, B108, B9, B105, B23, A10b, A71, A-B57b): a grid worker called a 甩手掌柜, our number asked for in other words,
a neighbour's number asked with a dripping aircon beside it, who we are and who manages the estate, a birthday,
praise and age, a wrong number owned up to, and a rating in words, through the gateway, the real engine and the
real action server.

Senders: numbers +86139666140 … 179, in no other test; reports at 河畔花园41–45栋, where no other test files."""

from __future__ import annotations

import pytest

from bot.core import chatter
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, live_at, say, tickets_of, told

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n:03d}" for n in range(140, 180)]
GRID = "幸福社区第1网格"
CENTRE = "0874-3112345"


def _plain_words(replies: list[str]) -> str:
    answer = " ".join(replies)
    assert "没太看懂" not in answer and "答不上" not in answer and "帮不上忙" not in answer, answer
    assert all(len(r) <= 70 for r in replies), replies
    return answer


@pytest.mark.parametrize(("n", "words"), [
    (0, "网格员是个甩手掌柜 找他啥都推 河畔花园的"), (1, "你们网格员是甩手掌柜 事情都推来推去"),
    (2, "那个网格员一天到晚推三阻四 啥事都不给办"),
])
def test_a_grid_worker_called_a_shirker_is_a_complaint_never_his_own_ticket(running: Stack, n: int,
                                                                            words: str) -> None:
    answer = _plain_words(say(running, SENDERS[n], words))
    assert "意见已转给" in answer, answer
    [ticket] = tickets_of(running, SENDERS[n])
    assert ticket.assignee is None or ticket.assignee_role != "grid_worker", ticket.assignee_role


@pytest.mark.parametrize(("n", "words"), [
    (3, "我年纪大了不会打字 有没得电话可以打给你们"), (4, "我不认字 叫孙子帮我发的 有电话没得"),
    (5, "我字都认不到几个 你们有没得人工电话"), (6, "有没得电话号码嘛 我想直接打过来问"),
    (7, "耳朵背 接不到电话 只能发信息"), (8, "我耳朵聋 你们打电话我听不到 有事发短信给我"),
])
def test_our_number_asked_in_other_words_is_given(running: Stack, n: int, words: str) -> None:
    answer = _plain_words(say(running, SENDERS[n], words))
    assert CENTRE in answer and "不便提供" not in answer and "在哪" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_a_neighbours_number_is_refused_and_his_dripping_aircon_filed(running: Stack) -> None:
    resident = live_at(running, SENDERS[9], GRID, "河畔花园41栋2单元201")
    answer = " ".join(say(running, resident, "帮我查一下5栋302那家的电话 他家空调水滴到我窗台上了"))
    assert "不能给您" in answer or "不便提供" in answer, answer
    [ticket] = tickets_of(running, resident)
    assert "空调" in ticket.text, ticket.text


def test_who_we_are_is_answered_never_the_fraud_warning(running: Stack) -> None:
    answer = _plain_words(say(running, SENDERS[10], "你们是哪个单位的 靠不靠谱哦"))
    assert "网格通" in answer and "骗子" not in answer, answer


def test_who_manages_the_estate_is_answered_or_filed(running: Stack) -> None:
    answer = " ".join(say(running, SENDERS[11], "我们河畔花园42栋好久都莫得物业了 到底哪个来管嘛"))
    assert "没有在办的工单" not in answer and "没太看懂" not in answer, answer


def test_the_parking_fee_is_answered_or_honestly_not(running: Stack) -> None:
    answer = " ".join(say(running, SENDERS[12], "你好 我想问一下 安居苑的停车费好多钱一个月"))
    assert "没太看懂" not in answer, answer


@pytest.mark.parametrize(("n", "words"), [
    (13, "今天我过生"), (14, "我满80了"), (15, "今天我过生日 七十五了"), (16, "你好聪明哦 比我孙子还会说"),
    (17, "你真能干"), (18, "你多大了 是男的女的"),
])
def test_small_talk_is_answered_warmly(running: Stack, n: int, words: str) -> None:
    answer = _plain_words(say(running, SENDERS[n], words))
    assert "在哪" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


@pytest.mark.parametrize(("n", "chat", "sorry"), [
    (19, "老公 晚上回来吃饭不", "发错了 莫管哈"), (20, "哥 今晚喝酒不", "发错了 对不起哈"),
])
def test_a_wrong_number_owned_up_to_is_forgiven(running: Stack, n: int, chat: str, sorry: str) -> None:
    assert say(running, SENDERS[n], chat) == [chatter.NOT_FOR_US]
    assert say(running, SENDERS[n], sorry) == [chatter.NEVER_MIND]
    assert tickets_of(running, SENDERS[n]) == []


@pytest.mark.parametrize(("n", "place", "rating", "remark"), [
    (21, "河畔花园43栋", "还将就 就是来得慢了点", "来得慢了点"),
    (22, "河畔花园44栋", "还可以 就是等得有点久", "等得有点久"),
    (23, "河畔花园45栋", "勉强嘛 等了好几天", "等了好几天"),
])
def test_a_rating_in_words_is_basically_satisfied_with_the_remark_passed_on(running: Stack, n: int, place: str,
                                                                           rating: str, remark: str) -> None:
    number = file_report(running, SENDERS[n], f"{place}门口的垃圾堆起了没人清")
    holder = assignee_phone(running, number)
    done = " ".join(say(running, holder, f"{number} 已办结 垃圾清完了"))
    assert "已办结" in done, done
    answer = " ".join(say(running, SENDERS[n], rating))
    assert "请评价" not in answer and number in answer, answer
    [ticket] = tickets_of(running, SENDERS[n])
    assert ticket.rating == 2, ticket.rating
    assert any(remark in m for m in told(running, holder, number)), told(running, holder, number)
