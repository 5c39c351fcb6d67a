"""住户 pages over HTTP: the list and its filters within the scope, a household's page (404 outside the
scope, members' numbers masked for a grid worker), the change form (a reason required, CSRF required,
history and audit written), the counts table against the households as they are, the export, and the
custom tags only a secretary keeps."""

import io
import re
from html import unescape

from openpyxl import load_workbook
from sqlalchemy import select

from bot.core.household_changes import history
from bot.store.household_models import CustomTag
from bot.store.models import Household, OrgUnit
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY
from tests.core.workbench_factories import in_grid_1
from tests.web.test_workbench_pages_http import as_, count, read_csv

CODE = re.compile(r'<span class="number">(H\d{4})</span>')


def listed(page: str) -> list[str]:
    return CODE.findall(page)


def household(http, code: str) -> Household:
    with http.services.db.session() as s:
        found = s.scalar(select(Household).where(Household.code == code))
        s.expunge(found)
        return found


def cells(page: str, row_attr: str) -> list[str]:
    """The cells of a counts table's row (<tr data-…>) as text."""
    row = re.search(rf'<tr {row_attr}>(.*?)</tr>', page, re.S).group(1)
    return [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]


async def test_the_list_shows_the_grid_workers_households_and_filters_by_colour_tag_and_words(http, clock):
    await as_(http, WORKER, clock)
    page = (await http.get("/staff/households")).text
    assert len(listed(page)) == 15 and "H0016" not in page and '<a href="/staff/households">住户</a>' in page
    assert listed(page)[0] == "H0010"  # red first
    assert listed((await http.get("/staff/households?colour=yellow")).text) == ["H0004", "H0008", "H0012"]
    assert listed((await http.get("/staff/households?tag=留守儿童")).text) == ["H0007", "H0014"]
    third = listed((await http.get("/staff/households?q=阳光小区3栋")).text)
    assert sorted(third) == [f"H00{n}" for n in range(11, 16)]
    assert listed((await http.get("/staff/households?grid=XF-G2")).text) == []  # not his grid


async def test_a_household_outside_the_scope_is_a_404_for_its_page_and_its_form(http, clock):
    csrf = await as_(http, WORKER, clock)
    assert (await http.get("/staff/households/H0016")).status_code == 404
    assert (await http.get("/staff/households/NOPE")).status_code == 404
    refused = await http.post("/staff/households/H0016/change",
                              data={"csrf": csrf, "colour": "red", "reason": "试试", "tags": ["大病"]})
    assert refused.status_code == 404 and household(http, "H0016").colour != "red"


async def test_a_grid_worker_sees_members_numbers_masked_and_a_secretary_in_full(http, clock):
    await as_(http, WORKER, clock)
    page = (await http.get("/staff/households/H0001")).text
    assert "139****0001" in page and "13900000001" not in page
    await as_(http, COMMUNITY_SECRETARY, clock)
    assert "13900000001" in (await http.get("/staff/households/H0001")).text
    assert count(http, AuditEntry, AuditEntry.action == "household.viewed") == 2


async def test_a_change_with_a_reason_is_saved_with_its_history_and_audited(http, clock):
    csrf = await as_(http, WORKER, clock)
    answer = await http.post("/staff/households/H0004/change", data={
        "csrf": csrf, "colour": "red", "reason": "老人独居，行动不便", "tags": ["空巢老人", "独居老人"]})
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/households/H0004?done=changed"
    found = household(http, "H0004")
    assert (found.colour, found.tags) == ("red", ["空巢老人", "独居老人"])
    with http.services.db.session() as s:
        assert sorted((r.field, r.via) for r in history(s, found.id)) == [("colour", "page"), ("tag_added", "page")]
    page = (await http.get(answer.headers["location"])).text
    assert "已保存" in page and "原因：老人独居，行动不便" in page and "黄色 → 红色" in page
    assert count(http, AuditEntry, AuditEntry.action == "household.changed") == 1


async def test_a_change_without_a_reason_changes_nothing_and_says_why(http, clock):
    csrf = await as_(http, WORKER, clock)
    answer = await http.post("/staff/households/H0004/change",
                             data={"csrf": csrf, "colour": "red", "reason": "  ", "tags": ["空巢老人"]})
    assert answer.headers["location"].endswith("?error=no_reason")
    assert "请填写变更原因" in (await http.get(answer.headers["location"])).text
    found = household(http, "H0004")
    assert found.colour == "yellow"
    assert count(http, AuditEntry, AuditEntry.action == "household.changed") == 0


async def test_a_change_without_the_sessions_csrf_token_is_refused(http, clock):
    await as_(http, WORKER, clock)
    answer = await http.post("/staff/households/H0004/change", data={"colour": "red", "reason": "无令牌"})
    assert answer.status_code == 403 and household(http, "H0004").colour == "yellow"


