"""The 走访 page in a real browser (Debian's chromium, nothing outside 127.0.0.1): a visit recorded by SMS
shows as done, and one recorded with the page's form too; screenshots at 375 and 1280 px."""

from sqlalchemy import select

from bot.common.phones import national
from bot.core import staff_desk
from bot.core.monthly import run_due
from bot.core.visit_lists import visit_lists_job
from bot.core.visit_rules import VisitRules
from bot.store.household_models import VisitTask
from bot.store.models import Household
from tests.conftest import WORKER
from tests.web.conftest import screenshot, sign_in


def status_of(gateway, code: str) -> str:
    with gateway.services.db.session() as s:
        return s.scalar(select(VisitTask.status).join(Household, Household.id == VisitTask.household_id)
                        .where(Household.code == code))


def test_a_visit_recorded_by_sms_appears_and_one_is_recorded_on_the_page(gateway, page):
    services = gateway.services
    run_due(services.db, gateway.clock, [visit_lists_job(VisitRules())])
    with services.db.session() as s:  # 李磊 texts the visit (the staff desk answers before the engine)
        assert staff_desk.answer(s, gateway.clock, services.rules, WORKER, "走访 H0001 已核实 无新情况") \
            .startswith("已记录H0001走访")
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/visits?show=done")
    done = page.locator('[data-household="H0001"]')
    assert done.locator('[data-status="done"]').inner_text() == "已走访"
    page.goto(f"{gateway.url}/staff/visits")
    assert page.locator("[data-household]").count() == 14
    row = page.locator('[data-household="H0002"]')
    row.locator("summary").click()
    row.locator('input[name="note"]').fill("已核实 老人身体还好")
    row.locator('input[name="problem"]').fill("楼道灯不亮")
    screenshot(page, "visits")
    row.locator('button[type="submit"]').click()
    page.wait_for_url("**/staff/visits?**")
    assert "已记录H0002的走访，已代为反映" in page.locator('[role="status"]').inner_text()
    assert page.locator('[data-visits="done"]').inner_text() == "2"
    assert status_of(gateway, "H0002") == "done"
    screenshot(page, "visits-recorded")
