"""The workbench's 走访 page over HTTP: a grid worker's month list and a secretary's scope (by grid), a visit
recorded with the form (and a ticket for the household, a colour change), never outside the scope and
never without the session's CSRF token."""

import re

from sqlalchemy import select

from bot.core.household_changes import change_household
from bot.core.monthly import run_due
from bot.core.staff_accounts import set_password
from bot.core.visit_lists import visit_lists_job
from bot.core.visit_rules import VisitRules
from bot.store.household_models import Visit, VisitTask
from bot.store.models import Household, Ticket
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY as XF_SECRETARY
from tests.web.conftest import signed_in


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


async def as_(http, phone: str, clock) -> str:
    if phone not in (WORKER, DUTY_OFFICER):
        with http.services.db.session() as s:
            set_password(s, clock, phone, "gridbot-demo", actor="test")
    http.cookies.clear()
    assert (await signed_in(http, phone=phone)).status_code == 303
    return csrf_of((await http.get("/staff/visits")).text)


def lists(http, clock) -> None:
    run_due(http.services.db, clock, [visit_lists_job(VisitRules())])


def listed(page: str) -> list[str]:
    return re.findall(r'data-household="(H\d+)"', page)


def task(http, code: str) -> VisitTask:
    with http.services.db.session() as s:
        return s.scalar(select(VisitTask).join(Household, Household.id == VisitTask.household_id)
                        .where(Household.code == code))


async def test_a_grid_worker_sees_his_months_list_linked_to_each_households_page(http, clock):
    lists(http, clock)
    await as_(http, WORKER, clock)
    page = (await http.get("/staff/visits")).text
    assert listed(page) == [f"H{n:04d}" for n in range(1, 16)]
    assert 'href="/staff/households/H0001"' in page and 'data-visits="planned">15<' in page
    assert '<a href="/staff/visits">走访</a>' in page  # in the menu


async def test_a_visit_recorded_on_the_page_marks_the_task_done_and_may_file_a_problem(http, clock):
    lists(http, clock)
    csrf = await as_(http, WORKER, clock)
    sent = await http.post("/staff/visits", data={"csrf": csrf, "code": "H0002", "note": "已核实 无新情况"})
    assert sent.status_code == 303
    page = (await http.get(sent.headers["location"])).text
    assert "已记录H0002的走访" in page and "H0002" not in listed(page)  # the open list no longer has it
    assert 'data-visits="done">1<' in page
    assert task(http, "H0002").status == "done"
    sent = await http.post("/staff/visits", data={"csrf": csrf, "code": "H0003", "note": "老人说",
                                                  "problem": "楼道灯不亮", "colour": "yellow", "reason": "老人独居"})
    page = (await http.get(sent.headers["location"])).text
    with http.services.db.session() as s:
        visit = s.scalar(select(Visit).where(Visit.ticket_id.is_not(None)))
        number = s.get(Ticket, visit.ticket_id).number
        assert visit.via == "page" and s.scalar(select(Household.colour).where(Household.code == "H0003")) == "yellow"
    assert f'href="/staff/tickets/{number}"' in page


async def test_a_secretary_sees_her_communitys_lists_by_grid_and_cannot_record_outside_it(http, clock):
    lists(http, clock)
    csrf = await as_(http, XF_SECRETARY, clock)
    everything = listed((await http.get("/staff/visits")).text)
    assert len(everything) == 60 and "H0061" not in everything  # 幸福社区's four grids, not 安居社区's
    grid_2 = listed((await http.get("/staff/visits?grid=XF-G2")).text)
    assert grid_2 == [f"H{n:04d}" for n in range(16, 31)]
    refused = await http.post("/staff/visits", data={"csrf": csrf, "code": "H0061", "note": "已核实"})
    assert refused.status_code == 404 and task(http, "H0061").status == "open"


async def test_a_visit_form_without_the_csrf_token_or_with_a_colour_and_no_reason_records_nothing(http, clock):
    lists(http, clock)
    csrf = await as_(http, WORKER, clock)
    forged = await http.post("/staff/visits", data={"csrf": "forged", "code": "H0004", "note": "已核实"})
    assert forged.status_code == 403
    sent = await http.post("/staff/visits", data={"csrf": csrf, "code": "H0004", "note": "", "colour": "red"})
    assert "改户色请写明理由" in (await http.get(sent.headers["location"])).text
    with http.services.db.session() as s:
        assert s.scalar(select(Visit.id)) is None
        assert s.scalar(select(Household.colour).where(Household.code == "H0004")) == "yellow"
    assert task(http, "H0004").status == "open"


async def test_the_duty_officers_list_shows_the_first_two_hundred_and_says_to_filter_by_grid(http, clock):
    lists(http, clock)
    await as_(http, DUTY_OFFICER, clock)
    page = (await http.get("/staff/visits")).text
    assert len(listed(page)) == 200 and "只显示前200户，请按网格筛选" in page and 'data-visits="planned">204<' in page
    village = (await http.get("/staff/visits?grid=SQ-G1")).text
    assert len(listed(village)) == 24 and "只显示前" not in village


async def test_each_row_shows_the_households_colour_now_and_the_lists_reason_apart(http, clock):
    lists(http, clock)
    before = task(http, "H0003").reason
    with http.services.db.session() as s:  # as `走访 H0003 改红 老人住院` does, after the list was made
        household = s.scalar(select(Household).where(Household.code == "H0003"))
        change_household(s, household, reason="老人住院", at=clock.now(), colour="red")
    await as_(http, WORKER, clock)
    page = (await http.get("/staff/visits?show=all")).text
    row = page[page.index('data-household="H0003"'):]
    row = row[:row.index("</li>")]
    assert '<span class="dot red"' in row and 'data-colour="red">红色户</span>' in row
    assert before != "red" and f'data-reason="{before}">列入名单时：' in row  # why it was listed, said apart
    rows = page.split('<li class="household')[1:]
    assert len(rows) == len(listed(page)) > 1
    for each in rows:  # no row says one colour by its dot and another by its badge
        assert re.search(r'class="dot (\w+)"', each).group(1) == re.search(r'data-colour="(\w+)"', each).group(1)
