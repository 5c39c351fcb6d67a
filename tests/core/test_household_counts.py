"""The households as a registry file: exactly those in scope under the filter, colour and tags as the
import reads them, so a file exported and imported back changes nothing; and every export is audited."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import household_counts
from bot.core.households import HouseholdFilter
from bot.core.registry_import import read_file, run_import
from bot.core.scopes import scope_of
from bot.core.ticket_filter import GridScope
from bot.store.db import Database
from bot.store.models import Person
from bot.store.privacy_models import AuditEntry
from tests.conftest import WORKER


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_grid_workers_export_holds_his_grids_households_with_colour_and_tags(demo_db: Database):
    with demo_db.session() as s:
        mine = scope_of(s, s.scalar(select(Person).where(Person.phone == WORKER)))
        made = household_counts.export(s, FakeClock(), mine, HouseholdFilter(), "csv", actor="person:1")
    rows = rows_of(made.content)
    assert rows[0][:6] == ["户号", "网格", "地址", "颜色", "标签", "楼栋"]
    assert made.count == len(rows) - 1 == 15 and {row[1] for row in rows[1:]} == {"XF-G1"}
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["H0010"][3:5] == ["红", "大病"] and by_code["H0007"][3:5] == ["绿", "留守儿童"]
    assert by_code["H0001"][5] == "XF-G1-B1" and by_code["H0001"][8] == "2"


def test_an_exported_file_imports_back_unchanged(demo_db: Database, tmp_path):
    clock = FakeClock()
    with demo_db.session() as s:
        made = household_counts.export(s, clock, GridScope.all(), HouseholdFilter(), "xlsx", actor="cli:test")
    path = tmp_path / "households.xlsx"
    path.write_bytes(made.content)
    assert load_workbook(path).active.max_row == 205
    with demo_db.session() as s:
        result = run_import(s, "households", read_file(path))
    assert (result.rows, result.unchanged, result.updated) == (204, 204, 0)


def test_the_export_keeps_to_the_filter_and_is_audited_without_the_search_words(demo_db: Database):
    with demo_db.session() as s:
        made = household_counts.export(s, FakeClock(), GridScope.all(), HouseholdFilter(tag="大病", text="小区"),
                                       "csv", actor="person:7")
        assert all("大病" in row[4] and "小区" in row[2] for row in rows_of(made.content)[1:]) and made.count > 0
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "households.exported"))
        assert (entry.actor, entry.detail) == ("person:7", {"count": made.count,
                                                            "filter": {"tag": "大病", "text": "…"}})
