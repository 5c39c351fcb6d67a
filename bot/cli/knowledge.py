"""`bin/bot knowledge ...`: staff check the files, list them by theme, try a question, list what went unanswered."""

from __future__ import annotations

from datetime import timedelta

import typer
from rich.console import Console

from bot.common.clock import Clock
from bot.common.phones import mask
from bot.common.settings import load_settings

knowledge_app = typer.Typer(help="The knowledge base answering policy questions (KNOWLEDGE_DIR).",
                            no_args_is_help=True)
console = Console(stderr=True)


def _load():  # noqa: ANN202 (the type lives in the core, imported late like the other commands)
    from bot.core.knowledge import load_knowledge

    try:
        return load_knowledge(load_settings().knowledge_dir)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc


@knowledge_app.command("check")
def check() -> None:
    """Validate every file: ids, answers short enough for one SMS, keywords, the contact; and that
    each entry's own questions find it."""
    base = _load()
    print(f"{len(base.entries)} entries, contact {base.contact.name}{base.contact.phone}")
    strays = base.strays()
    for entry_id, question in strays:
        console.print(f"[yellow]{entry_id}: “{question}” does not find its entry: add a keyword it uses[/yellow]")
    if strays:
        raise typer.Exit(1)


@knowledge_app.command("list")
def list_entries() -> None:
    """Every entry by theme, as a staff editor looks through them: theme and count, then each id and title."""
    base = _load()
    titles = {e.id: e.title for e in base.entries}
    for theme, ids in base.themes.items():
        print(f"{theme}（{len(ids)}）")
        for entry_id in ids:
            print(f"  {entry_id}\t{titles[entry_id]}")


@knowledge_app.command("ask")
def ask(question: str = typer.Argument(..., help="a question as a resident would write it"),
        riders: bool = typer.Option(False, "--riders", help="as a registered rider asks it")) -> None:
    """The answer the bot would give, and the nearest entries with their scores."""
    base = _load()
    audience = "riders" if riders else "residents"
    found = base.find(question, audience)
    print(found.entry.answer if found else "（不知道：记下给工作人员，回复1请工作人员回电）")
    for candidate in base.ranked(question, audience=audience):
        console.print(f"{candidate.score:6.2f}  {candidate.entry.id}  {candidate.entry.title}")


@knowledge_app.command("misses")
def misses(days: int = typer.Option(7, help="how many days back"),
           limit: int = typer.Option(100, help="at most this many")) -> None:
    """Questions nobody answered, newest first: time, masked number, call-back ticket, question."""
    from bot.core.questions import misses_since
    from bot.store.db import Database
    from bot.store.models import Ticket

    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            for miss in misses_since(s, Clock().now() - timedelta(days=days), limit):
                ticket = s.get(Ticket, miss.ticket_id) if miss.ticket_id else None
                who = mask(miss.address) if miss.address.startswith("+") else miss.address
                print(f"{miss.asked_at:%Y-%m-%d %H:%M}\t{who}\t{ticket.number if ticket else '-'}\t{miss.text}")
    finally:
        db.dispose()
