"""Blind test 30 (2026-12-07, docs/usertests/2026-12-07-blind18.md): questions answered from the wrong entry or not at
all, small talk, a visitor at the door, an estate's name typed with a slip, through the gateway, the real engine and
the real action server.

Senders: numbers +8613955536001 … 099, in no other test; places: buildings 181–199 of 安居苑 and 河畔花园."""

from __future__ import annotations

import pytest

from bot.core import advice_asked, care_words, danger_signs
from tests.integration.stack import Stack
from tests.integration.talk import register, say, tickets_of, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555360{n:02d}" for n in range(1, 100)]
CENTRE = "0874-3112345"


@pytest.mark.parametrize(("n", "words", "said"), [
    (0, "旧电池丢哪个垃圾桶", "有害垃圾"),  # A14-5b: never the battery-swap cabinets
    (1, "过期的药丢哪个桶", "有害垃圾"),  # A14-5c: never the ID card
    (2, "我的社保卡激活不了", "激活"),  # B50
    (3, "孙子不想读书了 天天打游戏 咋个整", "游戏"),  # B67
    (4, "社区医院在哪点", "在党群服务中心旁"),  # B47: where, not only when
    (5, "我想报名当志愿者", "登记"),  # B57
    (6, "社区有没得法律咨询 我想问离婚的事", "12348"),  # B113
    (7, "我妈住院了 医保能报好多", "以当地为准"),  # B96
    (8, "初中是咋个划片的", "划片"),  # B99
])
def test_a_question_gets_its_own_answer_and_is_never_filed(running: Stack, n: int, words: str, said: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert said in answer and "换电柜" not in answer and "身份证补办" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_the_medical_insurance_premium_names_no_stale_year(running: Stack) -> None:
    answer = understood(say(running, SENDERS[9], "医保咋个交 今年好多钱"))  # B7: 2025年 told in December 2026
    assert "2025" not in answer and "以当年通知为准" in answer, answer


def test_a_stopped_subsidy_gets_the_reasons_and_a_call_back(running: Stack) -> None:
    answer = understood(say(running, SENDERS[10], "我的低保咋个停了"))  # B73: got how to apply
    assert "复核" in answer and "回复1" in answer, answer


def test_a_rider_asking_about_a_grid_workers_subsidy_is_answered(running: Stack) -> None:
    rider = register(running, SENDERS[11])
    answer = understood(say(running, rider, "骑手可以当网格员不 听说有补贴"))  # R14: got the registration reply
    assert "补贴" in answer and "已登记为骑手" not in answer, answer


@pytest.mark.parametrize(("n", "words", "advice"), [
    (12, "猫把我手抓出血了 要不要打疫苗", danger_signs.BITE_ADVICE),  # A12-3b: got the children's vaccinations
    (13, "遭老鼠咬了 要打针不", advice_asked.RAT_ADVICE),  # A12-3c: asked where, then filed
])
def test_a_scratch_or_a_rat_bite_asked_about_gets_what_to_do(running: Stack, n: int, words: str, advice: str) -> None:
    assert say(running, SENDERS[n], words) == [advice]
    assert tickets_of(running, SENDERS[n]) == []


def test_the_time_asked_gets_the_time(running: Stack) -> None:
    [reply] = say(running, SENDERS[14], "现在几点了")  # A-B189b: 帮不上忙
    assert reply.startswith("现在是") and "点" in reply, reply


def test_a_grandchilds_birthday_congratulates_the_family(running: Stack) -> None:
    first = understood(say(running, SENDERS[15], "我孙子今天过生"))  # B20: 祝您生日快乐, twice
    again = understood(say(running, SENDERS[15], "不是我过生 是我孙子"))
    assert "祝您生日" not in first + again and "恭喜" in first, (first, again)


@pytest.mark.parametrize(("n", "words"), [(16, "滚哦 烦得很"), (17, "你好笨哦")])
def test_a_brush_off_gets_a_calm_word(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))  # B19: 没太看懂; B86: the greeting
    assert "您好，我是网格通" not in answer and tickets_of(running, SENDERS[n]) == [], answer


def test_teasing_is_taken_kindly_and_never_held_as_a_place(running: Stack) -> None:
    first = understood(say(running, SENDERS[18], "笑死 啥子都不懂 河畔花园的"))  # A-B87: 答不上, then 帮不上忙
    then = understood(say(running, SENDERS[18], "哈哈 逗你的"))
    assert "包涵" in first and "包涵" in then and tickets_of(running, SENDERS[18]) == [], (first, then)


def test_whether_a_photo_may_be_sent_is_answered(running: Stack) -> None:
    answer = understood(say(running, SENDERS[19], "可以发照片不"))  # B89
    assert "照片" in answer, answer


@pytest.mark.parametrize(("n", "words"), [
    (20, "有个自称网格员的来敲门 要登记我家存款 是不是真的哦"),  # A6-3a: a number-registration ticket
    (21, "门口来了个人说是社区的要进屋看 我咋个晓得他是不是真的网格员"),  # A6-3b: e-bike charging
    (22, "有人穿起制服说是社区的 要收我家户口本复印件 是不是骗子哦"),  # A6-3c: the generic anti-fraud answer
])
def test_someone_at_the_door_as_a_grid_worker_is_to_be_checked(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "姓名" in answer and CENTRE in answer and "存款" in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


@pytest.mark.parametrize(("n", "words"), [(23, "安局苑187栋楼道灯坏了"), (24, "按居苑188栋门口的井盖烂了")])
def test_an_estate_typed_with_a_slip_is_filed_in_that_estate(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))  # A-B4a: 地点不明; A-B4b: asked where
    [ticket] = tickets_of(running, SENDERS[n])
    assert ticket.number in answer and "网格员" in answer, answer


def test_water_smelling_of_bleach_is_filed_with_the_water_advice(running: Stack) -> None:
    replies = say(running, SENDERS[25], "河畔花园190栋的水有股漂白粉味道 能不能喝哦")  # A14-11b
    [ticket] = tickets_of(running, SENDERS[25])
    assert care_words.WATER in replies and "漂白粉" in ticket.text, replies


def test_sand_dug_by_the_river_after_a_question_is_filed_not_noted(running: Stack) -> None:
    sender = SENDERS[26]
    understood(say(running, sender, "积分咋个用"))  # B116: the report after an answer got "好的，记下了"
    answer = understood(say(running, sender, "河畔花园193栋背后河边有人挖沙 河堤都挖空了"))
    [ticket] = tickets_of(running, sender)
    assert ticket.number in answer and "记下了" not in answer, answer
