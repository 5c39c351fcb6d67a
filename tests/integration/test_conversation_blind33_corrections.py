"""Blind test 33 (docs/usertests/2026-12-07-blind21.md): a question said again as a correction, and questions first
answered with the wrong entry, through the gateway, the real engine and the real action server:

- "我是问X 不是Y" after an answer gets X's answer, never 记下了 nor the same answer again;
- nothing fitting is 答不上 with the call back, and a 1 next asks for the call;
- the police station's number asked any way is its number; how to send us a photo is answered, never the menu.

Senders: +86139555600000 … 099, in no other test; places 安居苑 and 河畔花园 buildings 681–699 (none used). Each runs on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import how_to, reasked, service_numbers
from bot.core.chatter import NOTED
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, say, tickets_of, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556000{n:02d}" for n in range(0, 100)]


def test_a_question_said_again_as_x_not_y_gets_x_never_noted_nor_the_same_answer(running: Stack) -> None:
    resident = SENDERS[0]  # B17 reworded: the certificate twice
    first = understood(say(running, resident, "我想开个居住证明 办贷款要用"))
    assert "居住证明" in first, first
    as_if_earlier(running, resident, 8)
    again = understood(say(running, resident, "我是问居住证 不是居住证明"))
    assert "派出所" in again and "住满半年" in again, again
    assert NOTED not in again and again != first
    assert tickets_of(running, resident) == []


def test_a_question_said_again_after_the_wrong_entry_gets_the_right_one(running: Stack) -> None:
    resident = SENDERS[1]  # B83 reworded: the check-up, then 记下了
    first = understood(say(running, resident, "老年人免费体检在哪点做"))
    assert "体检" in first, first
    as_if_earlier(running, resident, 7)
    again = understood(say(running, resident, "不是体检 我问的是打流感疫苗"))
    assert "流感疫苗" in again, again
    assert tickets_of(running, resident) == []


def test_nothing_fitting_the_thing_meant_is_no_answer_with_the_call_back(running: Stack) -> None:
    resident = SENDERS[2]  # B103 reworded (a car's charging has its own answer since blind test 34)
    say(running, resident, "老人流感疫苗在哪点打")
    as_if_earlier(running, resident, 10)
    again = say(running, resident, "我是问打预防针 不是疫苗")
    assert again == [reasked.UNKNOWN], again
    callback = " ".join(say(running, resident, "1"))
    assert "回电" in callback, callback


@pytest.mark.parametrize(("n", "words"), [
    (3, "我要找派出所 有电话没得"),  # A19: our number
    (4, "派出所电话给我一个"),  # A75: 不便提供
])
def test_the_police_station_number_asked_any_way_is_its_number(running: Stack, n: int, words: str) -> None:
    assert say(running, SENDERS[n], words) == [service_numbers.STATION]
    as_if_earlier(running, SENDERS[n], 7)
    assert say(running, SENDERS[n], "我不要私人电话 就要派出所的办公电话") == [service_numbers.STATION]


def test_how_to_send_us_a_photo_is_answered_never_the_menu(running: Stack) -> None:
    resident = SENDERS[5]  # B120: the menu twice
    assert say(running, resident, "咋个给你们发照片") == [how_to.HOW_TO_PHOTO]
    as_if_earlier(running, resident, 10)
    assert say(running, resident, "就是想把照片发给你们 咋个发") == [how_to.HOW_TO_PHOTO]
    assert tickets_of(running, resident) == []
