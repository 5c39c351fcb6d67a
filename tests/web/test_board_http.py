"""The worker board (/staff/board) over HTTP: each worker's figures and light for a prepared month, what
each staff member sees of it, its orders and months, and the mark of a worker red for months."""

import re

from bot.store.household_models import WorkerMonthLight
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY
from tests.core.workbench_factories import HB_GRID_2_WORKER
from tests.core.worker_board_factories import prepare
from tests.web.test_workbench_pages_http import as_


def rows(page: str) -> list[str]:
    """Each worker's row of the table, in order."""
    return re.findall(r'<tr class="worker".*?</tr>', page, flags=re.S)


def person_of(row: str) -> int:
    return int(re.search(r'data-person="(\d+)"', row).group(1))


def cell(row: str, figure: str) -> str:
    return re.search(rf'<td data-figure="{figure}"[^>]*>(.*?)</td>', row, flags=re.S).group(0)


async def test_the_duty_officer_sees_every_worker_lit_by_his_figures_worst_first(http, clock):
    prepared = prepare(http.services.db, clock)
    await as_(http, DUTY_OFFICER, clock)
    answer = await http.get("/staff/board")
    assert answer.status_code == 200 and "no-store" in answer.headers["cache-control"]
    found = rows(answer.text)
    assert len(found) == 13
    mine = found[0]  # the worst comes first: yellow, his 60% on time over 2 tickets being too few to be red
    assert person_of(mine) == prepared.worker_id and 'data-light="yellow"' in mine and "黄灯" in mine
    assert 'data-light="yellow"' in cell(mine, "on_time") and "60%<small>3/5</small>" in cell(mine, "on_time")
    assert 'data-light="yellow"' in cell(mine, "visits") and "33%<small>1/3</small>" in cell(mine, "visits")
    assert 'data-light="green"' in cell(mine, "satisfaction") and "100%" in cell(mine, "satisfaction")
    assert ">1</td>" in cell(mine, "open")
    assert 'href="/staff/?grid=XF-G1&amp;folder=overdue">1</a>' in cell(mine, "overdue")
    assert '<a href="/staff/?grid=XF-G1">' in mine  # the worker's name opens the queue on his grid
    theirs = next(r for r in found if person_of(r) == prepared.hb_worker_id)
    assert 'data-light="green"' in theirs and "100%<small>3/3</small>" in cell(theirs, "on_time")
    assert "无名单" in cell(theirs, "visits") and "data-light" not in cell(theirs, "visits")
    assert '<b data-tally="yellow">1</b>' in answer.text and '<b data-tally="green">1</b>' in answer.text
    assert '<b data-tally="none">11</b>' in answer.text  # nothing to judge: 无数据, not green
    assert "工单或评价满5件才算红" in answer.text and "与亮灯图（网格）用同一规则" in answer.text
    assert 'href="/staff/map"' in answer.text  # the 亮灯图 beside it
    assert 'data-refresh="60"' in answer.text and 'src="/staff/static/board.js"' in answer.text
    assert "https://" not in answer.text and "http://" not in answer.text  # nothing loaded from elsewhere


async def test_a_grid_worker_sees_only_his_row_and_a_secretary_her_communitys_workers(http, clock):
    prepared = prepare(http.services.db, clock)
    await as_(http, WORKER, clock)
    assert [person_of(r) for r in rows((await http.get("/staff/board")).text)] == [prepared.worker_id]
    await as_(http, HB_GRID_2_WORKER, clock)
    assert [person_of(r) for r in rows((await http.get("/staff/board?sort=grid")).text)] == [prepared.hb_worker_id]
    await as_(http, COMMUNITY_SECRETARY, clock)
    page = (await http.get("/staff/board?sort=grid")).text
    assert re.findall(r"<small>(幸福社区第\d网格)</small>", page) == [f"幸福社区第{n}网格" for n in range(1, 5)]
    assert prepared.hb_worker_id not in [person_of(r) for r in rows(page)]


async def test_the_board_orders_by_the_query_string_and_shows_past_months_as_they_ended(http, clock):
    prepared = prepare(http.services.db, clock)
    await as_(http, DUTY_OFFICER, clock)
    by_rate = rows((await http.get("/staff/board?sort=on_time")).text)
    assert [person_of(r) for r in by_rate[:2]] == [prepared.worker_id, prepared.hb_worker_id]
    october = (await http.get("/staff/board?month=2026-10")).text
    assert "2026年10月" in october and "data-refresh" not in october and "按月底的情况" in october
    # nothing was measured in October: every worker 无数据 (grey), none green
    assert all('data-light="none"' in r and "无数据" in r for r in rows(october)) and len(rows(october)) == 13
    assert "下月 ›" in october
    for wrong in ("2027-01", "2026-13", "11月", "2026-11'--"):  # not a month, or not yet: this month
        assert "2026年11月" in (await http.get("/staff/board", params={"month": wrong})).text
    assert "60%" in (await http.get("/staff/board?sort=nonsense")).text


async def test_a_worker_red_three_closed_months_running_is_marked(http, clock):
    prepared = prepare(http.services.db, clock)
    with http.services.db.session() as s:
        for month in ("2026-08", "2026-09", "2026-10"):
            s.add(WorkerMonthLight(person_id=prepared.worker_id, month=month, light="red"))
        s.add(WorkerMonthLight(person_id=prepared.hb_worker_id, month="2026-10", light="red"))
    await as_(http, DUTY_OFFICER, clock)
    found = {person_of(r): r for r in rows((await http.get("/staff/board")).text)}
    assert "连续3个月红灯" in found[prepared.worker_id]
    assert "个月红灯" not in found[prepared.hb_worker_id]  # one red month is not a run


async def test_the_board_needs_someone_signed_in(http, clock):
    answer = await http.get("/staff/board?sort=on_time")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/staff/login?next=")
