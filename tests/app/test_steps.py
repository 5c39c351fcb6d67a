"""The staff desk step: a staff member's command or unplaceable message is answered before the
engine; residents' messages and a staff member's own report go on to it."""

import re
from dataclasses import replace

from bot.app.emergency_place import EmergencyPlace
from bot.app.steps import StaffDesk
from bot.common.clock import FakeClock
from bot.core.routing_rules import DEFAULT_PATH, load_rules
from bot.messaging.ports import Claimed
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import make_report, submit, ticket

RULES = load_rules(DEFAULT_PATH)


def message(sender: str, text: str) -> Claimed:
    return Claimed(id=1, channel="simulator", sender=sender, text=text, payload={}, attempts=0)


def parsing_as(intent: str):  # the engine's /model/parse, as far as the step reads it
    async def parse(text: str) -> dict:
        return {"text": text, "intent": {"name": intent, "confidence": 0.9}}
    return parse


async def test_a_staff_command_is_answered_before_the_engine(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    step = StaffDesk(demo_db, clock, RULES, parsing_as("report_issue"))
    answered = await step(message(WORKER, f"{number} 详情"))
    assert isinstance(answered, list) and number in answered[0]["text"] and RESIDENT in answered[0]["text"]


async def test_what_staff_send_that_nobody_can_place_gets_the_staff_menu(demo_db: Database, clock: FakeClock):
    step = StaffDesk(demo_db, clock, RULES, parsing_as("nlu_fallback"))
    [menu] = await step(message(DUTY_OFFICER, "嗯 那个事情哦"))
    assert "派给" in menu["text"] and "议事投票" not in menu["text"]


async def test_a_residents_message_and_a_staff_members_report_go_on_to_the_engine(demo_db: Database,
                                                                                clock: FakeClock):
    step = StaffDesk(demo_db, clock, RULES, parsing_as("nlu_fallback"))
    resident = message(RESIDENT, "嗯 那个事情哦")
    assert await step(resident) == replace(resident, role="resident")  # the engine is told who speaks
    report = message(WORKER, "我家楼下路灯坏了好几天了")
    assert await StaffDesk(demo_db, clock, RULES, parsing_as("report_issue"))(report) == replace(report, role="staff")


async def test_without_the_engine_a_staff_members_other_messages_go_on(demo_db: Database, clock: FakeClock):
    async def down(text: str) -> dict:
        raise RuntimeError("engine unreachable")

    other = message(WORKER, "嗯 那个事情哦")
    assert await StaffDesk(demo_db, clock, RULES, down)(other) == replace(other, role="staff")
    assert await StaffDesk(demo_db, clock, RULES)(other) == replace(other, role="staff")


async def test_the_problem_a_visit_brings_back_is_filed_under_the_classifiers_category(demo_db: Database,
                                                                                      clock: FakeClock):
    """Blind test ut21, #10: a visit's 反映 was filed as 其他; the step asks the engine about the problem alone."""
    asked: list[str] = []

    async def parse(text: str) -> dict:
        asked.append(text)
        return {"text": text, "intent": {"name": "report_issue", "confidence": 0.9}, "response_selector": {
            "report_issue": {"response": {"intent_response_key": "report_issue/sanitation", "confidence": 0.8}}}}

    [answer] = await StaffDesk(demo_db, clock, RULES, parse)(message(WORKER, "走访 H0007 反映 门口那摊东西烂了"))
    number = re.search(r"工单(T\d+)", answer["text"]).group(1)
    assert asked == ["门口那摊东西烂了"] and ticket(demo_db, number).category == "sanitation"


async def test_a_new_problem_after_an_emergency_is_not_taken_for_its_place(demo_db: Database, clock: FakeClock):
    gas = submit(demo_db, clock, make_report("救命 屋头好大一股煤气味", category="housing_utilities", emergency=True))
    step = EmergencyPlace(demo_db, clock)
    flood = message(RESIDENT, "楼上水管爆了 水哗哗的往我屋头灌")
    assert await step(flood) == flood
    assert not ticket(demo_db, gas).place_text
    [reply] = await step(message(RESIDENT, "5栋2单元302"))
    assert "5栋2单元302" in reply["text"] and ticket(demo_db, gas).place_text == "5栋2单元302"


async def test_a_request_with_place_words_is_never_taken_for_an_emergencys_place(demo_db: Database,
                                                                                   clock: FakeClock):
    sparks = submit(demo_db, clock, make_report("楼道里电线在冒火花", category="fire_safety", emergency=True))
    step = EmergencyPlace(demo_db, clock)
    for text in ("帮我查一下阳光小区1栋101那家的电话 我要找她", "3栋那个网格员电话多少？",
                 "我屋头那个在6栋1单元302住的老汉说他明天要去医院看病"):
        asked = message(RESIDENT, text)
        assert await step(asked) is asked, text
    assert not ticket(demo_db, sparks).place_text
    [reply] = await step(message(RESIDENT, "6栋1单元302"))
    assert ticket(demo_db, sparks).place_text == "6栋1单元302" and "6栋1单元302" in reply["text"]


async def test_what_the_engine_is_sure_is_another_request_is_not_an_emergencys_place(demo_db: Database,
                                                                                      clock: FakeClock):
    sparks = submit(demo_db, clock, make_report("楼道里电线在冒火花", category="fire_safety", emergency=True))
    status = message(RESIDENT, "5栋那个事情进展")
    assert await EmergencyPlace(demo_db, clock, parsing_as("check_status"))(status) is status
    assert not ticket(demo_db, sparks).place_text
    [reply] = await EmergencyPlace(demo_db, clock, parsing_as("nlu_fallback"))(message(RESIDENT, "5栋2单元门口"))
    assert ticket(demo_db, sparks).place_text == "5栋2单元门口" and "5栋2单元门口" in reply["text"]


async def test_a_worried_question_while_where_stands_is_calmed_and_asked_the_place_again(demo_db: Database,
                                                                                      clock: FakeClock):
    # Blind test 7, #68: "你们好久能到嘛" after "有个老人晕倒了 叫不醒" got the residents' menu.
    anxious = message(RESIDENT, "你们好久能到嘛")
    assert await EmergencyPlace(demo_db, clock, rules=RULES)(anxious) is anxious  # no emergency: the engine's
    down = submit(demo_db, clock, make_report("有个老人晕倒了 叫不醒", category="elderly_care", emergency=True))
    step = EmergencyPlace(demo_db, clock, parsing_as("check_status"), rules=RULES)
    for text in ("你们好久能到嘛", "快点来啊"):
        [calm] = await step(message(RESIDENT, text))
        assert "已通知值班人员" in calm["text"] and "120" in calm["text"] and "地点" in calm["text"], text
    assert not ticket(demo_db, down).place_text
    contact = message(RESIDENT, "我们网格员电话多少？")  # asked apart, answered by its own step
    assert await step(contact) is contact
    [placed] = await EmergencyPlace(demo_db, clock, parsing_as("nlu_fallback"), rules=RULES)(
        message(RESIDENT, "5栋2单元门口"))
    assert ticket(demo_db, down).place_text == "5栋2单元门口" and "收到地点" in placed["text"]
    assert await step(anxious) is anxious  # the place given: nothing stands any more
