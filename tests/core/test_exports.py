"""Exports: the queue's tickets as CSV and .xlsx, Chinese headers, personal fields only when allowed."""

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.core import exports, lifecycle
from bot.core.ticket_filter import GridScope, TicketFilter, grids_under
from bot.store.db import Database
from bot.store.models import OrgUnit
from bot.store.privacy_models import AuditEntry
from tests.conftest import POINT_IN_HB_GRID_2, RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, resident_with_colour, submit


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def audit_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_a_csv_lists_what_the_filter_shows_most_urgent_first_without_personal_fields(demo_db: Database,
                                                                                   clock: FakeClock):
    plain = submit(demo_db, clock, make_report("我家楼下路灯坏了好几天了", category="roads"))
    red = submit(demo_db, clock, make_report("屋顶漏水了", category="housing_utilities",
                                             sender=resident_with_colour(demo_db, "red")))
    submit(demo_db, clock, make_report("垃圾没人收", category="sanitation"))
    before = audit_count(demo_db)
    with demo_db.session() as s:
        made = exports.export(s, clock, GridScope.all(), TicketFilter(category="roads"), "csv", personal=False,
                              actor="person:1")
    rows = read_csv(made.content)
    assert rows[0] == exports.HEADERS and "反映人电话" not in rows[0]
    assert [r[0] for r in rows[1:]] == [plain] and made.count == 1
    assert rows[1][1:5] == ["待接单", "道路设施", "一般", "幸福社区第1网格"]
    assert rows[1][5] == "幸福社区" and rows[1][7] == "2026-11-02 17:00"  # Beijing time
    assert RESIDENT not in made.content.decode("utf-8-sig")
    assert made.filename.endswith(".csv") and made.content_type.startswith("text/csv")
    assert audit_count(demo_db) == before  # nothing personal: nothing to record
    with demo_db.session() as s:
        everything = exports.export(s, clock, GridScope.all(), TicketFilter(), "csv", personal=False, actor="person:1")
    assert read_csv(everything.content)[1][0] == red  # a red household's problem first


def test_personal_fields_come_only_when_allowed_and_the_export_is_audited(demo_db: Database, clock: FakeClock):
    lat, lon = POINT_IN_HB_GRID_2
    number = submit(demo_db, clock, make_report("河边的路塌了一块", lat=lat, lon=lon))
    before = audit_count(demo_db)
    with demo_db.session() as s:
        made = exports.export(s, clock, GridScope.all(), TicketFilter(text="塌了"), "xlsx", personal=True,
                              actor="person:7")
    sheet = load_workbook(io.BytesIO(made.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][-4:] == ["反映人", "反映人电话", "纬度", "经度"]
    assert values[1][0] == number and values[1][-3] == RESIDENT and values[1][-2] == f"{POINT_IN_HB_GRID_2[0]:.6f}"
    assert audit_count(demo_db) == before + 1
    with demo_db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor, entry.action, entry.detail["count"], entry.detail["filter"]) == \
        ("person:7", "tickets.export", 1, {"text": "…"})


def test_a_scope_keeps_other_grids_tickets_out(demo_db: Database, clock: FakeClock):
    mine = submit(demo_db, clock, make_report("路灯坏了"))
    submit(demo_db, clock, make_report("河边的路塌了一块", lat=POINT_IN_HB_GRID_2[0], lon=POINT_IN_HB_GRID_2[1]))
    with demo_db.session() as s:
        xingfu = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF"))
        scope = GridScope.of_grids(grids_under(s, [xingfu]))
        _, rows, truncated = exports.table(s, scope, TicketFilter(), clock.now(), personal=False)
    assert [r[0] for r in rows] == [mine] and not truncated


def test_a_message_that_looks_like_a_formula_stays_text(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("=HYPERLINK(\"http://x\",\"点我\")", category="other"))
    with demo_db.session() as s:
        made = exports.export(s, clock, GridScope.all(), TicketFilter(), "xlsx", personal=False, actor="person:1")
        as_csv = exports.export(s, clock, GridScope.all(), TicketFilter(), "csv", personal=False, actor="person:1")
    cell = load_workbook(io.BytesIO(made.content)).active.cell(row=2, column=10)
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","点我")')
    assert read_csv(as_csv.content)[1][9].startswith("'=")


def test_an_export_past_its_limit_is_cut_and_says_so(demo_db: Database, clock: FakeClock):
    for text in ("路灯坏了", "井盖松了", "台阶塌了"):
        submit(demo_db, clock, make_report(text))
    with demo_db.session() as s:
        made = exports.export(s, clock, GridScope.all(), TicketFilter(), "csv", personal=False, actor="person:1",
                              limit=2)
    rows = read_csv(made.content)
    assert (made.count, made.truncated, len(rows)) == (2, True, 4)
    assert "仅导出前2条" in rows[-1][0]


def test_the_overdue_column_and_the_status_follow_the_clock(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("路灯坏了"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    clock.advance(days=11)
    with demo_db.session() as s:
        _, rows, _ = exports.table(s, GridScope.all(), TicketFilter(folder="overdue"), clock.now(), personal=False)
    assert [(r[0], r[1], r[-1]) for r in rows] == [(number, "已接单", "是")]
