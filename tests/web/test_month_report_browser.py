"""月报 in a real browser: the page at 375 and 1280 px, its print button, and printed (print media) with
none of the workbench's chrome, saved as a PDF beside the screenshots; no request leaves 127.0.0.1."""

from tests.conftest import DUTY_OFFICER
from tests.core.month_report_state import prepare_november
from tests.web.conftest import SCREENSHOTS, screenshot, sign_in


def test_the_monthly_report_shows_its_figures_and_prints_to_a_clean_pdf(gateway, page):
    prepare_november(gateway.services.db)
    sign_in(page, gateway, DUTY_OFFICER.removeprefix("+86"))
    page.goto(f"{gateway.url}/staff/reports/monthly?unit=XF&month=2026-11")
    assert page.locator("h1").inner_text() == "幸福社区 2026年11月工作月报"
    new = page.locator(".kpis div", has_text="新工单").locator("dd")
    assert new.inner_text() == "5"
    assert page.locator("[data-print]").is_visible()  # the script shows the button
    assert page.locator("svg.chart").count() == 2
    screenshot(page, "month-report")

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert not page.locator("header.top").is_visible() and not page.locator("form.noprint").is_visible()
    assert page.locator(".month-report h1").is_visible() and page.locator(".figures").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "month-report-print.png"), full_page=True)
    pdf = page.pdf(path=str(SCREENSHOTS / "month-report.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

    page.emulate_media(media="screen")
    page.select_option("select[name=unit]", "HB")
    page.click("text=查看")
    assert page.locator("h1").inner_text().startswith("河滨社区")
