"""Blind test 25's emergency places (rows E2, Z4 and A23), through the gateway, the real engine and the real action
server: an address with its unit and room given to "在哪里？" is that emergency's place, never a number-change
registration, and a bare address alone starts no registration either; a lift that stopped and then someone shut in
it is one emergency, whose place is the one the answer gives. Voices: passers-by (not in the registry). Each runs on
SQLite and PostgreSQL; the duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from bot.core.registration import TICKET_PREFIX
from tests.integration.stack import Stack
from tests.integration.talk import number_in, raised, say, tickets_of

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999908{n:02d}" for n in range(1, 21)]  # not in the registry
VERIFYING = "核实后才登记"  # the number-change reply


@pytest.mark.parametrize(("caller", "emergency", "address"), [
    (PASSERS_BY[0], "老头子突然说不出话了 嘴巴都歪了", "河畔花园2栋1单元301"),
    (PASSERS_BY[1], "我妈晕倒了", "安居苑4栋1单元101"),
])
def test_an_address_given_to_where_is_the_emergencys_place_never_a_number_change(
        running: Stack, caller: str, emergency: str, address: str):
    # Blind test 25, E2 and Z4: "河畔花园2栋1单元301" got "已请网格员周明核实…工单T1054" and the emergency stayed
    # 地点待核实.
    number = number_in(say(running, caller, emergency))
    replies = say(running, caller, address)
    assert any("收到地点" in r for r in replies) and not any(VERIFYING in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.number == number and raised(running, ticket)
    assert ticket.place_text == address
    assert not ticket.text.startswith(TICKET_PREFIX)


def test_a_bare_address_alone_starts_no_registration(running: Stack):
    caller = PASSERS_BY[2]
    replies = say(running, caller, "河畔花园2栋1单元301")
    assert not any(VERIFYING in r for r in replies) and not tickets_of(running, caller), replies


def test_someone_shut_in_a_stopped_lift_is_one_emergency_with_the_place_given(running: Stack):
    # Blind test 25, A23: "电梯不动了", "我老伴关在里头" made T1013 and T1018; the place went to T1018 only.
    caller = PASSERS_BY[3]
    say(running, caller, "电梯不动了")
    replies = say(running, caller, "我老伴关在里头")
    assert any("119" in r or "救援" in r for r in replies) or len(tickets_of(running, caller)) == 1, replies
    say(running, caller, "阳光小区2栋")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    assert "阳光小区2栋" in (ticket.place_text or "")
    assert "关在里头" in ticket.text
