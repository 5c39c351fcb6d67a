"""`bin/bot points ...`: staff look up balances and record redemptions."""

from __future__ import annotations

import typer
from rich.console import Console

from bot.cli.people import person_with_phone
from bot.common.clock import Clock
from bot.common.settings import load_settings
from bot.store.db import Database

points_app = typer.Typer(help="积分: balances and redemptions.", no_args_is_help=True)
console = Console(stderr=True)


@points_app.command("show")
def show(phone: str = typer.Option(..., help="the resident's number")) -> None:
    """Balance and the last entries, as the resident would read them."""
    from bot.core import points

    db = Database(load_settings().resolved_database_url)
    with db.session() as s:
        print(points.summary_text(s, person_with_phone(s, phone).id, 5))
    db.dispose()


@points_app.command("redeem")
def redeem(phone: str = typer.Option(..., help="the resident's number"),
           amount: int = typer.Option(..., help="points to take off"),
           note: str = typer.Option(..., help="what was given, e.g. 洗衣粉一袋"),
           staff_phone: str = typer.Option(None, help="the staff member recording it")) -> None:
    """Record a redemption; refused when the balance would go below zero. Prints the new balance."""
    from bot.core import points

    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            staff_id = person_with_phone(s, staff_phone).id if staff_phone else None
            left = points.redeem(s, Clock(), person_with_phone(s, phone).id, amount, note, staff_id)
    except points.PointsError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    finally:
        db.dispose()
    print(left)
