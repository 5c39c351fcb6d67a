"""A correction or a narrower question right after an answer (blind test 35, docs/usertests/2026-12-07-blind23.md,
failure 1, second half) gets a different, narrower answer, never the same text again, through the gateway, the real
engine and the real action server:

- 我要的是派出所的号码 不是你们网格员的 / 有没得派出所的座机号码 (A19, A19b): the station's own number;
- 我不是问物业费 是物业不打扫卫生 after 物业啥子都不管 (B106): the cleaning, never the 门禁卡 text again;
- 体检要不要空腹, 35 minutes after the 免费体检 answer (N3): fasting, never the check-up text again;
- 有没得托儿所 娃娃才两岁 (Q2): a nursery for under-threes, never only 满3岁上幼儿园;
- 能申请护理补贴不 (E3): the care allowance, never the 残疾证 how-to; then 他有残疾证 一级的 read with it, and
  就是每年过年发的那个米和油 after the 米油 answer (B174), never "好的，记下了";
- 老人有没得棉被发 (E17n), 失业了 能领失业金不 (Q20n): answered, never 答不上.

Senders: +86139555759000 … +86139555759099, in no other test; places 安居苑 / 河畔花园 buildings 910–919. Each runs
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, say, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557590{n:02d}" for n in range(100)]
STATION_NUMBER = "0874-3112110"  # the demo station's number (bot/core/service_numbers.py, config/knowledge)


@pytest.mark.parametrize(("n", "first", "then"), [
    (0, "我要找派出所 派出所电话好多", "我要的是派出所的号码 不是你们网格员的"),  # A19
    (1, "派出所电话是好多嘛", "有没得派出所的座机号码"),  # A19b
    (2, "派出所在哪点", "派出所的座机是好多"),
    (3, "青山派出所几点上班", "那派出所的电话给我一个嘛"),
])
def test_the_police_stations_number_asked_again_is_given_never_only_ours(running: Stack, n: int, first: str,
                                                                        then: str):
    caller = SENDERS[n]
    say(running, caller, first)
    as_if_earlier(running, caller, 6)
    again = understood(say(running, caller, then))
    assert STATION_NUMBER in again, again


@pytest.mark.parametrize(("n", "first", "then"), [
    (10, "河畔花园的物业啥子都不管", "我不是问物业费 是物业不打扫卫生"),  # B106
    (11, "河畔花园的物业太差了 咋个投诉", "是物业好久都没搞卫生了"),
])
def test_the_property_company_not_cleaning_is_answered_never_the_door_card_again(running: Stack, n: int, first: str,
                                                                                 then: str):
    caller = SENDERS[n]
    before = say(running, caller, first)
    as_if_earlier(running, caller, 5)
    again = understood(say(running, caller, then))
    assert "门禁卡" not in again and "打扫" in again and again != " ".join(before), again


def test_a_lost_door_card_still_gets_the_door_card_answer(running: Stack):
    answer = understood(say(running, SENDERS[12], "河畔花园门禁卡丢了咋个补"))
    assert "门禁卡" in answer, answer


@pytest.mark.parametrize(("n", "then"), [
    (20, "体检要不要空腹"),  # N3
    (21, "体检那天早上能不能吃早饭"),
    (22, "体检抽血要不要饿肚子"),
])
def test_fasting_for_the_check_up_asked_later_is_answered_never_the_check_up_again(running: Stack, n: int,
                                                                                    then: str):
    caller = SENDERS[n]
    before = " ".join(say(running, caller, "社区有没得老年人免费体检"))
    assert "免费体检" in before, before
    as_if_earlier(running, caller, 35)
    again = understood(say(running, caller, then))
    assert "空腹" in again and "免费体检一次" not in again, again


@pytest.mark.parametrize(("n", "text"), [
    (30, "安居苑有没得托儿所 娃娃才两岁"),  # Q2
    (31, "两岁的娃娃有没得地方托"),
    (32, "幼儿园不收 孙孙才一岁半 咋个办"),
])
def test_a_nursery_for_a_two_year_old_is_answered_never_only_the_kindergarten(running: Stack, n: int, text: str):
    answer = understood(say(running, SENDERS[n], text))
    assert "托育" in answer, answer


def test_a_three_year_old_still_gets_the_kindergarten(running: Stack):
    answer = understood(say(running, SENDERS[33], "孙孙三岁了能读幼儿园不"))
    assert "满3岁" in answer and "托育" not in answer, answer


@pytest.mark.parametrize(("n", "first"), [
    (40, "老伴瘫在床上 能申请护理补贴不"),  # E3
    (41, "我老汉瘫起了 有没得护理费"),
    (42, "我妈是二级残疾 有没得护理补贴"),
])
def test_the_care_allowance_is_answered_never_only_how_to_get_the_card(running: Stack, n: int, first: str):
    answer = understood(say(running, SENDERS[n], first))
    assert "护理补贴" in answer and "2寸照片" not in answer, answer


def test_a_grade_one_card_said_after_the_care_allowance_is_read_with_it_never_noted(running: Stack):
    caller = SENDERS[43]  # E3
    say(running, caller, "老伴瘫在床上 能申请护理补贴不")
    as_if_earlier(running, caller, 7)
    then = understood(say(running, caller, "他有残疾证 一级的"))
    assert "记下了" not in then and "护理补贴" in then, then


@pytest.mark.parametrize(("n", "first", "then"), [
    (50, "过年发米发油是啥时候", "就是每年过年发的那个米和油"),  # B174
    (51, "过年社区发不发米和油", "我说的是过年慰问发的米油"),
])
def test_the_rice_and_oil_said_again_is_read_with_its_answer_never_noted(running: Stack, n: int, first: str,
                                                                        then: str):
    caller = SENDERS[n]
    say(running, caller, first)
    as_if_earlier(running, caller, 8)
    again = understood(say(running, caller, then))
    assert "记下了" not in again and "米油" in again, again


@pytest.mark.parametrize(("n", "text", "said"), [
    (60, "冬天到了 老人有没得棉被发", "棉被"),  # E17n
    (61, "社区送不送棉被 我一个人住", "棉被"),
    (62, "失业了 能领失业金不", "失业金"),  # Q20n
    (63, "厂里把我辞退了 有没得失业补助", "失业金"),
])
def test_winter_quilts_and_unemployment_pay_are_answered_never_a_call_back(running: Stack, n: int, text: str,
                                                                          said: str):
    answer = understood(say(running, SENDERS[n], text))
    assert said in answer, answer
