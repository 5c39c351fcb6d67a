"""`bin/bot demo`: demo data into the configured database. `--size small` (the default) is the demo
`make run` loads (青山街道, 13 grids); `--size seed` a registry the size of the seed's resettlement area
(锦华街道: 128 grids, 11,512 households, tickets and this month's visit lists) for the 亮灯图 and its
benchmark, only into a database with no registry."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.console import Console

from bot.common.settings import load_settings

console = Console(stderr=True)


class Size(StrEnum):
    small = "small"
    seed = "seed"


SIZE = typer.Option(Size.small, "--size", help="small: the make-run demo; seed: 128 grids, 11,512 households")


def demo(size: Size = SIZE) -> None:
    """Load demo data (once). The seed size refuses a database that already holds a registry."""
    from bot.app.demo import load_demo
    from bot.app.demo_seed import DUTY_OFFICER, RegistryNotEmpty, load_seed, secretary_phone, worker_phone
    from bot.app.demo_staff import DEMO_PASSWORD, set_demo_passwords
    from bot.common.clock import Clock
    from bot.core.staff_accounts import set_password
    from bot.store.db import Database

    settings = load_settings()
    if settings.gridbot_env == "production":
        console.print("[red]demo data is for development: GRIDBOT_ENV is production[/red]", highlight=False)
        raise typer.Exit(2)
    db = Database(settings.resolved_database_url)
    db.migrate()
    clock = Clock()
    if size is Size.small:
        console.print("demo data loaded" if load_demo(db) else "the database already holds a registry: nothing loaded")
        for phone, role in set_demo_passwords(settings, db, clock):
            console.print(f"     {phone}  {role}  ({DEMO_PASSWORD})", markup=False, highlight=False)
        return
    try:
        summary = load_seed(db, clock.now())
    except RegistryNotEmpty as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(1) from None
    console.print(summary, markup=False, highlight=False)
    accounts = [(DUTY_OFFICER, "街道值班员（全部128个网格）"), (secretary_phone(1), "社区书记（锦华社区，16个网格）"),
                (worker_phone(1), "网格员（锦华社区第1网格）")]
    with db.session() as s:
        for phone, _role in accounts:
            set_password(s, clock, phone, DEMO_PASSWORD, actor="demo")
    console.print(f"亮灯图: /staff/map on the gateway; development password {DEMO_PASSWORD} for", highlight=False)
    for phone, role in accounts:
        console.print(f"     {phone.removeprefix('+86')}  {role}", markup=False, highlight=False)
