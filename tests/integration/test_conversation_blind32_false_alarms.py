"""Blind test 32's false emergencies and wrong emergency advice (docs/usertests/2026-12-07-blind20.md, A111, B94,
B103, L15, B89, B43, A19, B28, A27), through the gateway, the real engine and the real action server: someone
smoking in a stairwell, rubbish dumped at night, a guard rail knocked down with nobody hurt and someone sleeping rough
are ordinary tickets (the last with blankets and the rescue station); a coal stove burning after a report of coal
piled is more of that report, and smoke from it raises that ticket with its place; "羊水破了 咋个办" after a labour
gets the labour's advice; a sewer's smell no drinking-water advice; a bleeding bite asked about the advice alone.

Voices: +86139555500000 … +86139555500099 (not in the registry, one registered as a rider); places: buildings 501–519
of 安居苑 and 河畔花园."""

from __future__ import annotations

import pytest

from bot.core import care_words, danger_signs, nuisances
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, left_ordinary, raised, register, say, tickets_of, told, unnumbered

pytestmark = pytest.mark.engine
SENDERS = [f"+861395555000{n:02d}" for n in range(100)]
EMERGENCY_NUMBERS = ("119", "110", "120")
WHERE = "在哪里"


def _no_emergency(replies: list[str]) -> None:
    said = unnumbered(replies)
    assert not any(n in said for n in EMERGENCY_NUMBERS) and "情况紧急" not in said, replies


@pytest.mark.parametrize(("n", "text"), [
    (0, "楼道里有人抽烟 烟味好大 安居苑501栋"),  # A111
    (1, "河畔花园 502栋 楼梯间 有人 抽烟 烟头 乱丢"),  # B94
])
def test_someone_smoking_in_a_stairwell_is_an_ordinary_ticket(running: Stack, n: int, text: str):
    caller = SENDERS[n]
    _no_emergency(say(running, caller, text))
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_rubbish_dumped_at_night_is_an_ordinary_ticket_never_the_police(running: Stack):
    caller = SENDERS[2]  # B103: "情况紧急请先拨打110！"
    _no_emergency(say(running, caller, "晚上有人在小区里面偷偷倒建筑垃圾 河畔花园503栋后门"))
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket) and ticket.place_text.startswith("河畔花园503栋")


def test_a_guard_rail_knocked_down_with_nobody_hurt_is_a_road_ticket(running: Stack):
    rider = register(running, SENDERS[3])  # L15: "120和110"
    _no_emergency(say(running, rider, "安居苑504栋门口有辆车撞了护栏 没人受伤 护栏倒在路上"))
    [ticket] = tickets_of(running, rider)
    assert left_ordinary(running, ticket) and ticket.place_text.startswith("安居苑504栋")


def test_someone_sleeping_rough_gets_blankets_and_the_rescue_station_not_an_emergency(running: Stack):
    caller = SENDERS[4]  # B89: "120和110", nothing about 救助站
    replies = say(running, caller, "有个流浪汉睡在安居苑505栋门口 好冷 会不会冻到")
    assert nuisances.ROUGH_SLEEPER in replies and "情况紧急" not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_a_coal_stove_burning_after_coal_piled_is_more_of_that_report(running: Stack):
    caller = SENDERS[5]  # B43: a 119 emergency asking where
    say(running, caller, "安居苑506栋有户人家在楼道堆煤")
    as_if_earlier(running, caller, 6)
    replies = say(running, caller, "还在楼道烧蜂窝煤 有烟")
    _no_emergency(replies)
    assert WHERE not in unnumbered(replies) and "请问在哪点" not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket) and "蜂窝煤" in ticket.text


def test_big_smoke_after_coal_piled_raises_that_ticket_with_its_place(running: Stack):
    caller = SENDERS[6]
    say(running, caller, "安居苑507栋有户人家在楼道堆煤")
    as_if_earlier(running, caller, 6)
    replies = say(running, caller, "楼道里的煤烧起来了 烟好大")
    assert "119" in unnumbered(replies) and WHERE not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.place_text.startswith("安居苑507栋")


def test_the_waters_breaking_asked_about_gets_the_labours_advice(running: Stack):
    caller = SENDERS[7]  # A19: the collapse's "看有没有呼吸"
    first = say(running, caller, "我儿媳妇要生了 肚子痛得很 安居苑508栋")
    assert "120" in unnumbered(first), first
    as_if_earlier(running, caller, 6)
    replies = say(running, caller, "羊水破了 咋个办")
    assert "躺下" in unnumbered(replies) and "呼吸" not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert "羊水破了" in ticket.text
    assert any("羊水破了" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


def test_a_sewer_smelling_is_a_ticket_without_drinking_water_advice(running: Stack):
    caller = SENDERS[8]  # B28: "先别直接喝…"
    replies = say(running, caller, "河畔花园509栋的下水道冒臭水")
    assert care_words.WATER not in replies and "喝" not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_a_bleeding_bite_asked_what_to_do_gets_the_advice_and_no_ticket(running: Stack):
    caller = SENDERS[9]  # A27: a placeless ticket the duty officer closed as 误报
    assert say(running, caller, "遭狗咬了 流血了 咋个办") == [danger_signs.BITE_ADVICE]
    assert tickets_of(running, caller) == []
