"""Leftovers of the blind user tests, in the core: a missing person said across a space or without 走丢 is an
emergency for 110 (a pet or a thing still none); a masked number keeps its first three and last four digits and each
notice names one reporter; a dispatch from the workbench tells the reporter what one by message does; someone's
number asked for with a problem keeps whose problem it is."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.common.phones import mask
from bot.core import dispatch, emergency_numbers, someones_number, staff_actions, staff_views, triage
from bot.store.db import Database
from bot.store.models import OrgUnit
from tests.conftest import DUTY_OFFICER, STRANGER, WORKER
from tests.core.helpers import RULES, make_report, messages_to, submit

ANJU_GRID_1_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格


@pytest.mark.parametrize("text", ["我妈出去买菜 到现在没回来", "我屋头老汉儿走丢了 他有老年痴呆",
                                  "我爸早上出门了，到现在都还没回家", "我老公开车出去 一晚上都没回来",
                                  "孩子放学出去耍 一直没回来"])
def test_a_missing_person_said_across_a_space_is_an_emergency_for_110(text: str):
    assert triage.missing_person(text) and triage.is_emergency(text, classified_as_emergency=False)
    category = emergency_numbers.category_for("other", text)
    assert category == "public_security" and emergency_numbers.number_to_call(RULES, category, text) == "110"


@pytest.mark.parametrize("text", ["狗走丢了", "钥匙丢了", "我家狗出去了 到现在没回来", "我家猫出门两天了 没回来",
                                  "师傅说去拿工具 到现在都没回来", "修的人去拿材料了 一直没回来",
                                  "我儿子在外地打工 过年没回来"])
def test_a_pet_a_thing_or_a_repairman_not_back_is_no_emergency(text: str):
    assert not triage.has_danger(text)
    assert not triage.is_emergency(text, classified_as_emergency=False)


def test_a_mask_keeps_the_first_three_and_the_last_four_digits():
    # The Chinese convention: 139****0521 of 13999990521. Two numbers alike in those seven digits mask alike, so
    # a notice names one reporter only and 详情 gives the whole number.
    assert mask("+8613999990521") == "139****0521" == mask("+8613900000521")
    assert mask("+8613900000001") != mask("+8613900000002")


def test_each_workers_notice_names_one_reporter_masked_and_details_give_the_whole_number(demo_db: Database,
                                                                                         clock: FakeClock):
    alike = ("+8613999990521", "+8613900000521")  # differ only in the hidden digits
    numbers = [submit(demo_db, clock, make_report(text, sender=who, category=category, place_text="安居苑3栋"))
               for who, text, category in zip(alike, ("安居苑3栋门口路灯坏了", "安居苑3栋门口垃圾没人收"),
                                              ("roads", "sanitation"), strict=True)]
    notices = [m for m in messages_to(demo_db, ANJU_GRID_1_WORKER) if any(n in m for n in numbers)]
    assert len(notices) == 2 and all(m.count("139****0521") == 1 for m in notices), notices
    with demo_db.session() as s:
        details = [staff_views.details(s, RULES, n, ANJU_GRID_1_WORKER) for n in numbers]
    assert all(who in d for who, d in zip(alike, details, strict=True)), details


def grid_id(db: Database, code: str) -> int:
    with db.session() as s:
        found = s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))
        assert found is not None
        return found


@pytest.mark.parametrize("how", ["message", "workbench"])
def test_the_reporter_hears_the_same_note_whichever_way_the_ticket_was_dispatched(demo_db: Database,
                                                                                 clock: FakeClock, how: str):
    number = submit(demo_db, clock, make_report("这边有人乱倒垃圾 臭得很", sender=STRANGER, category="sanitation"))
    with demo_db.session() as s:
        if how == "message":
            dispatch.dispatch(s, clock, RULES, number, DUTY_OFFICER, "安居社区第1网格")
        else:
            staff_actions.dispatch(s, clock, RULES, number, DUTY_OFFICER, grid_id(demo_db, "AJ-G1"))
    told = [m for m in messages_to(demo_db, STRANGER) if "已交给" in m]
    assert len(told) == 1 and number in told[0] and "13700000005" in told[0] and len(told[0]) <= 70, told


def test_a_workbench_dispatch_to_whoever_holds_it_already_tells_the_reporter_nothing_new(demo_db: Database,
                                                                                        clock: FakeClock):
    number = submit(demo_db, clock)  # 李磊's, 幸福社区第1网格
    with demo_db.session() as s:
        staff_actions.dispatch(s, clock, RULES, number, DUTY_OFFICER, grid_id(demo_db, "XF-G1"))
    assert not any("已交给" in m for m in messages_to(demo_db, "+8613900000001"))
    assert sum(number in m for m in messages_to(demo_db, WORKER)) == 1


@pytest.mark.parametrize(("text", "kept"), [
    ("帮我找下楼上李婆婆家的电话 她家水管爆了 水漏到我家了", "楼上李婆婆家水管爆了 水漏到我家了"),
    ("帮我查一下楼上李婆婆家的电话号码 他家漏水漏到我家了", "楼上李婆婆家漏水漏到我家了"),
    ("李婆婆电话多少 她屋头漏水了", "李婆婆屋头漏水了"),
    ("帮我查下王大爷的电话 楼道灯坏了", "王大爷 楼道灯坏了"),
])
def test_asking_someones_number_with_a_problem_keeps_whose_problem_it_is(text: str, kept: str):
    assert triage.asks_someones_number(text) and triage.has_problem(text)
    assert someones_number.without_number_request(text) == kept


def test_a_lost_number_is_no_number_asked_for():
    assert not triage.asks_someones_number("我找不到电话了 路灯坏了")
