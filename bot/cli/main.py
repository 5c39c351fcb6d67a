"""`bin/bot`: gridbot's command line."""

from __future__ import annotations

import os
import secrets
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from bot.cli.broadcasts import broadcast_app
from bot.cli.demo import demo
from bot.cli.households import households_app
from bot.cli.imports import import_app
from bot.cli.knowledge import knowledge_app
from bot.cli.month_report import report_command
from bot.cli.personal import audit_app, person_app, purge
from bot.cli.points import points_app
from bot.cli.staff import staff_app
from bot.cli.stats import export_command, stats_command
from bot.cli.topics import notices_app, topics_app
from bot.cli.wechat import wechat_app
from bot.common.settings import ROOT, Settings, load_settings

if TYPE_CHECKING:
    from bot.messaging.inbox import Inbox

app = typer.Typer(help="gridbot (网格通): grid governance by SMS, Telegram and chat.", no_args_is_help=True,
                  add_completion=False)
console = Console(stderr=True)
app.add_typer(topics_app, name="topics")
app.add_typer(notices_app, name="notices")
app.add_typer(points_app, name="points")
app.add_typer(import_app, name="import")
app.add_typer(households_app, name="households")
app.add_typer(person_app, name="person")
app.add_typer(audit_app, name="audit")
app.command("purge")(purge)
app.add_typer(knowledge_app, name="knowledge")
app.add_typer(broadcast_app, name="broadcast")
app.command("stats")(stats_command)
app.command("export")(export_command)
app.command("report")(report_command)
app.add_typer(staff_app, name="staff")
app.add_typer(wechat_app, name="wechat")
app.command("demo")(demo)


def _settings() -> Settings:
    return load_settings()


def _serving_settings(**overrides: object) -> Settings:
    """The settings of a serving process: in production, stop here when they are unsafe."""
    from bot.common.modes import UnsafeProductionSettings, check_production

    settings = load_settings(**overrides)
    try:
        check_production(settings)
    except UnsafeProductionSettings as exc:
        console.print(str(exc), style="red", markup=False, highlight=False)
        raise typer.Exit(2) from None
    return settings


