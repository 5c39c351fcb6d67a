"""Blind test 33's wrong numbers and follow-ups turned into new emergencies, said in other words (docs/usertests/
2026-12-07-blind21.md: B111, B113, B172, B1, A69 and their kinds): a stranger climbing in at the window is a
break-in for the police, someone sitting on a roof's railing may jump, a child who cannot find their mother is lost;
what a thief took, where the water got to, someone who slipped on it, the driver gone are more of the report before;
a lost one found or taken home is the all-clear."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import (
    after_report,
    care_words,
    danger_signs,
    emergency_followups,
    emergency_numbers,
    emergency_updates,
    follow_up_reading,
    person_danger,
    small_talk,
    still_going,
    triage,
)
from bot.core.routing_rules import DEFAULT_PATH, load_rules
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import STRANGER
from tests.core.helpers import make_report, submit, ticket


@pytest.mark.parametrize("text", [
    "有人在翻我屋头窗子 安居苑4栋101", "有个人从窗子爬进来了", "有人翻墙进院子了", "小偷在爬我家阳台",
    "有个陌生人在撬我家防盗网",
])
@pytest.mark.parametrize("classified", ["other", "fire_safety"])
def test_a_stranger_climbing_in_is_a_break_in_for_the_police(text: str, classified: str):
    rules = load_rules(DEFAULT_PATH)
    assert triage.is_emergency(text, classified_as_emergency=False)
    category = emergency_numbers.category_for(classified, text)
    assert emergency_numbers.number_to_call(rules, category, text) == "110"


@pytest.mark.parametrize("text", ["娃娃在翻书", "我在翻窗帘", "工人在翻修窗子", "有人在爬楼梯",
                                  "有人从阳台爬进来偷东西了 人跑了"])
def test_climbing_that_is_no_break_in_now_is_no_emergency(text: str):
    assert not triage.has_danger(text)


@pytest.mark.parametrize("text", ["河畔花园3栋天台上有个人坐在栏杆上", "楼顶栏杆上坐了个女娃娃",
                                  "天台的护栏上站了个人"])
def test_someone_on_a_roofs_railing_may_jump_for_the_police(text: str):
    assert danger_signs.on_the_edge(text) and triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize("text", ["天台栏杆上晾了衣服", "楼顶栏杆坏了"])
def test_a_roofs_railing_with_nobody_on_it_is_no_emergency(text: str):
    assert not danger_signs.on_the_edge(text)


@pytest.mark.parametrize("text", ["有个娃娃在安居苑门口哭 找不到妈妈了", "有个娃儿在超市门口哭 说找不到他爸爸",
                                  "小朋友找不到家长了"])
def test_a_child_who_cannot_find_their_parent_is_lost_for_the_police(text: str):
    rules = load_rules(DEFAULT_PATH)
    assert person_danger.missing_person(text) and triage.is_emergency(text, classified_as_emergency=False)
    assert emergency_numbers.number_to_call(rules, "health", text) == "110"


def test_a_number_not_found_is_no_lost_child():
    assert not person_danger.missing_person("孩子找不到妈妈的电话号码")


@pytest.mark.parametrize("text", ["找到了 他儿子来接走了", "他妈妈来了 接走了", "老人找到了", "送回家了",
                                  "他女儿来领回去了"])
def test_a_lost_one_found_or_taken_home_is_the_all_clear(text: str):
    assert emergency_updates.says_over(text)


@pytest.mark.parametrize("text", ["人还没找到", "找不到人"])
def test_not_found_yet_is_no_all_clear(text: str):
    assert not emergency_updates.says_over(text)


@pytest.mark.parametrize(("report", "more"), [
    ("安居苑4栋家里遭偷了 小偷已经跑了", "丢了个电瓶车"),
    ("安居苑4栋家里遭偷了 小偷已经跑了", "钱包也不见了"),
    ("昨晚上有人把我的电瓶车偷了 安居苑4栋", "还有头盔也遭偷了"),
    ("安居苑3栋2单元的水管在漏 楼梯上全是水", "水都漫到电梯井了"),
    ("安居苑3栋6单元楼道水管在漏", "楼梯好滑 刚才有人滑倒了"),
    ("河畔花园门口有个车撞到花坛了 人没事", "司机跑了"),
])
@pytest.mark.parametrize("intent", ["emergency", "report_issue", "nlu_fallback"])
def test_more_of_the_report_before_is_its_detail_never_a_new_emergency(demo_db: Database, clock: FakeClock,
                                                                     report: str, more: str, intent: str):
    filed = ticket(demo_db, submit(demo_db, clock, make_report(report, sender=STRANGER, category="other")))
    with demo_db.session() as s:
        assert follow_up_reading.read_follow_up(s, filed, more, intent, None) == "detail"
    assert not triage.has_danger(more)


def test_what_was_taken_needs_a_theft_before():
    assert not after_report.what_was_taken("门口垃圾桶满了", "丢了个垃圾袋")


def test_the_driver_gone_after_a_crash_gets_the_traffic_polices_number():
    assert after_report.driver_gone("河畔花园门口有个车撞到花坛了 人没事", "司机跑了")
    assert after_report.driver_gone("车子把栏杆撞断了", "开车的溜了")
    assert not after_report.driver_gone("门口垃圾堆起了", "司机跑了")
    assert "122" in after_report.HIT_AND_RUN and len(after_report.HIT_AND_RUN) <= 70


@pytest.mark.parametrize("text", ["熏得眼睛痛", "呛得很", "烟子都飘到我屋头来了"])
def test_the_coal_stoves_smoke_felt_is_more_of_it_with_the_air_advice(text: str):
    report = "隔壁烧蜂窝煤 烟子都飘到我屋头来了 安居苑7栋"
    assert still_going.stove_smoke(report, text) and not triage.has_danger(text)
    assert "通风" in still_going.meanwhile(report, text)


def test_smoke_that_overcomes_someone_is_no_stove_smoke():
    assert not still_going.stove_smoke("隔壁烧蜂窝煤", "呛得老人喘不过气了")


@pytest.mark.parametrize("more", ["门口的下水道也漫起了", "小区门口那个井盖烂了 差点把我绊倒", "我妈在屋头摔倒了"])
def test_another_things_trouble_after_a_leak_is_not_what_the_leak_did(more: str):
    assert not after_report.what_it_did("安居苑3栋2单元的水管在漏 楼梯上全是水", more)


@pytest.mark.parametrize("text", ["有个人在我家阳台上 安居苑7栋3楼", "有个男的躲在我屋头窗子外头"])
def test_a_stranger_on_the_senders_own_balcony_is_for_the_police(text: str):
    assert triage.has_danger(text)
    assert emergency_numbers.number_to_call(load_rules(DEFAULT_PATH), emergency_numbers.category_for("other", text),
                                            text) == "110"


def test_someone_doing_a_chore_on_the_balcony_is_no_break_in():
    assert not triage.has_danger("有人在我家阳台上晾衣服")


@pytest.mark.parametrize("text", ["有个老人家在安居苑门口 问他啥子都不晓得", "门口有个婆婆 问她啥都说不清"])
def test_an_elder_who_can_answer_nothing_asked_is_lost_for_the_police(text: str):
    assert person_danger.missing_person(text) and triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize("text", ["河畔花园6栋电梯门打不开 我老汉在里头", "电梯停了 我老太还在里面"])
def test_an_old_one_of_the_senders_in_a_stuck_lift_is_the_lifts_rescue(text: str):
    category = emergency_numbers.category_for("housing_utilities", text)
    assert person_danger.lift_with_people(text)
    assert emergency_numbers.number_to_call(load_rules(DEFAULT_PATH), category, text) == emergency_numbers.LIFT_RESCUE


@pytest.mark.parametrize(("text", "over"), [("出来了", True), ("我老汉出来了", True), ("火又窜出来了", False),
                                            ("烟冒出来了", False), ("火苗都出来了", False), ("人都出来了", True)])
def test_out_of_the_lift_is_the_all_clear_and_flames_out_are_not(text: str, over: bool):
    assert emergency_updates.says_over(text) is over


@pytest.mark.parametrize("text", ["快点 有贼 在偷我屋头的东西 安居苑7栋401", "屋头进贼了 还没走", "小偷在偷电瓶车",
                                  "贼娃子在翻我屋头的柜子"])
def test_a_thief_at_it_now_is_an_emergency_for_the_police(text: str):
    assert triage.has_danger(text)
    assert emergency_numbers.number_to_call(load_rules(DEFAULT_PATH), emergency_numbers.category_for("other", text),
                                            text) == "110"


def test_a_theft_of_another_day_is_no_emergency():
    assert not triage.has_danger("昨天屋头进贼了")


@pytest.mark.parametrize("text", ["婆婆还在那点坐起的 好冷哦", "老人还在门口 天都黑了"])
def test_the_lost_one_named_still_there_is_more_of_that_emergency(text: str):
    lost = Ticket(text="河畔花园门口有个婆婆走来走去 问她屋头在哪点 她不晓得", place_text="河畔花园门口",
                  severity="critical")
    assert emergency_followups.joins(text, lost)


def test_two_cars_knocking_with_nobody_hurt_is_a_crash_never_the_bruises_advice():
    assert care_words.first_aid("安居苑门口两个车碰了一下 人都没得事") is None
    assert care_words.first_aid("我骑车碰了一下 磕青了 没得大事") == care_words.KNOCK


@pytest.mark.parametrize("text", ["婆婆还在那点坐起的 好冷哦", "那个人还坐在门口 好冷"])
def test_someone_still_there_in_the_cold_is_news_never_the_weathers_chat(text: str):
    assert small_talk.reply(text) is None


def test_the_cold_alone_is_still_chat():
    assert small_talk.reply("今天好冷哦") is not None
