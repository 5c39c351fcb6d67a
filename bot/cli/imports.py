"""`bin/bot import people|households|staff|grids FILE`: load the registry from CSV, .xlsx or GeoJSON.

Nothing is written unless every row is valid; every bad row is listed with its line number.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from bot.core.registry_import import IMPORT_REASON, ImportRejected, ImportResult, read_file, run_import

import_app = typer.Typer(help="Import the registry (people, households, staff, grids) from CSV/.xlsx/GeoJSON; "
                              "columns in docs/imports.md.", no_args_is_help=True)
console = Console(stderr=True)
PROGRESS_FROM = 200  # rows; smaller files finish before a bar would help


def import_file(kind: str, path: Path, *, dry_run: bool = False) -> ImportResult:
    from bot.common.settings import load_settings
    from bot.store.db import Database

    settings = load_settings()
    rows = read_file(path)
    db = Database(settings.resolved_database_url)
    try:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                      disable=len(rows) < PROGRESS_FROM) as progress:
            task = progress.add_task(f"{kind} ← {path.name}", total=len(rows))
            with db.session() as session:
                result = run_import(session, kind, rows, region=settings.default_region,
                                    progress=lambda n: progress.advance(task, n),
                                    reason=f"{IMPORT_REASON}（{path.name}）")
                if dry_run:
                    session.rollback()
        return result
    finally:
        db.dispose()


def _run(kind: str, path: Path, dry_run: bool) -> None:
    if not path.exists():
        console.print(f"[red]no such file: {path}[/red]")
        raise typer.Exit(2)
    try:
        result = import_file(kind, path, dry_run=dry_run)
    except ImportRejected as rejected:
        for error in rejected.result.errors:
            console.print(f"[red]{error}[/red]")
        console.print(f"[red]{len(rejected.result.errors)} 处错误，未导入任何数据（{rejected.result.rows} 行）[/red]")
        raise typer.Exit(1) from None
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    verb = "would import" if dry_run else "imported"
    console.print(f"[green]{verb} {result.rows} {kind} rows: {result.created} new, {result.updated} updated, "
                  f"{result.unchanged} unchanged[/green]")


FILE = typer.Argument(..., help="CSV (UTF-8), .xlsx, or GeoJSON for grids")
DRY_RUN = typer.Option(False, "--dry-run", help="validate and count, write nothing")


@import_app.command()
def people(path: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Residents and riders (key: phone)."""
    _run("people", path, dry_run)


@import_app.command()
def households(path: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Households with colour and tags (key: code)."""
    _run("households", path, dry_run)


@import_app.command()
def staff(path: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Staff and their roles on units (key: phone + role + unit)."""
    _run("staff", path, dry_run)


@import_app.command()
def grids(path: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Org units: communities, villages, grids, buildings; polygons from GeoJSON (key: code)."""
    _run("grids", path, dry_run)
