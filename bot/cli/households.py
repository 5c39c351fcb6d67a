"""`bin/bot households counts|export`: the 住户 counts by tag and colour, and the households as a registry
file (CSV or .xlsx, re-importable with `bin/bot import households`), for the whole subdistrict or one
grid, community or village; the export is audited under the operating system's user."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.common.clock import Clock
from bot.common.settings import load_settings
from bot.core import audit, household_counts
from bot.core.household_changes import COLOUR_NAMES, COLOURS
from bot.core.households import HouseholdFilter, grids_of
from bot.core.ticket_filter import GridScope
from bot.store.db import Database

households_app = typer.Typer(help="Households (住户): counts by tag and colour, export as a registry file.",
                             no_args_is_help=True)
console = Console(stderr=True)
UnitOption = Annotated[str | None, typer.Option("--unit", help="a grid, community or village code (default: all)")]


def _scope(db: Database, unit: str | None) -> GridScope:
    if not unit:
        return GridScope.all()
    with db.session() as s:
        grids = grids_of(s, unit)
    if grids is None:
        raise typer.BadParameter(f"no unit with code {unit}")
    return GridScope.of_grids(grids)


@households_app.command("counts")
def counts(unit: UnitOption = None,
           by: Annotated[str, typer.Option(help="community or grid")] = "community") -> None:
    """Households by colour and by tag, per community/village (or grid), and in all."""
    if by not in ("community", "grid"):
        raise typer.BadParameter("--by is community or grid")
    db = Database(load_settings().resolved_database_url)
    try:
        scope = _scope(db, unit)
        with db.session() as s:
            found = household_counts.counts(s, scope)
    finally:
        db.dispose()
    shown = Table("单位", "住户", *[COLOUR_NAMES[c] for c in COLOURS], *found.tags)
    for row in [*found.rows(by), None]:
        tally = row.tally if row else found.total
        shown.add_row(row.name if row else "合计", str(tally.total), *[str(tally.colours.get(c, 0)) for c in COLOURS],
                      *[str(tally.tag_total(tag)) for tag in found.tags])
    Console().print(shown)


@households_app.command("export")
def export(out: Annotated[Path, typer.Option(help="the file to write: .csv or .xlsx")], unit: UnitOption = None,
           colour: Annotated[str | None, typer.Option(help="red, yellow or green")] = None,
           tag: Annotated[str | None, typer.Option(help="a tag, e.g. 空巢老人")] = None) -> None:
    """The households (code, grid, address, colour, tags, building …) as a file; prints how many."""
    fmt = out.suffix.lstrip(".").lower()
    if fmt not in ("csv", "xlsx"):
        raise typer.BadParameter("--out must end in .csv or .xlsx")
    if colour is not None and colour not in COLOURS:
        raise typer.BadParameter("--colour is red, yellow or green")
    db = Database(load_settings().resolved_database_url)
    try:
        scope = _scope(db, unit)
        with db.session() as s:
            made = household_counts.export(s, Clock(), scope, HouseholdFilter(colour=colour, tag=tag), fmt,
                                           actor=audit.cli_actor())
    finally:
        db.dispose()
    out.write_bytes(made.content)
    out.chmod(0o600)  # addresses and tags such as 大病 are personal data
    console.print(f"{made.count} 户 → {out}" + ("（已截断）" if made.truncated else ""), markup=False)
