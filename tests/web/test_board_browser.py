"""The worker board (亮灯) in Debian's chromium: for a prepared month every worker's light is the one his
figures earn under the thresholds, red first; a grid worker sees only his own row; the page reloads by
itself; nothing is asked of anything but 127.0.0.1 (the `page` fixture fails the test otherwise)."""

import re
import threading
from collections.abc import Iterator

import pytest
import uvicorn

from bot.app.demo_staff import DEMO_PASSWORD
from bot.app.gateway import create_app
from bot.app.services import build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core.monthly import month_of
from bot.core.staff_accounts import set_password
from bot.core.worker_board import LIGHTS, Thresholds, board
from bot.store.household_models import WorkerMonthLight
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.workbench_factories import in_grid_1
from tests.core.worker_board_factories import Prepared, prepare
from tests.waiting import eventually_sync
from tests.web.conftest import Gateway, free_port, screenshot, sign_in


@pytest.fixture
def gateway(tmp_path, sqlite_templates) -> Iterator[tuple[Gateway, Prepared]]:
    """The gateway on the demo with the board's prepared month, its clock stopped at the moment looked at."""
    url = sqlite_templates.copy("demo", tmp_path / "gridbot.db")
    settings = Settings(var_dir=tmp_path / "var", database_url=url, _env_file=None)  # type: ignore[call-arg]
    clock = FakeClock()
    services = build_services(settings, clock)
    prepared = prepare(services.db, clock)
    with services.db.session() as s:
        for phone in (WORKER, DUTY_OFFICER):
            set_password(s, clock, phone, DEMO_PASSWORD, actor="test")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(services, run_workers=False), host="127.0.0.1", port=port,
                                          log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    eventually_sync(lambda: server.started)
    yield Gateway(f"http://127.0.0.1:{port}", services, clock), prepared
    server.should_exit = True
    thread.join(timeout=30)


def percent_of(text: str) -> float | None:
    found = re.match(r"(\d+)%", text.strip())
    return int(found.group(1)) / 100 if found else None


def shown(page) -> list[dict]:
    """Each row of the board as the browser shows it: the light, and each figure's text and light."""
    return page.eval_on_selector_all("tr.worker", """rows => rows.map(row => ({
        person: Number(row.dataset.person), light: row.dataset.light,
        text: row.querySelector('td.light').innerText.trim(),
        figures: Object.fromEntries([...row.querySelectorAll('td[data-figure]')].map(td =>
            [td.dataset.figure, {text: td.innerText, light: td.dataset.light || null}]))}))""")


def test_every_workers_light_is_the_one_his_figures_earn_and_red_comes_first(gateway, page):
    gw, prepared = gateway
    with gw.services.db.session() as s:  # and he was red the three months before: flagged
        for month in ("2026-08", "2026-09", "2026-10"):
            s.add(WorkerMonthLight(person_id=prepared.worker_id, month=month, light="red"))
    sign_in(page, gw, DUTY_OFFICER.removeprefix("+86"))
    page.click("nav.nav >> text=网格员看板")
    page.wait_for_url("**/staff/board")
    page.wait_for_selector("tr.worker")
    rows = shown(page)
    assert len(rows) == 13 and rows[0]["person"] == prepared.worker_id
    with gw.services.db.session() as s:  # the lights the core gives each worker (tests/core judge the rules)
        now = gw.clock.now()
        earned = {row.person_id: row for row in board(s, month_of(now), now, Thresholds()).rows}
    for row in rows:
        f, expected = row["figures"], earned[row["person"]]
        assert {name: f[name]["light"] for name in ("on_time", "visits", "satisfaction", "overdue")} == {
            name: expected.lights.get(name) for name in ("on_time", "visits", "satisfaction", "overdue")}, row
        assert row["light"] == expected.light and row["text"] == LIGHTS[row["light"]]
        assert percent_of(f["on_time"]["text"]) == (round(expected.on_time_rate, 2) if expected.stages_due else None)
    mine = rows[0]  # 60% on time over two tickets: too few to be red, so yellow
    assert (mine["light"], mine["figures"]["on_time"]["text"].split()) == ("yellow", ["60%", "3/5"])
    assert page.inner_text("[data-tally=yellow]") == "1" and page.inner_text("[data-tally=green]") == "1"
    assert page.inner_text("[data-tally=none]") == "11"  # nothing to judge: grey 无数据, not green
    assert page.locator("tr.worker[data-light=yellow] td.light .dot.yellow").is_visible()
    assert page.locator("tr.worker[data-light=none] td.light .dot.none").first.is_visible()
    assert page.locator(".flag").all_inner_texts() == ["连续3个月红灯"]
    assert page.locator(f"tr[data-person='{prepared.worker_id}'] .flag").is_visible()
    screenshot(page, "board")
    page.click("text=按按时率")
    page.wait_for_url("**/staff/board?*sort=on_time")
    page.wait_for_selector("tr.worker")
    assert [r["person"] for r in shown(page)[:2]] == [prepared.worker_id, prepared.hb_worker_id]
    page.click(f"tr[data-person='{prepared.worker_id}'] td[data-figure=overdue] a")
    page.wait_for_url("**/staff/?grid=XF-G1&folder=overdue")
    assert page.locator(".ticket .number").all_inner_texts() == [prepared.b]


def test_a_grid_worker_sees_his_own_row_and_it_reloads_by_itself(gateway, page):
    gw, prepared = gateway
    page.clock.install()
    sign_in(page, gw, WORKER.removeprefix("+86"))
    page.goto(f"{gw.url}/staff/board")
    rows = shown(page)
    assert [r["person"] for r in rows] == [prepared.worker_id] and rows[0]["figures"]["open"]["text"] == "1"
    screenshot(page, "board-worker")
    in_grid_1(gw.services.db, gw.clock, "小区门口井盖松了")  # a new one he holds while the page is open
    page.clock.run_for(61_000)  # a minute on the page's clock: board.js reloads it
    page.wait_for_function("document.querySelector('td[data-figure=open]').innerText.trim() === '2'")
