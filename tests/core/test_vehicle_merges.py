"""并单 of reports naming only a vehicle (阳光小区东门有辆车在冒烟, then 阳光小区门口停了辆车 好几天没动过, were
merged): a vehicle both name is no evidence of one problem without a word of what is wrong with it, and an estate's
gates are places of their own."""

from __future__ import annotations

from bot.common.clock import FakeClock
from bot.core import gates, other_problem
from bot.core.problem_match import same_problem
from bot.store.db import Database
from tests.conftest import RESIDENT, RIDER, STRANGER
from tests.core.helpers import make_report, submit, submit_opened

SMOKING, PARKED = "阳光小区东门有辆车在冒烟", "阳光小区门口停了辆车 好几天没动过"


def test_a_vehicle_alone_shared_is_never_one_problem():
    assert not same_problem(SMOKING, PARKED, ["阳光小区"])
    assert not same_problem(PARKED, SMOKING, ["阳光小区"])
    assert not same_problem("幸福家园东门有辆车在冒烟", "幸福家园东门有辆车乱停 挡到路了", ["幸福家园东门"])
    assert not same_problem("门口那辆电瓶车在充电 线拖到地上", "门口电瓶车倒了一排", ["门口"])


def test_a_vehicle_with_the_same_thing_wrong_with_it_is_still_one_problem():
    assert same_problem(PARKED, "阳光小区北门停了辆车 好几天没动过", ["阳光小区"])
    assert same_problem("门口停了辆车 一个多月没动过", "门口那辆车停起好久没动了", ["门口"])
    assert same_problem("锦绣小区北门电瓶车乱停 堵完了", "锦绣小区北门好多电动车乱停 进不去", ["锦绣小区北门"])
    assert same_problem("有辆车在冒烟 黑烟", "那辆小车冒烟了", [])


def test_a_gate_the_report_names_is_kept_beside_its_estate():
    assert gates.with_gate(SMOKING, "阳光小区") == "阳光小区东门"
    assert gates.with_gate("锦绣小区 北门电瓶车乱停", "锦绣小区") == "锦绣小区北门"
    assert gates.with_gate(PARKED, "阳光小区") == "阳光小区"  # 门口: which gate is not said
    assert gates.with_gate("阳光小区东门", "阳光小区东门") == "阳光小区东门"
    assert gates.with_gate("东门有辆车在冒烟", "") == ""


def test_another_gate_is_another_place_and_the_estate_alone_may_be_either():
    assert "幸福家园北门" not in gates.alike("幸福家园东门")
    assert gates.alike("幸福家园东门") == ["幸福家园东门", "幸福家园"]
    assert {"幸福家园", "幸福家园东门", "幸福家园北门"} <= set(gates.alike("幸福家园"))


def test_two_vehicle_reports_at_one_gate_are_two_tickets_unless_the_same_thing_is_wrong(demo_db: Database,
                                                                                        clock: FakeClock):
    parked = submit(demo_db, clock, make_report("幸福家园南门停了辆车 好几天没动过", place_text="幸福家园南门"))
    with demo_db.session() as s:
        leaking = submit_opened(s, clock, make_report("幸福家园南门有辆车在漏油 地上一滩", sender=RIDER,
                                                      place_text="幸福家园南门"))
        assert leaking.merged_into is None and leaking.ticket.number != parked
        again = submit_opened(s, clock, make_report("幸福家园门口那辆车停起一个多月了 一直没动", sender=STRANGER,
                                                    place_text="幸福家园"))
        assert again.merged_into is not None and again.merged_into.number == parked


def test_the_same_problem_at_another_gate_is_never_merged(demo_db: Database, clock: FakeClock):
    bikes = submit(demo_db, clock, make_report("幸福家园西门电瓶车乱停 堵完了", place_text="幸福家园西门"))
    with demo_db.session() as s:
        other_gate = submit_opened(s, clock, make_report("幸福家园后门电瓶车乱停 进不去", sender=RIDER,
                                                         place_text="幸福家园后门"))
        assert other_gate.merged_into is None and other_gate.ticket.number != bikes
        same_gate = submit_opened(s, clock, make_report("幸福家园西门好多电动车乱停 车都开不进来", sender=RESIDENT,
                                                        place_text="幸福家园西门"))
        assert same_gate.merged_into is not None and same_gate.merged_into.number == bikes


def test_more_said_at_the_estates_gate_is_read_as_when_the_gate_was_not_kept():
    said = "安居苑门口那个井盖也翻了 好危险"
    at_gate, at_estate = (other_problem.own_report("路灯坏了", place, said) for place in ("安居苑东门", "安居苑"))
    assert at_gate == at_estate is False


def test_a_dead_dog_is_never_the_live_dog_of_another_report_and_two_dead_ones_are_one():
    # Blind test 29, B42: "狗死在花坛边上 臭了" was merged into "遛狗不牵绳 到处是狗屎"
    dead = "河畔花园小区头有条狗死在花坛边上 臭了"
    assert not same_problem(dead, "河畔花园有人遛狗不牵绳 到处是狗屎", ["河畔花园"])
    assert same_problem(dead, "河畔花园有条死狗 臭得很", ["河畔花园"])
