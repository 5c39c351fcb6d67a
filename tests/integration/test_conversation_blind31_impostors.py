"""Blind test 31 (2026-12-07, docs/usertests/2026-12-07-blind19.md): someone at the door saying he is a grid worker,
money sent to someone posing as a courier's service line, wages owed and a wage ticket closed by the duty officer,
through the gateway, the real engine and the real action server.

Senders: numbers +8613955541000 … 099, in no other test; places: buildings 231–239 of 河畔花园."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, file_report, say, ticket_numbered, tickets_of, told, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555410{n:02d}" for n in range(100)]
CENTRE = "0874-3112345"
DOOR = ("别开门", "存折", "银行卡", "验证码", CENTRE, "110")


def _door_advice(answer: str) -> bool:
    return all(words in answer for words in DOOR)


def _duty_heard(stack: Stack, sender: str) -> bool:
    return any("冒充网格员" in m["text"] and sender[3:] in m["text"] for m in stack.outbox(DUTY_OFFICER))


def test_a_visitor_asking_for_the_savings_book_is_warned_and_asked_after_he_cannot_be_told(running: Stack) -> None:
    # A6-3a: a number-registration ticket to 杨艳, then 已催办工单T1001.
    sender = SENDERS[0]
    answer = understood(say(running, sender, "有人上门说是网格员 要我把存折拿出来给他登记 安居苑的"))
    assert _door_advice(answer) and "杨艳" in answer, answer
    as_if_earlier(running, sender, 10)
    later = understood(say(running, sender, "那个人走了 他到底是不是网格员嘛"))
    assert CENTRE in later and "110" in later and "催办" not in later, later
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words"), [
    (1, "有个男的说他是网格员 要看我家银行卡 安居苑的"),  # A6-3a2: not understood
    (2, "敲门那个人说他是社区网格员 我咋个晓得是不是真的"),  # A6-3b: not understood
    (3, "来了个人自称网格员 咋个分辨真假"),  # A6-3b2: not understood
    (4, "有个人说是网格员 要进屋看看 我该不该开门"),  # A6-3b3: the e-bike battery answer
    (5, "门口有个女的讲是街道的 要拍我家户口本 靠得住不"),
])
def test_someone_at_the_door_as_a_grid_worker_is_told_not_to_open_and_how_to_check(running: Stack, n: int,
                                                                                  words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert _door_advice(answer) and "电瓶" not in answer and "电池" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_told_the_community_sent_nobody_the_sender_is_told_110_and_the_duty_officer_hears(running: Stack) -> None:
    # A6-3c: the first answer was right, then the phone-scam text.
    sender = SENDERS[6]
    assert _door_advice(understood(say(running, sender, "有个穿制服的说是社区的 要我身份证复印件 靠谱不")))
    as_if_earlier(running, sender, 15)
    answer = understood(say(running, sender, "我问了 社区说没派人来 那个是骗子"))
    assert "110" in answer and "别开门" in answer and "挂断" not in answer, answer
    assert _duty_heard(running, sender)
    assert tickets_of(running, sender) == []


def test_an_impostor_at_the_door_now_is_110_not_the_phone_scam_text(running: Stack) -> None:
    sender = SENDERS[7]
    answer = understood(say(running, sender, "冒充网格员的骗子上门了咋个办"))  # A6-3d
    assert "110" in answer and "别开门" in answer and "挂断" not in answer, answer
    assert _duty_heard(running, sender)


def test_money_sent_to_someone_posing_as_a_courier_is_110_at_once(running: Stack) -> None:
    sender = SENDERS[8]
    answer = understood(say(running, sender, "刚才有人冒充快递客服 我转了三千过去 河畔花园的"))  # B52b: a ticket
    assert "110" in answer and "96110" in answer, answer
    assert tickets_of(running, sender) == []


def test_why_a_wage_ticket_was_closed_is_answered_and_the_closer_calls_back(running: Stack) -> None:
    # B93: "请问在哪点？"
    sender = SENDERS[9]
    number = file_report(running, sender, "河畔花园231栋旁边工地的包工头欠我工资 几个月了")
    say(running, DUTY_OFFICER, f"{number} 无效工单 是劳资纠纷 已告诉他打12333")
    assert ticket_numbered(running, number).status == "cancelled"
    as_if_earlier(running, sender, 10)
    answer = understood(say(running, sender, "凭啥子关了嘛 我的工资咋个办"))
    assert number in answer and "12333" in answer and "回电话" in answer, answer
    assert any("请回电" in m for m in told(running, DUTY_OFFICER, number))
    as_if_earlier(running, sender, 10)
    back = understood(say(running, sender, "我打了12333 他们说要找社区"))  # a place-less ticket
    assert "回电话" in back and number in back, back
    assert [t.number for t in tickets_of(running, sender)] == [number]


def test_wages_owed_are_filed_with_12333_and_the_grid_worker_helps(running: Stack) -> None:
    # B93b: no 12333; then "答不上…回复1".
    sender = SENDERS[10]
    replies = say(running, sender, "包工头不给工钱 拖了半年了 河畔花园232栋的")
    number = next(t.number for t in tickets_of(running, sender))
    assert any(number in r for r in replies) and "12333" in " ".join(replies), replies
    answer = understood(say(running, sender, "工钱的事 网格员能帮我找包工头不"))
    assert answer.startswith("能") and number in answer, answer
    assert len(tickets_of(running, sender)) == 1
