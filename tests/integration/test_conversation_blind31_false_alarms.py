"""Blind test 31's false alarms and emergencies that never stood down (docs/usertests/2026-12-07-blind19.md, B26b,
R17b, B84b, B71, B66, B54, B54b), through the gateway, the real engine and the real action server: a mistyped lift
stopped with nobody in it is an ordinary ticket at its building, and "没得人关在里头" stands a lift's emergency down; a
stolen bike found withdraws the theft, said twice; a leak mended, the waters breaking and someone taken to hospital
are news of the open emergency; someone not seen for days with a smell at the door is urgent; a quarrel said to go
on joins its reopened ticket, with 110 if it comes to blows.

Voices: +8613955543000 … (not in the registry, two registered as riders); places: buildings 331–339 of 安居苑 and
河畔花园."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    left_ordinary,
    raised,
    register,
    say,
    tickets_of,
    told,
    understood,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555430{n:02d}" for n in range(100)]


def test_a_mistyped_lift_stopped_with_nobody_in_it_is_an_ordinary_ticket_at_its_building(running: Stack):
    caller = SENDERS[0]
    first = say(running, caller, "河畔花园331动电体不动了")
    assert not any(n in unnumbered(first) for n in ("120", "119", "110")), first
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket) and ticket.category == "housing_utilities"
    assert ticket.place_text == "河畔花园331栋"
    second = say(running, caller, "没得人关在里头 就是电梯坏了不动")
    understood(second)
    assert [t.number for t in tickets_of(running, caller)] == [ticket.number]


def test_nobody_shut_in_stands_the_lifts_emergency_down_and_the_duty_officer_hears_it(running: Stack):
    caller = SENDERS[1]
    say(running, caller, "安居苑332栋电梯卡住了 里面有人")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, "没得人关在里头 就是电梯坏了不动")
    assert "普通" in unnumbered(replies), replies
    [after] = tickets_of(running, caller)
    assert after.severity != "critical" and after.status != "cancelled"
    assert any("普通" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


def test_a_bike_found_withdraws_the_theft_and_saying_so_again_is_understood(running: Stack):
    rider = register(running, SENDERS[2])
    say(running, rider, "河畔花园333栋车棚旁边井盖烂了")
    as_if_earlier(running, rider, 40)
    say(running, rider, "我的电动车遭偷了 停在河畔花园334栋车棚的")
    as_if_earlier(running, rider, 10)
    [cover, theft] = tickets_of(running, rider)
    found = say(running, rider, "电瓶车找到了 在车棚头 不用管了")
    assert "撤销" in unnumbered(found) and "110" not in unnumbered(found), found
    again = say(running, rider, "不是报警 我是说车找到了 不用你们管了")
    assert "撤销" in understood(again) and "110" not in unnumbered(again), again
    after = {t.number: t for t in tickets_of(running, rider)}
    assert set(after) == {cover.number, theft.number}
    assert after[theft.number].status == "cancelled" and after[cover.number].status != "cancelled"


def test_the_leak_mended_is_news_of_the_open_gas_emergency(running: Stack):
    caller = SENDERS[3]
    say(running, caller, "楼道里好大的天然气味 安居苑335栋")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    as_if_earlier(running, caller, 3)
    replies = say(running, caller, "燃气公司来了 漏气的地方修好了")
    assert "在哪里" not in unnumbered(replies) and "119" not in unnumbered(replies), replies
    assert [t.number for t in tickets_of(running, caller)] == [ticket.number]
    assert any("漏气的地方修好了" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


def test_a_quarrel_said_to_go_on_joins_its_reopened_ticket_with_110_if_it_comes_to_blows(running: Stack):
    rider = register(running, SENDERS[4])
    say(running, rider, "河畔花园336栋楼上那家天天半夜吵架 摔东西")
    [ticket] = tickets_of(running, rider)
    say(running, assignee_phone(running, ticket.number or ""), f"{ticket.number} 已办结 上门调解了")
    say(running, rider, "2 今天晚上又在吵")
    as_if_earlier(running, rider, 5)
    replies = say(running, rider, "楼下还在吵 咋个办")
    said = unnumbered(replies)
    assert "在哪里" not in said and "情况紧急" not in said and "110" in said and "T" in said, replies
    [after] = tickets_of(running, rider)
    assert after.number == ticket.number and after.severity != "critical"


def test_the_waters_breaking_is_more_of_the_birth_with_what_to_do(running: Stack):
    caller = SENDERS[5]
    first = say(running, caller, "我老婆要生了 肚子疼得厉害 河畔花园337栋")
    assert "120" in unnumbered(first), first
    [ticket] = tickets_of(running, caller)
    replies = say(running, caller, "羊水破了")
    said = unnumbered(replies)
    assert "在哪里" not in said and "躺" in said and "120" in said, replies
    assert [t.number for t in tickets_of(running, caller)] == [ticket.number]
    assert any("羊水破了" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


def test_someone_not_seen_for_days_with_a_smell_at_the_door_is_urgent(running: Stack):
    caller = SENDERS[6]
    replies = say(running, caller, "邻居老头好几天没出门了 门口有股臭味 安居苑338栋201")
    assert "110" in unnumbered(replies) and "120" in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_the_door_opened_and_the_old_man_taken_to_hospital_is_news_of_the_emergency(running: Stack):
    caller = SENDERS[7]
    say(running, caller, "对门那家老人好几天没看到了 敲门也没人应 河畔花园339栋")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    as_if_earlier(running, caller, 10)
    replies = say(running, caller, "门打开了 老人在屋头摔倒了 送医院了")
    assert "转告" in understood(replies), replies
    assert [t.number for t in tickets_of(running, caller)] == [ticket.number]
    assert any("送医院了" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))
