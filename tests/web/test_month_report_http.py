"""月报 over HTTP: the page and its .xlsx hold the same figures, within the signed-in staff member's
scope (another community, or a grid worker's community, is a 404), and the page prints cleanly with
nothing loaded from outside."""

import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY as XF_SECRETARY
from tests.core.month_report_state import FIRST_OF_DECEMBER, prepare_november
from tests.web.test_workbench_pages_http import as_

BUILDING_HEAD = "+8613700000201"
KPI = "<dt>{}</dt><dd{}>{}</dd>"


def to_december(clock) -> None:
    clock.advance(seconds=(FIRST_OF_DECEMBER - clock.now()).total_seconds())


def kpi(page: str, label: str) -> str:
    return re.search(rf"<dt>{label}</dt><dd[^>]*>([^<]+)</dd>", page).group(1)


def sheet_rows(content: bytes, name: str) -> list[list[object]]:
    book = load_workbook(io.BytesIO(content))
    return [[cell.value for cell in row] for row in book[name].iter_rows()]


async def test_a_secretary_reads_last_months_report_and_the_xlsx_holds_the_same_figures(http, clock):
    prepare_november(http.services.db)
    to_december(clock)
    await as_(http, XF_SECRETARY, clock)
    answer = await http.get("/staff/reports/monthly")
    assert answer.status_code == 200
    page = answer.text
    assert "幸福社区 2026年11月工作月报" in page  # the last complete month of her community, unasked
    labels = ("新工单", "月内办结", "月末在办", "月末逾期", "办结及时率", "满意率")
    shown = {label: kpi(page, label) for label in labels}
    assert shown == {"新工单": "5", "月内办结": "2", "月末在办": "4", "月末逾期": "3", "办结及时率": "50%",
                     "满意率": "50%"}
    assert kpi(page, "走访完成") == "2/5户"
    assert '<th scope="row">幸福社区第1网格</th><td>4</td>' in page and "河滨" not in page
    assert "道路设施 <b>2</b>件" in page and "老人独居 行动不便" in page
    assert page.count("<svg") == 2
    assert 'href="/staff/reports/monthly.xlsx?unit=XF&amp;month=2026-11"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from outside the gateway

    download = await http.get("/staff/reports/monthly.xlsx?unit=XF&month=2026-11")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    summary = dict((label, value) for label, value in sheet_rows(download.content, "概况")[1:])
    assert (summary["新工单"], summary["月内办结"], summary["月末在办"], summary["月末逾期"]) == (5, 2, 4, 3)
    assert (summary["办结及时率"], summary["满意率"], summary["走访完成（户）"], summary["三色变化（次）"]) == \
        (0.5, 0.5, 2, 3)
    grids = sheet_rows(download.content, "网格")
    assert grids[1][:5] == ["幸福社区第1网格", 4, 2, 3, 2] and len(grids) == 5
    changes = sheet_rows(download.content, "三色变化")
    assert changes[1][:3] == ["绿色", "红色", 2] and changes[2][:3] == ["黄色", "红色", 1]
    assert sum(1 for row in changes if row[5] == "老人独居 行动不便") == 1
    assert sheet_rows(download.content, "类别")[1] == ["道路设施", 2]
    with http.services.db.session() as s:
        exported = s.scalars(select(AuditEntry).where(AuditEntry.action == "month_report.export")).all()
        assert [(e.subject, e.detail["month"]) for e in exported] == [("XF", "2026-11")]


async def test_another_community_is_404_for_a_secretary_and_a_grid_worker_sees_only_his_grid(http, clock):
    prepare_november(http.services.db)
    to_december(clock)
    await as_(http, XF_SECRETARY, clock)
    assert (await http.get("/staff/reports/monthly?unit=HB&month=2026-11")).status_code == 404
    assert (await http.get("/staff/reports/monthly.xlsx?unit=HB&month=2026-11")).status_code == 404
    assert (await http.get("/staff/reports/monthly?unit=XF-G2")).status_code == 200  # a grid of hers
    assert (await http.get("/staff/reports/monthly?unit=QS")).status_code == 404  # not a report's unit

    await as_(http, WORKER, clock)
    assert (await http.get("/staff/reports/monthly?unit=XF")).status_code == 404
    assert (await http.get("/staff/reports/monthly.xlsx?unit=XF")).status_code == 404
    assert (await http.get("/staff/reports/monthly?unit=XF-G2")).status_code == 404
    own = (await http.get("/staff/reports/monthly")).text
    assert "幸福社区第1网格 2026年11月工作月报" in own and kpi(own, "新工单") == "4"
    assert '<option value="XF"' not in own

    await as_(http, DUTY_OFFICER, clock)
    hb = (await http.get("/staff/reports/monthly?unit=HB&month=2026-11")).text
    assert "河滨社区 2026年11月工作月报" in hb and kpi(hb, "新工单") == "1"

    await as_(http, BUILDING_HEAD, clock)
    assert (await http.get("/staff/reports/monthly")).status_code == 404
    assert 'href="/staff/reports/monthly"' not in (await http.get("/staff/")).text


async def test_the_month_asked_is_shown_and_a_bad_or_future_one_gives_the_last_complete_month(http, clock):
    prepare_november(http.services.db)
    to_december(clock)
    await as_(http, XF_SECRETARY, clock)
    october = (await http.get("/staff/reports/monthly?unit=XF&month=2026-10")).text
    assert "2026年10月工作月报" in october and kpi(october, "新工单") == "1"
    assert 'month=2026-11">下月</a>' in october
    running = (await http.get("/staff/reports/monthly?unit=XF&month=2026-12")).text
    assert "目前在办" in running and "本月尚未结束" in running and "下月" not in running
    for asked in ("2027-01", "2026-13", "junk"):
        assert "2026年11月工作月报" in (await http.get(f"/staff/reports/monthly?unit=XF&month={asked}")).text


async def test_the_page_prints_without_the_workbench_and_is_linked_from_the_nav_and_statistics(http, clock):
    await as_(http, XF_SECRETARY, clock)
    home = (await http.get("/staff/")).text
    assert '<a href="/staff/reports/monthly">月报</a>' in home
    assert 'href="/staff/reports/monthly"' in (await http.get("/staff/stats")).text
    page = (await http.get("/staff/reports/monthly")).text
    assert '<link rel="stylesheet" href="/staff/static/month_report.css">' in page
    css = (await http.get("/staff/static/month_report.css")).text
    assert "@media print" in css and re.search(r"\.top, \.noprint[^{]*\{ display: none", css)
    assert "url(" not in css and "@import" not in css


async def test_the_xlsx_of_a_month_not_over_says_open_now_not_at_the_months_end(http, clock):
    prepare_november(http.services.db)
    to_december(clock)
    await as_(http, XF_SECRETARY, clock)
    running = await http.get("/staff/reports/monthly.xlsx?unit=XF&month=2026-12")
    assert running.status_code == 200
    labels = [label for label, _ in sheet_rows(running.content, "概况")[1:]]
    assert "目前在办" in labels and "目前逾期" in labels and not any("月末" in label for label in labels)
    assert sheet_rows(running.content, "网格")[0][3:5] == ["目前在办", "目前逾期"]
    over = await http.get("/staff/reports/monthly.xlsx?unit=XF&month=2026-11")
    assert sheet_rows(over.content, "网格")[0][3:5] == ["月末在办", "月末逾期"]
