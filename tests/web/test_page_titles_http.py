"""What every workbench page says about itself: its <title> is plain text (no markup leaks into the tab), and
every kind of ticket event the core writes has a Chinese name on the ticket page."""

import re
from pathlib import Path

from bot.core.staff_accounts import set_password
from bot.web.render import EVENT_NAMES
from tests.conftest import DUTY_OFFICER
from tests.core.lightmap_factories import TENTH, prepare
from tests.core.workbench_factories import in_grid_1
from tests.web.conftest import signed_in

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
PAGES = ("/staff/", "/staff/tickets/{ticket}", "/staff/map", "/staff/board", "/staff/households",
         "/staff/households/H0001", "/staff/households/counts", "/staff/visits", "/staff/stats",
         "/staff/grids/XF-G1", "/staff/reports/monthly", "/staff/broadcasts", "/staff/audit",
         "/staff/households/H9999")
WRITTEN = re.compile(r'\bevent\(\w+, [\w.]+, "(\w+)"')


async def test_no_pages_title_holds_markup(http, clock):
    clock.advance(seconds=(TENTH - clock.now()).total_seconds())
    prepare(http.services.db, TENTH)
    ticket = in_grid_1(http.services.db, clock, "阳光小区路灯坏了")
    with http.services.db.session() as s:
        set_password(s, clock, DUTY_OFFICER, "gridbot-demo", actor="test")
    assert (await signed_in(http, phone=DUTY_OFFICER)).status_code == 303
    seen = 0
    for page in PAGES:
        answer = await http.get(page.format(ticket=ticket))
        assert answer.status_code in (200, 404), page
        title = TITLE.search(answer.text).group(1)
        assert "<" not in title and ">" not in title and title.endswith(" · 网格通"), (page, title)
        seen += 1
    assert seen == len(PAGES)
    assert (await http.get("/staff/login")).text.count("<title>") == 1


def test_every_ticket_event_the_core_writes_has_a_chinese_name():
    source = Path(__file__).resolve().parents[2] / "bot"
    written = {kind for path in source.rglob("*.py") for kind in WRITTEN.findall(path.read_text(encoding="utf-8"))}
    assert {"created", "detail_added", "point_added", "taken_over", "merged"} <= written  # the pattern finds them
    missing = sorted(kind for kind in written if kind not in EVENT_NAMES)
    assert missing == []
    assert all(re.fullmatch(r"[\u4e00-\u9fff（）]+", name) for name in EVENT_NAMES.values())
