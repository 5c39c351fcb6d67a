"""`bin/bot staff ...`: workbench accounts. A staff member (someone with a staff role in the registry)
signs in with their number and the password set here."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from bot.cli.people import e164
from bot.common.clock import Clock
from bot.common.settings import load_settings
from bot.store.db import Database

staff_app = typer.Typer(help="工作台: staff sign-in accounts.", no_args_is_help=True)
console = Console(stderr=True)
REASONS = {"not_staff": "is not staff in the registry (no staff role)",
           "too_short": "password too short (at least 8 characters)"}


@staff_app.command("set-password")
def set_password(phone: str = typer.Option(..., help="the staff member's number"),
                 password_stdin: bool = typer.Option(False, "--password-stdin",
                                                     help="read the password from the first line of stdin")) -> None:
    """Set or replace a staff member's workbench password (asked twice, not echoed). Their open sessions
    end and a lockout is lifted."""
    from bot.core.audit import cli_actor
    from bot.core.staff_accounts import AccountError
    from bot.core.staff_accounts import set_password as set_it

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    number = e164(phone)
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            set_it(s, Clock(), number, password, actor=cli_actor())
    except AccountError as refused:
        console.print(f"[red]{phone}: {REASONS.get(refused.reason, refused.reason)}[/red]")
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    console.print(f"password set for {phone}: sign in at /staff/login")
