"""Blind test 32 (2026-12-07, docs/usertests/2026-12-07-blind20.md): impostor and fraud questions that are no scene at
the door, through the gateway, the real engine and the real action server:

- 咋个晓得上门的网格员是不是假的 / 咋个辨别网格员是真是假: the work card, what a real one never asks for, the
  community's number; 他说他叫周明 是河畔花园的网格员 是真的不: yes, with his number to check;
- 网格员上门要收身份证原件 / 要看身份证 正常不: looked at is usual, taken is not;
- 说是燃气公司的 又说是社区的 要收检测费: don't open, don't pay, check;
- after 有人冒充网格员上门推销保健品 (a ticket): still about and the sender afraid → stay in, lock the door, 110, the
  words on his ticket; 是不是骗子嘛 → likely, never the phone-scam text;
- 接到个电话说我医保卡出问题 我转了五千过去: 110 and 96110 at once, no ticket.

Senders: +86139555510000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 521–539. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, assignee_phone, say, tickets_of, told, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555510{n:02d}" for n in range(100)]
CENTRE = "0874-3112345"


@pytest.mark.parametrize(("n", "words"), [
    (0, "咋个辨别网格员是真是假"),  # A102: not understood
    (1, "怎么知道网格员是不是真的"),
    (2, "假网格员咋个认得出来哦"),
    (11, "真的网格员有没得工作证哦"),
])
def test_how_to_tell_a_real_grid_worker_is_answered(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "工作证" in answer and "验证码" in answer and "原件" in answer and CENTRE in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_asked_how_to_tell_then_the_named_worker_is_confirmed(running: Stack) -> None:
    sender = SENDERS[3]  # A4: both the volunteer-team answer
    first = understood(say(running, sender, "咋个晓得上门的网格员是不是假的"))
    assert "工作证" in first and CENTRE in first and "志愿" not in first, first
    as_if_earlier(running, sender, 6)
    second = understood(say(running, sender, "他说他叫周明 是河畔花园的网格员 是真的不"))
    assert second.startswith("对") and "周明是河畔花园的网格员" in second and "13700000009" in second, second
    assert "志愿" not in second and "工单" not in second, second
    assert tickets_of(running, sender) == []


def test_a_name_that_is_not_the_estates_worker_is_told_who_is(running: Stack) -> None:
    sender = SENDERS[4]
    answer = understood(say(running, sender, "她叫李芳 说是安居苑的网格员 真的不"))
    assert "杨艳" in answer and "不叫李芳" in answer and "别开门" in answer and not answer.startswith("对"), answer


def test_papers_taken_are_not_usual_and_looked_at_are(running: Stack) -> None:
    taken = understood(say(running, SENDERS[5], "网格员上门要收身份证原件 正常不"))  # A6: ID-card replacement
    assert taken.startswith("不正常") and "原件" in taken and CENTRE in taken and "补办" not in taken, taken
    looked = understood(say(running, SENDERS[6], "网格员上门要看身份证 正常不"))  # A103: "请问在哪点？"
    assert "正常" in looked and not looked.startswith("不正常") and "拿走原件" in looked, looked
    assert tickets_of(running, SENDERS[5]) == [] and tickets_of(running, SENDERS[6]) == []


@pytest.mark.parametrize(("n", "words"), [
    (7, "门口有个人说是燃气公司的 又说是社区的 要收检测费"),  # A87: "请问在哪点？"
    (8, "有个自称天然气公司的上门 说要换管子 收三百"),
])
def test_a_fee_asked_at_the_door_is_dont_open_dont_pay(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "别开门" in answer and "别交钱" in answer and "燃气公司" in answer and CENTRE in answer, answer
    assert "110" in answer and "挂断" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_after_an_impostor_reported_the_afraid_sender_stays_in_and_he_is_likely_a_cheat(running: Stack) -> None:
    sender = SENDERS[9]  # A5: 补充 only, then the phone-scam text
    say(running, sender, "有人冒充网格员上门推销保健品 安居苑521栋的")
    [ticket] = tickets_of(running, sender)
    number = str(ticket.number)
    as_if_earlier(running, sender, 6)
    afraid = understood(say(running, sender, "卖保健品那个人还在楼下转 我不敢出去"))
    assert "锁" in afraid and "别开门" in afraid and "110" in afraid and number in afraid, afraid
    assert any("还在楼下转" in m for m in told(running, assignee_phone(running, number), number))
    as_if_earlier(running, sender, 5)
    cheat = understood(say(running, sender, "那个人走了 是不是骗子嘛"))
    assert "骗子" in cheat and "别开门" in cheat and "挂断" not in cheat and "96110" not in cheat, cheat
    assert len(tickets_of(running, sender)) == 1


def test_money_sent_after_a_call_is_110_and_96110_at_once(running: Stack) -> None:
    sender = SENDERS[10]  # A59: an ordinary ticket to 杨艳
    answer = understood(say(running, sender, "刚才接到个电话说我医保卡出问题 我转了五千过去 安居苑522栋的"))
    assert "110" in answer and "96110" in answer, answer
    assert tickets_of(running, sender) == []
