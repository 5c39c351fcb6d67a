"""Blind test 31 (2026-12-07, docs/usertests/2026-12-07-blind19.md): a family member's birthday, the knowledge the
bot lacked or found in the wrong entry (居家养老, 派出所, a video, volunteering when retired, 低保 stopped, a stay in
hospital, the school a child is zoned to, a lawyer), 好嘞 alone, and an estate's name typed with two slips, through
the gateway, the real engine and the real action server.

Senders: numbers +8613955548000 … 099, in no other test; places: building 231 of 安居苑."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, live_at, say, tickets_of, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555480{n:02d}" for n in range(100)]


def test_a_correction_about_whose_birthday_congratulates_the_granddaughter(running: Stack) -> None:
    sender = SENDERS[1]
    first = understood(say(running, sender, "今天我孙女过生日"))  # B20
    then = understood(say(running, sender, "不是我 是我孙女过"))  # B20: 没太看懂
    assert "恭喜" in first and "恭喜" in then and "祝您生日" not in first + then, (first, then)
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words"), [
    (2, "明天我老汉过八十大寿"),  # B20b: 祝您生日快乐
    (3, "我屋头那个今天过七十岁生"),  # B20c: 帮不上忙
])
def test_a_family_members_birthday_congratulates_the_family(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "恭喜" in answer and "祝您生日" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_home_care_for_an_old_person_is_answered(running: Stack) -> None:
    sender = live_at(running, SENDERS[4], "幸福社区第1网格", "阳光小区1栋231")
    answer = understood(say(running, sender, "屋头老人想申请居家养老 咋个弄"))  # B119: the pension answer
    assert "居家养老" in answer and "养老金" not in answer, answer
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words", "said"), [
    (5, "派出所在哪里", "派出所"),  # B47b: 答不上
    (6, "可以发视频不", "视频"),  # B89b: the menu
    (7, "我退休了 想去社区帮忙做点事 要得不", "志愿"),  # B57b: read as asking for help
    (8, "低保咋个突然不发了", "回复1"),  # B73b: how to apply
    (9, "娃娃读初中 分到哪个学校", "划片"),  # B99b: 新生报名
])
def test_a_question_gets_its_own_answer_and_is_never_filed(running: Stack, n: int, words: str, said: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert said in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_a_villagers_father_in_hospital_is_told_of_the_hospital_claims(running: Stack) -> None:
    sender = live_at(running, SENDERS[10], "石桥村网格", "石桥村三组")
    answer = understood(say(running, sender, "我老汉住院花了好几万 有没得补助"))  # B124b: 门诊慢特病
    assert "住院" in answer and "慢特病" not in answer, answer
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words"), [(11, "好嘞"), (12, "OK"), (13, "行嘛")])
def test_an_ok_alone_is_understood(running: Stack, n: int, words: str) -> None:
    understood(say(running, SENDERS[n], words))  # B-B32a: 没太看懂
    assert tickets_of(running, SENDERS[n]) == []


def test_asking_for_a_lawyer_about_a_neighbour_is_answered_and_never_filed(running: Stack) -> None:
    sender = SENDERS[14]
    first = understood(say(running, sender, "邻居占我家地 想找个律师问问 社区有没得"))  # B113b: asked where
    as_if_earlier(running, sender, 10)
    then = understood(say(running, sender, "我就是想问下律师 不是反映问题"))  # then a junk 矛盾纠纷 ticket
    assert "12348" in first and "工单" not in then, (first, then)
    assert tickets_of(running, sender) == []


def test_an_estate_typed_with_two_slips_is_filed_in_that_estate(running: Stack) -> None:
    answer = understood(say(running, SENDERS[15], "按局苑231栋路灯不亮了"))  # A-B4a: 地点不明（按局苑3栋）
    [ticket] = tickets_of(running, SENDERS[15])
    assert ticket.number in answer and "网格员" in answer, answer


def test_saying_it_was_a_question_while_asked_where_files_nothing(running: Stack) -> None:
    sender = SENDERS[16]
    say(running, sender, "隔壁天天占我家车位 吵了好几回了")
    answer = " ".join(say(running, sender, "我只是想问下律师 不是反映问题"))  # B113b: a junk 矛盾纠纷 ticket
    assert "没有登记" in answer and "12348" in answer, answer
    assert tickets_of(running, sender) == []


def test_saying_it_was_a_question_after_the_report_was_filed_withdraws_it(running: Stack) -> None:
    sender = SENDERS[17]
    say(running, sender, "河畔花园233栋 邻居把楼道堆满了杂物 过不得人")
    [filed] = tickets_of(running, sender)
    answer = " ".join(say(running, sender, "我只是想咨询下律师 不是投诉"))
    [after] = tickets_of(running, sender)
    assert after.status == "cancelled" and "已撤销" in answer and "12348" in answer, (filed.number, answer)
