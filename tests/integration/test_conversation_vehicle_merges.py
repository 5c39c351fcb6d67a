"""并单 of reports naming only a vehicle, through the gateway, the real engine and the real action server: a car
smoking at an estate's gate and one parked for days at its 门口 were merged; a vehicle both name is no evidence of
one problem without what is wrong with it, and another gate is another place. A genuine repeat still merges.

Senders: unknown numbers +86139777900 … 919, in no other test; places (幸福家园东门/门口, 锦绣小区南门/西门) no other
test files at."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of

pytestmark = pytest.mark.engine
UNKNOWN = [f"+86139777{n}" for n in range(900, 920)]


def test_a_smoking_car_and_a_car_parked_for_days_at_one_estate_are_two_tickets(running: Stack) -> None:
    smoking = number_in(say(running, UNKNOWN[0], "幸福家园东门有辆车在冒烟"))
    replies = say(running, UNKNOWN[1], "幸福家园门口停了辆车 好几天没动过")
    said = " ".join(replies)
    assert "并入" not in said and smoking not in said, replies
    [parked] = tickets_of(running, UNKNOWN[1])
    assert parked.number != smoking and parked.number in said


def test_a_car_is_merged_only_into_a_report_of_the_same_thing_wrong_with_it_at_that_gate(running: Stack) -> None:
    parked = number_in(say(running, UNKNOWN[2], "锦绣小区南门停了辆车 好几天没动过"))
    leaking = say(running, UNKNOWN[3], "锦绣小区南门有辆车在漏油 地上一滩")
    assert "并入" not in " ".join(leaking) and parked not in " ".join(leaking), leaking
    assert [t.number for t in tickets_of(running, UNKNOWN[3])] != [parked]
    again = " ".join(say(running, UNKNOWN[4], "锦绣小区南门那辆车停起一个多月了 一直没动"))
    assert "并入" in again and parked in again, again
    other_gate = " ".join(say(running, UNKNOWN[5], "锦绣小区西门停了辆车 好几天没动过"))
    assert "并入" not in other_gate and parked not in other_gate, other_gate
    [filed] = tickets_of(running, UNKNOWN[5])
    assert filed.place_text == "锦绣小区西门"
