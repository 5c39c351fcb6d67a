"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, E25, W24, N3, L21): a question soon after a report is asked,
never said of it. A yes-or-no question with no trouble in it (礼拜天开不开门, 体检要空腹不) is answered, never
"已补充到工单"; whether the promised work is done (楼上接管子没得嘛) asks after the report, never adds to it; "对 补充"
answers "补充还是新问题？" as 补充."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import after_report, follow_up_reading
from bot.store.db import Database
from tests.core.helpers import make_report, submit, ticket

SENDER = "+86139555740090"
RUBBISH = ("安居苑857栋门口垃圾桶满了 好几天没人拉", "environment")
LEAK = ("河畔花园859栋 楼上漏水 漏到我家厨房了", "water_supply")
INTENTS = [("report_issue", "environment"), ("nlu_fallback", None), ("check_status", None), ("ask_policy", None)]


def read(db: Database, clock: FakeClock, report: tuple[str, str], text: str, intent: str,
         category: str | None) -> str:
    open_ = ticket(db, submit(db, clock, make_report(report[0], sender=SENDER, category=report[1])))
    with db.session() as s:
        return follow_up_reading.read_follow_up(s, open_, text, intent, category)


@pytest.mark.parametrize("text", ["礼拜天开不开门", "周末上不上班嘛", "体检要空腹不", "医保卡要不要带", "明天办不办公"])
@pytest.mark.parametrize(("intent", "category"), INTENTS)
def test_a_yes_or_no_question_after_a_report_is_never_a_detail_of_it(demo_db: Database, clock: FakeClock, text: str,
                                                                     intent: str, category: str | None):
    assert read(demo_db, clock, RUBBISH, text, intent, category) not in ("detail", "ask", "new"), text


@pytest.mark.parametrize("text", ["楼上接管子没得嘛", "管子接起没有", "漏的地方补了没得哦"])
@pytest.mark.parametrize(("intent", "category"), [("report_issue", "water_supply"), ("nlu_fallback", None)])
def test_asking_whether_the_promised_work_is_done_asks_after_the_report(demo_db: Database, clock: FakeClock,
                                                                        text: str, intent: str,
                                                                        category: str | None):
    assert read(demo_db, clock, LEAK, text, intent, category) == "status", text


@pytest.mark.parametrize("text", ["门也关不拢", "水一直滴 关不住", "还是不行"])
def test_trouble_said_with_a_not_is_still_said_of_the_report(demo_db: Database, clock: FakeClock, text: str):
    assert read(demo_db, clock, LEAK, text, "report_issue", "water_supply") != "pass", text


@pytest.mark.parametrize("text", ["对 补充", "是的 补充嘛", "嗯 加上", "对，补充", "补充一下", "补充"])
def test_agreeing_to_add_it_chooses_the_detail(text: str):
    assert after_report.chooses_detail(text), text


@pytest.mark.parametrize("text", ["不是补充", "新问题", "补充 楼道灯也坏了", "对"])
def test_anything_else_is_no_choice_of_the_detail(text: str):
    assert not after_report.chooses_detail(text), text


@pytest.mark.parametrize("text", ["那个管子是不是要换新的吗"])
def test_wondering_about_the_report_itself_is_still_for_its_worker(demo_db: Database, clock: FakeClock, text: str):
    assert read(demo_db, clock, LEAK, text, "report_issue", "water_supply") in ("detail", "detail_asked"), text
