"""The staff desk step: a staff member's command or unplaceable message is answered before the
engine; residents' messages and a staff member's own report go on to it."""

import re
from dataclasses import replace

from bot.app.steps import StaffDesk
from bot.common.clock import FakeClock
from bot.core.routing_rules import DEFAULT_PATH, load_rules
from bot.store.db import Database
from tests.app.helpers import message, parsing_as
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import submit, ticket

RULES = load_rules(DEFAULT_PATH)


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
