"""Blind test 26 (A68, B31, B102, B22): a finer part of a place said instead replaces only that part, a spot beside
the place just given is in its building, help at home asked for is a report for the worker, and the village board
shown to a number not in the registry holds only what was posted to a whole village."""

from __future__ import annotations

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import corrections, help_requests, lifecycle, public_board, triage
from bot.core.council import post_notice
from bot.core.place_parts import names_place, replaced, spot_beside
from bot.store.db import Database
from bot.store.models import OrgUnit, Person
from tests.conftest import STRANGER
from tests.core.helpers import make_report, submit, ticket


def test_a_unit_floor_or_room_said_instead_replaces_only_that_part():
    assert replaced("安居苑3栋1单元楼道", "2单元") == "安居苑3栋2单元楼道"
    assert replaced("安居苑3栋", "2单元") == "安居苑3栋2单元"
    assert replaced("安居苑3栋1单元楼道", "2单元门口") == "安居苑3栋2单元门口"
    assert replaced("安居苑3栋2单元3楼", "4楼") == "安居苑3栋2单元4楼"
    assert replaced("河畔花园5栋2单元301", "302") == "河畔花园5栋2单元302"
    assert replaced("河滨路", "2单元") is None  # nothing above a unit to keep: as said


def test_a_unit_correction_keeps_the_estate_and_building_of_the_ticket(demo_db: Database, clock: FakeClock):
    lamp = submit(demo_db, clock, make_report("安居苑3栋1单元楼道的灯不亮了", sender=STRANGER, category="roads",
                                              place_text="安居苑3栋1单元楼道"))
    with demo_db.session() as s:
        place = corrections.corrected_place(s, "不是1单元 是2单元")
        reply = corrections.fix_place(s, clock, lifecycle.get_ticket(s, lamp), place or "", STRANGER)
    assert ticket(demo_db, lamp).place_text == "安居苑3栋2单元楼道" and "安居苑3栋2单元" in reply


def test_a_spot_beside_the_place_just_given_is_in_its_building():
    assert spot_beside("安居苑2栋门口", "还有楼上那家天天半夜打麻将 吵得睡不着") == "安居苑2栋"
    assert spot_beside("河畔花园5栋2单元301", "隔壁天天吵到半夜") == "河畔花园5栋2单元"
    assert spot_beside("安居苑2栋门口", "还有垃圾桶满了") == ""
    assert spot_beside("", "楼上那家天天吵") == ""


def test_help_at_home_asked_for_is_a_report_for_elderly_care_never_a_question():
    asked = "我一个人住 腿脚不方便 能不能有人帮我买菜 安居苑4栋"
    assert help_requests.asks_for_help(asked) and triage.information_request(asked) is None
    assert triage.facility_category("other", asked) == "elderly_care"
    assert not help_requests.asks_for_help("帮我查一下楼上李婆婆家的电话")
    assert not help_requests.asks_for_help("帮我买菜")  # no sign the asker cannot go: not for the worker
    assert len(help_requests.opened_reply("T1001", "杨艳（13700000005）")) <= 70


def test_a_number_not_in_the_registry_sees_only_what_was_posted_to_a_whole_village(demo_db: Database,
                                                                                  clock: FakeClock):
    with demo_db.session() as s:
        assert public_board.outsider_board(s) == public_board.NOTHING
        unit = s.scalar(select(OrgUnit.id).where(OrgUnit.kind != "subdistrict").limit(1))
        someone = s.scalar(select(Person.id).limit(1))
        post_notice(s, clock, "周六上午九点在院坝开会", {"units": [unit]})
        post_notice(s, clock, "您的低保复核材料已收到", {"people": [someone]})
    with demo_db.session() as s:
        shown = public_board.outsider_board(s)
    assert "院坝开会" in shown and "低保" not in shown and public_board.REGISTER in shown and len(shown) <= 70


def test_words_stored_as_a_place_that_name_none_are_never_the_spot_beside():
    # blind test 34, E23: 我家楼下的下水道 took "黑黢黢的 老年人上下楼怕摔" as its place
    assert not names_place("黑黢黢的 老年人上下楼怕摔")
    assert spot_beside("黑黢黢的 老年人上下楼怕摔", "我家楼下的下水道盖子松了") == ""
    assert names_place("北门停车场") and names_place("安居苑2栋")
    assert spot_beside("安居苑2栋门口", "还有楼上那家天天半夜打麻将") == "安居苑2栋"
