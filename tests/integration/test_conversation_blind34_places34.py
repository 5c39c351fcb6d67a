"""Blind test 33 (docs/usertests/2026-12-07-blind21.md): a place already said, or nothing to place, never answered
with "请问在哪点？", through the gateway, the real engine and the real action server:

- a bill that is too high, said again with its amount, gets the meter-check advice (B99, B180);
- 物业啥子都不管 after 安居苑 was said is a ticket there (B106); 一早上都没得水 after 安居苑的水 is no 答不上 (B114);
- 好 我们马上去医院 after the fever advice is a warm word (A12);
- more of a just-filed report is a detail of it (B20, B41, B88);
- the place said after a question already answered is a short ok (A94), after a bullying or fall question the
  advice (B40, B86), after a bite the bite advice, never 120 (A9, A73).

Senders: +86139555640000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 751–759. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from bot.channels.simulator import ONE_PIXEL_PNG
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    bare,
    file_report,
    register,
    say,
    tickets_of,
    told,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556400{n:02d}" for n in range(0, 100)]
HYDRANT_POINT = (25.4025, 103.3025)  # 150 m from every other module's point (tests/test_test_points.py)


@pytest.mark.parametrize(("n", "first", "wait", "again"), [
    (0, "河畔花园的水费咋个这么贵", 10, "我是说水费太贵了 一个月两百多 是不是表坏了"),  # B99
    (1, "我屋头电费咋个突然那么多", 9, "电费一个月四百多 以前才一百多"),  # B180
])
def test_a_bill_too_high_said_again_gets_the_meter_check_never_where(running: Stack, n: int, first: str, wait: int,
                                                                     again: str):
    resident = SENDERS[n]
    say(running, resident, first)
    as_if_earlier(running, resident, wait)
    answer = understood(say(running, resident, again))
    assert "表" in answer, answer


def test_the_electricity_bill_too_high_is_advice_with_the_power_line(running: Stack):
    answer = understood(say(running, SENDERS[2], "我屋头电费咋个突然那么多"))
    assert "95598" in answer, answer


def test_the_management_doing_nothing_is_a_ticket_where_it_was_said(running: Stack):
    resident = SENDERS[3]  # B106
    say(running, resident, "我想反映物业不作为 安居苑的 啥子都不管")
    as_if_earlier(running, resident, 3)
    replies = say(running, resident, "我不是问物业费 是物业啥子都不管 垃圾没人扫")
    assert "在哪" not in " ".join(replies), replies
    tickets = tickets_of(running, resident)
    assert len(tickets) == 1 and "安居苑" in (tickets[0].place_text or ""), replies


def test_no_water_all_morning_after_the_place_was_said_is_never_where(running: Stack):
    resident = SENDERS[4]  # B114
    say(running, resident, "安居苑的水要停到好久嘛")
    replies = say(running, resident, "我们这点一早上都没得水")
    understood(replies)
    tickets = tickets_of(running, resident)
    assert len(tickets) == 1 and "安居苑" in tickets[0].place_text, replies


def test_off_to_hospital_after_the_fever_advice_is_a_warm_word(running: Stack):
    resident = SENDERS[5]  # A12
    say(running, resident, "我外孙发高烧 烧了两天了")
    as_if_earlier(running, resident, 7)
    replies = say(running, resident, "好 我们马上去医院")
    understood(replies)
    assert tickets_of(running, resident) == [], replies


@pytest.mark.parametrize(("n", "report", "wait", "more", "word"), [
    (10, "安居苑751栋有人把电瓶车推到楼道里面充电", 10, "他还在充 线从窗子拉出来的", "窗子"),  # B20
    (11, "安居苑外面那条河里头好多死鱼", 6, "死鱼越来越多了 还有股怪味道", "怪味"),  # B88
])
def test_more_of_a_report_minutes_later_is_a_detail_of_it(running: Stack, n: int, report: str, wait: int, more: str,
                                                          word: str):
    resident = SENDERS[n]
    number = file_report(running, resident, report)
    as_if_earlier(running, resident, wait)
    replies = say(running, resident, more)
    assert "在哪" not in " ".join(replies), replies
    assert len(tickets_of(running, resident)) == 1, replies
    assert any(word in m for m in told(running, assignee_phone(running, number), number)), replies


def test_a_riders_hydrant_still_spraying_is_more_of_his_report(running: Stack):
    rider = register(running, SENDERS[12])  # B41
    point = {"lat": HYDRANT_POINT[0], "lon": HYDRANT_POINT[1]}
    number = file_report(running, rider, "路边有个消防栓在喷水 喷得老高", photo=ONE_PIXEL_PNG, **point)
    as_if_earlier(running, rider, 10)
    replies = say(running, rider, "消防栓还在喷 水流得满街都是")
    assert "在哪" not in " ".join(replies), replies
    assert len(tickets_of(running, rider)) == 1 and number in " ".join(replies), replies


def test_the_place_after_a_gas_question_answered_is_a_short_ok(running: Stack):
    resident = SENDERS[20]  # A94
    say(running, resident, "燃气打不燃火了 是不是燃气卡没钱了")
    replies = say(running, resident, "安居苑的")
    assert "再说说" not in " ".join(replies) and "在哪" not in " ".join(replies), replies


@pytest.mark.parametrize(("n", "question", "where", "advice"), [
    (21, "我家娃娃在学校遭欺负了 咋个办", "在安居苑 娃娃读三年级", "12355"),  # B40
    (22, "老人走路摔了一跤 手肿了 要紧不", "在屋头 安居苑", "冷敷"),  # B86
])
def test_the_place_after_a_what_to_do_question_gets_the_advice_never_a_ticket(running: Stack, n: int, question: str,
                                                                             where: str, advice: str):
    resident = SENDERS[n]
    first = say(running, resident, question)
    as_if_earlier(running, resident, 3)
    answer = " ".join(first + say(running, resident, where))
    assert "在哪" not in answer and advice in answer, answer
    assert tickets_of(running, resident) == [], answer


@pytest.mark.parametrize(("n", "bite", "where"), [
    (30, "我遭隔壁的狗咬了一口 出血了", "我在安居苑 在屋头"),  # A9
    (31, "遭猫抓了 流血了", "就在屋头 手背上抓了一道"),  # A73
])
def test_the_place_of_a_bite_said_after_the_advice_is_never_an_emergency(running: Stack, n: int, bite: str,
                                                                        where: str):
    resident = SENDERS[n]
    first = say(running, resident, bite)
    as_if_earlier(running, resident, 4)
    then = say(running, resident, where)
    answer = " ".join(bare(r) for r in first + then)
    assert "120" not in answer and "在哪" not in " ".join(then), answer
    assert "疫苗" in answer, answer
    assert all(t.severity != "critical" for t in tickets_of(running, resident)), answer