async def test_the_counts_table_matches_the_households_after_a_change(http, clock):
    csrf = await as_(http, DUTY_OFFICER, clock)
    await http.post("/staff/households/H0002/change",
                    data={"csrf": csrf, "colour": "red", "reason": "重病", "tags": ["大病", "残疾"]})
    page = (await http.get("/staff/households/counts?by=community")).text
    with http.services.db.session() as s:
        every = list(s.scalars(select(Household)))
        xf_id = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF"))
        xf_grids = set(s.scalars(select(OrgUnit.id).where(OrgUnit.parent_id == xf_id)))
    ill = [h.colour for h in every if "大病" in h.tags]
    assert cells(page, 'data-tag="大病"') == ["大病", *[str(ill.count(c)) for c in ("red", "yellow", "green")],
                                             str(len(ill))]
    assert cells(page, 'data-tag="残疾"') == ["残疾", "1", "0", "0", "1"]
    xf = [h.colour for h in every if h.unit_id in xf_grids]
    assert cells(page, 'data-unit="XF"')[:5] == ["幸福社区", str(len(xf)),
                                                *[str(xf.count(c)) for c in ("red", "yellow", "green")]]
    one = (await http.get(f"/staff/households/counts?by=community&unit={xf_id}")).text
    assert "幸福社区：标签 × 三色" in one
    assert cells(one, 'data-tag="残疾"') == ["残疾", "1", "0", "0", "1"]


async def test_a_grid_workers_counts_and_export_hold_his_grid_only(http, clock):
    csrf = await as_(http, WORKER, clock)
    page = (await http.get("/staff/households/counts?by=grid")).text
    assert re.findall(r'<tr data-unit="([^"]+)">', page) == ["XF-G1"]
    answer = await http.post("/staff/households/export?colour=yellow", data={"csrf": csrf, "fmt": "csv"})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    rows = read_csv(answer.content)
    assert [row[0] for row in rows[1:]] == ["H0004", "H0008", "H0012"] and rows[1][3:5] == ["黄", "空巢老人"]
    xlsx = await http.post("/staff/households/export", data={"csrf": csrf, "fmt": "xlsx"})
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 16
    assert (await http.post("/staff/households/export", data={"fmt": "csv"})).status_code == 403
    assert count(http, AuditEntry, AuditEntry.action == "households.exported") == 2


async def test_a_secretary_keeps_her_communitys_custom_tags_and_a_grid_worker_has_no_such_page(http, clock):
    await as_(http, WORKER, clock)
    assert (await http.get("/staff/households/tags")).status_code == 404
    csrf = await as_(http, COMMUNITY_SECRETARY, clock)
    page = (await http.get("/staff/households/tags")).text
    unit = re.search(r'name="unit" value="(\d+)"', page).group(1)
    added = await http.post("/staff/households/tags/add", data={"csrf": csrf, "unit": unit, "name": "种植大户"})
    assert added.headers["location"].endswith("done=tag_added")
    assert "种植大户" in (await http.get("/staff/households/H0002")).text  # offered on her households' form
    again = await http.post("/staff/households/tags/add", data={"csrf": csrf, "unit": unit, "name": "种植大户"})
    assert again.headers["location"].endswith("error=duplicate")
    assert (await http.post("/staff/households/tags/add", data={"unit": unit, "name": "养殖"})).status_code == 403
    other = await http.post("/staff/households/tags/add", data={"csrf": csrf, "unit": "999999", "name": "渔业"})
    assert other.status_code == 404
    assert count(http, CustomTag) == 1


async def test_a_ticket_links_to_its_reporters_household_when_it_is_in_scope(http, clock):
    number = in_grid_1(http.services.db, clock)  # RESIDENT, of H0001
    await as_(http, WORKER, clock)
    assert 'href="/staff/households/H0001"' in (await http.get(f"/staff/tickets/{number}")).text
    with http.services.db.session() as s:  # the household moved to a grid of another community
        home = s.scalar(select(Household).where(Household.code == "H0001"))
        home.unit_id = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "HB-G2"))
    await as_(http, COMMUNITY_SECRETARY, clock)
    page = (await http.get(f"/staff/tickets/{number}")).text
    assert "住户 H0001" not in page and "/staff/households/H0001" not in page


async def test_a_grid_workers_counts_are_labelled_by_his_grid_not_the_whole_community(http, clock):
    await as_(http, WORKER, clock)
    page = (await http.get("/staff/households/counts")).text
    assert re.findall(r'<tr data-unit="([^"]+)">', page) == ["XF-G1"] and "幸福社区第1网格" in page
    assert '<option value="grid" selected>' in page
    await as_(http, COMMUNITY_SECRETARY, clock)  # who oversees a community still sees it by community first
    assert '<option value="community" selected>' in (await http.get("/staff/households/counts")).text


async def test_a_page_not_found_says_what_was_not_found_never_a_ticket_for_a_household(http, clock):
    await as_(http, WORKER, clock)
    for path, what in (("/staff/households/H0016", "没有找到这户住户"), ("/staff/grids/XF-G2", "没有找到这个网格"),
                       ("/staff/tickets/T9999", "没有找到这张工单"),
                       ("/staff/reports/monthly?unit=HB", "没有找到这份月报")):
        answer = await http.get(path)
        assert answer.status_code == 404 and what in answer.text, path
        assert "工单不存在" not in answer.text
    neutral = await http.get("/staff/broadcasts")  # a page not his to see: nothing named
    assert neutral.status_code == 404 and "没有找到，或不在您的管辖范围内" in neutral.text
