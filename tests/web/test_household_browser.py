"""住户 pages in Debian's chromium at a phone's width: the list and a filter, a household's colour and tags
changed through the form with a reason (its history shows it), and the counts table; nothing wider than
the screen, nothing loaded from outside 127.0.0.1 (the `page` fixture fails the test otherwise)."""

from sqlalchemy import select

from bot.store.models import Household
from tests.conftest import DUTY_OFFICER, WORKER
from tests.web.conftest import screenshot, sign_in

PHONE_WIDTH = 375


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_grid_worker_filters_his_households_and_changes_one_with_a_reason(gateway, page):
    sign_in(page, gateway, WORKER.removeprefix("+86"))
    page.click("nav.nav >> text=住户")
    assert page.locator(".household .number").count() == 15 and fits_the_phone(page)
    screenshot(page, "households")
    page.select_option("select[name=colour]", "yellow")
    page.click("button:text('应用筛选')")
    assert page.locator(".household .number").all_inner_texts() == ["H0004", "H0008", "H0012"]
    page.click("text=H0004")
    assert "139****" in page.inner_text(".members") and fits_the_phone(page)
    page.click("summary:text('修改三色和标签')")
    page.check("input[name=colour][value=red]")
    page.check("input[name=tags][value=独居老人]")
    page.fill("textarea[name=reason]", "老伴去世，现独居")
    page.click("form[action$='/change'] button")
    assert "已保存" in page.inner_text(".ok")
    assert "黄色 → 红色" in page.inner_text(".history") and "老伴去世，现独居" in page.inner_text(".history")
    screenshot(page, "household")
    with gateway.services.db.session() as s:
        changed = s.scalar(select(Household).where(Household.code == "H0004"))
        assert (changed.colour, changed.tags) == ("red", ["空巢老人", "独居老人"])


def test_the_duty_officer_reads_the_counts_by_community_on_a_phone(gateway, page):
    sign_in(page, gateway, DUTY_OFFICER.removeprefix("+86"))
    page.goto(f"{gateway.url}/staff/households/counts")
    rows = page.locator("#by-unit tbody tr th").all_inner_texts()
    assert rows == ["安居社区", "河滨社区", "石桥村", "幸福社区"]  # by code: AJ, HB, SQ, XF
    assert page.inner_text(".kpis div:first-child dd") == "204" and fits_the_phone(page)
    screenshot(page, "household-counts")