@app.command("engine-env")
def engine_env() -> None:
    """Print shell exports for the engine (used by bin/rasa)."""
    from bot.engine.process import engine_environment

    for key, value in engine_environment(_settings()).items():
        print(f"export {key}={shlex.quote(value)}")


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema (alembic)."""
    from bot.store.db import Database

    settings = _settings()
    Database(settings.resolved_database_url).migrate()
    console.print("[green]database schema is up to date[/green]")


@app.command("load-demo")
def load_demo_cmd() -> None:
    """Load the fictional demo subdistrict (once; a second run changes nothing)."""
    from bot.app.demo import load_demo
    from bot.store.db import Database

    settings = _settings()
    loaded = load_demo(Database(settings.resolved_database_url))
    console.print("demo data loaded" if loaded else "demo data already present")


@app.command()
def train() -> None:
    """Train the Rasa model if its inputs changed; print its path."""
    from bot.engine.model_cache import ensure_model

    print(ensure_model(_settings().gridbot_cache_dir, echo=console.print))


@app.command()
def gateway() -> None:
    """Run the gateway: webhooks, simulator, health (it stores and answers; `worker` processes)."""
    import uvicorn

    from bot.app.gateway import create_app
    from bot.app.services import build_services
    from bot.common.logs import setup_logging

    settings = _serving_settings()
    setup_logging(settings.log_level)
    services = build_services(settings)
    uvicorn.run(create_app(services, run_workers=False), host=settings.gateway_host, port=settings.gateway_port,
                log_level=settings.log_level.lower(), access_log=False)


@app.command()
def worker() -> None:
    """Run the inbound worker, the outbox dispatcher and the timers (apart from the gateway)."""
    import asyncio

    from bot.app.services import build_services
    from bot.app.worker_process import POLL_SECONDS, run_worker_process
    from bot.common.logs import setup_logging

    settings = _serving_settings()
    setup_logging(settings.log_level)
    asyncio.run(run_worker_process(build_services(settings, poll_seconds=POLL_SECONDS, spool=False)))


@app.command()
def actions() -> None:
    """Run the rasa-sdk action server on 127.0.0.1."""
    from actions.runtime import serve

    serve(_serving_settings())


@app.command()
def run(train_model: bool = typer.Option(True, "--train/--no-train", help="train the model if needed")) -> None:
    """Set up what is missing and start the engine, the action server, the gateway and the worker; a process
    that stops is started again (bot/app/supervisor.py)."""
    from bot.app.demo import load_demo
    from bot.app.demo_staff import DEMO_PASSWORD, set_demo_passwords
    from bot.app.stack import stack_programs
    from bot.app.supervisor import supervise
    from bot.common.clock import Clock
    from bot.engine.model_cache import cached_model, ensure_model
    from bot.store.db import Database

    # Tokens for this run when none is set (every child gets them; production's check wants them).
    token = os.environ.get("ENGINE_AUTH_TOKEN") or secrets.token_urlsafe(24)
    actions_token = os.environ.get("ACTIONS_AUTH_TOKEN") or secrets.token_urlsafe(24)
    settings = _serving_settings(engine_auth_token=token, actions_auth_token=actions_token)
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url)
    console.print("[bold]1/3[/bold] database schema")
    db.migrate()
    if settings.demo_data and load_demo(db):
        console.print("     demo data loaded (青山街道, 石桥村)")
    demo_staff = set_demo_passwords(settings, db, Clock())
    db.dispose()
    console.print("[bold]2/3[/bold] model")
    model = ensure_model(settings.gridbot_cache_dir, echo=console.print) if train_model \
        else cached_model(settings.gridbot_cache_dir)
    programs = stack_programs(settings, model, {**os.environ, "ENGINE_AUTH_TOKEN": token,
                                                "ACTIONS_AUTH_TOKEN": actions_token, "PYTHONUNBUFFERED": "1"})
    console.print(f"[bold]3/3[/bold] starting engine :{settings.engine_port}, actions :{settings.actions_port}, "
                  f"gateway :{settings.gateway_port} and the worker"
                  + (f" ({len(programs)} processes: replicas on the ports after each)" if len(programs) > 4 else ""))
    host = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(settings.gateway_host, settings.gateway_host)
    url = f"http://{host}:{settings.gateway_port}"
    chat = f"open {url}/ to chat as a demo identity; " if settings.simulator_enabled else ""
    if demo_staff:
        console.print(f"staff workbench: {url}/staff/ (development passwords: {DEMO_PASSWORD})")
        for phone, role in demo_staff:
            console.print(f"     {phone}  {role}", markup=False, highlight=False)
    console.print(f"[green]gridbot ({settings.gridbot_env}): {chat}health at {url}/healthz. "
                  f"Ctrl-C stops everything.[/green]")
    sys.exit(supervise(programs))


CLASSIFY_FILE = typer.Option(None, "--file", "-f", help="one text per line (default: stdin)")


@app.command()
def classify(file: Path | None = CLASSIFY_FILE) -> None:
    """Print intent, confidence and category for each line, as one JSON object per line."""
    import json

    import httpx

    from bot.engine.parse import classification
    from bot.engine.process import running_engine

    source = file.read_text(encoding="utf-8") if file is not None else sys.stdin.read()
    texts = [line.strip() for line in source.splitlines() if line.strip()]
    with running_engine(_settings(), echo=console.print) as (url, token), httpx.Client(timeout=30) as client:
        for text in texts:
            response = client.post(f"{url.rstrip('/')}/model/parse", json={"text": text},
                                   params={"token": token} if token else None)
            response.raise_for_status()
            print(json.dumps(classification(text, response.json()), ensure_ascii=False), flush=True)


def _inbox() -> Inbox:
    from bot.common.clock import Clock
    from bot.messaging.inbox import Inbox
    from bot.store.db import Database

    settings = _settings()
    return Inbox(Database(settings.resolved_database_url), Clock(), max_attempts=settings.inbox_max_attempts)


@app.command("inbox-stuck")
def inbox_stuck() -> None:
    """List inbound messages that failed and are being retried, and parked ones (given up on: the
    reason is shown; `inbox-retry ID` tries one again)."""
    for row in _inbox().stuck():
        print(f"{row.id}\t{row.status}\t{row.channel}\t{row.sender}\tattempts={row.attempts}\t"
              f"{row.last_error or ''}\t{row.text[:30]}")


@app.command("inbox-retry")
def inbox_retry(message_id: int = typer.Argument(..., help="the id `inbox-stuck` shows")) -> None:
    """Try a parked message again, with a fresh budget of attempts. It goes first among the messages
    its sender still has waiting (it keeps its place); its sender is not apologised to again."""
    if not _inbox().requeue(message_id):
        console.print(f"[red]inbox message {message_id} is not parked[/red]")
        raise typer.Exit(1)
    console.print(f"inbox message {message_id} is pending again")


def main() -> None:
    os.chdir(Path(ROOT))
    os.umask(0o077)  # what gridbot's processes write (databases, photos, logs, the tracker) is private
    app()
