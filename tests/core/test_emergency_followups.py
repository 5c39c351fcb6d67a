"""What a reporter says soon after their emergency (blind test 8): a place with words of its own, more of the same
emergency, a question of what to do, a false alarm; the withdrawn emergency told to everyone alerted; the
【紧急】 notice keeps the place; a dispatch to the grid already holding it tells nobody twice."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import dispatch, emergencies, emergency_followups, emergency_numbers, staff_notices, triage
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, STRANGER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

WINDOW = timedelta(minutes=30)
ANJU_GRID_1_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格
XF_HOME_CARE = "+8613800001005"  # 幸福社区's home care (养老助残 co-handler)


def emergency(db: Database, clock: FakeClock, text: str, category: str) -> str:
    return submit(db, clock, make_report(text, sender=STRANGER, category=category, emergency=True))


def test_a_place_with_words_of_its_own_is_split_and_another_problem_is_not_taken_for_it():
    fire = Ticket(text="着火了着火了 快来人", place_text="")
    assert emergency_followups.place_with_detail("安居苑5栋2单元 三楼冒烟", fire) == ("安居苑5栋2单元", "三楼冒烟")
    smoke = Ticket(text="楼道里头冒黑烟 好呛人", place_text="")
    assert emergency_followups.place_with_detail("河畔花园2栋 楼梯间那点 好像是哪个在烧东西", smoke) == (
        "河畔花园2栋", "楼梯间那点 好像是哪个在烧东西")
    gas = Ticket(text="屋头好大一股煤气味", place_text="")
    assert emergency_followups.place_with_detail("3栋楼上水管爆了", gas) is None  # its own report
    assert emergency_followups.place_with_detail("帮我查一下阳光小区1栋101那家的电话", gas) is None


def test_someone_hurt_or_more_of_the_same_joins_and_another_danger_elsewhere_does_not():
    fight = Ticket(text="楼下两个男的打起来了 拿起刀了", place_text="安居苑门口的烧烤摊那点")
    assert emergency_followups.joins("有个已经在流血了", fight)
    assert not emergency_followups.joins("3栋楼上水管爆了 水哗哗的往屋头灌", fight)
    assert not emergency_followups.joins("谢谢你们", fight)
    fire = Ticket(text="着火了 好大的烟", place_text="安居苑5栋")
    assert emergency_followups.joins("火越来越大了", fire)


def test_a_question_of_what_to_do_gets_advice_for_the_emergencys_kind():
    down = Ticket(text="菜市场门口有个老太婆倒在地上了 喊不应", category="elderly_care")
    assert emergency_followups.asks_what_to_do("是不是要打120哦 我不敢动她")
    said = emergency_followups.advice(down, "120和110")
    assert "120" in said and "别挪动" in said and len(said) <= 70
    gas = Ticket(text="屋头好大一股煤气味", category="housing_utilities")
    assert "别开关电器" in emergency_followups.advice(gas, "119")


def test_a_false_alarm_withdraws_the_emergency_and_everyone_alerted_hears_it(demo_db: Database, clock: FakeClock):
    number = emergency(demo_db, clock, "对面楼冒好大的烟 是不是着火了", "fire_safety")
    clock.advance(minutes=2)
    with demo_db.session() as s:
        said = emergency_followups.answer(s, clock, RULES, STRANGER, "哦 搞错了 是他们在熏腊肉 不好意思", WINDOW)
    assert said is not None and number in said and "撤销" in said
    assert ticket(demo_db, number).status == "cancelled"
    assert any(number in t and "误报" in t for t in messages_to(demo_db, DUTY_OFFICER))


def test_standing_down_or_a_screwdriver_at_work_is_never_an_emergency():
    assert not triage.is_emergency("算了 不报了 我喊儿子拿螺丝刀拧紧了", classified_as_emergency=True)
    assert triage.stands_down("算了 不报了 我喊儿子拿螺丝刀拧紧了")
    assert triage.is_emergency("着火了 算了 我先跑", classified_as_emergency=True)  # danger words still win
    assert triage.has_danger("有人在河滨公园偷电缆 两个人 开个面包车")
    assert not triage.has_danger("我的电瓶车昨天被偷了")


def test_people_shut_in_a_lift_are_the_buildings_with_the_lifts_rescue_number():
    text = "关了两个人在里头 按警铃莫得人应"
    assert emergency_numbers.category_for("public_security", text) == "housing_utilities"
    assert emergency_numbers.number_to_call(RULES, "housing_utilities", text) == emergency_numbers.LIFT_RESCUE


def test_the_urgent_notice_keeps_the_place_before_the_text():
    notice = staff_notices.new_ticket("T1051", "道路设施", "幸福社区第1网格", "阳光小区南门口",
                                      "一个电瓶车把娃儿撞倒了 娃儿腿在流血 骑车的想跑", "+8613988880018",
                                      urgent=True, calling=True)
    assert "阳光小区南门口" in notice and "+8613988880018" in notice and len(notice) <= 70


def test_a_dispatch_to_the_grid_that_already_holds_the_emergency_tells_its_worker_once(
        demo_db: Database, clock: FakeClock):
    number = emergency(demo_db, clock, "有人晕倒了 快点", "health")
    with demo_db.session() as s:
        emergencies.give_place(s, clock, emergencies.awaiting_place(s, clock, STRANGER), "安居苑门口", rules=RULES)
    with demo_db.session() as s:
        dispatch.dispatch(s, clock, RULES, number, DUTY_OFFICER, "安居社区第1网格")
    alerts = [t for t in messages_to(demo_db, ANJU_GRID_1_WORKER) if number in t and "【紧急】" in t]
    assert len(alerts) == 1 and "安居苑门口" in alerts[0]


def test_an_emergencys_co_handler_is_told_the_place_too(demo_db: Database, clock: FakeClock):
    number = emergency(demo_db, clock, "有个老人晕倒了 快来人", "elderly_care")
    with demo_db.session() as s:
        emergencies.give_place(s, clock, emergencies.awaiting_place(s, clock, STRANGER), "阳光小区3栋楼下", rules=RULES)
    [notice] = [t for t in messages_to(demo_db, XF_HOME_CARE) if number in t]
    assert notice.startswith("协办") and "阳光小区3栋楼下" in notice


def test_someone_shut_in_after_a_stopped_lift_is_more_of_that_emergency():
    # Blind test 25, A23: "电梯不动了" then "我老伴关在里头" opened a second emergency.
    lift = Ticket(text="电梯不动了", place_text="")
    for text in ("我老伴关在里头", "里面还有人"):
        assert emergency_followups.may_be_about(text) and emergency_followups.joins(text, lift), text
    assert not emergency_followups.joins("我老伴关在里头", Ticket(text="楼道里头冒黑烟", place_text=""))
