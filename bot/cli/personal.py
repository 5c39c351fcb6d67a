"""`bin/bot person export|erase`, `bin/bot purge` and `bin/bot audit verify`: personal data under PIPL.
Every one of them is recorded in the audit log (verify only reads it)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import typer
from rich.console import Console

from bot.cli.people import e164
from bot.common.clock import Clock
from bot.common.settings import Settings, load_settings
from bot.core import audit
from bot.core.voice import recordings_past
from bot.store.audio import AudioStore
from bot.store.db import Database
from bot.store.photos import PhotoStore
from bot.store.tracker_events import TrackerEvents

person_app = typer.Typer(help="个人信息: everything held about a person (export), erasure.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit log of staff actions and reads of personal data.", no_args_is_help=True)
console = Console(stderr=True)

PHONE = typer.Option(None, "--phone", help="the person's number")
TELEGRAM = typer.Option(None, "--telegram-id", help="or their Telegram user id (someone who never shared a number)")
OUTPUT = typer.Option(None, "--output", "-o", help="write here (default: stdout)")
YES = typer.Option(False, "--yes", help="do not ask for confirmation")
OLDER_THAN = typer.Option(None, "--older-than", help="e.g. 180d or 26w (default: RETENTION_DAYS)")


def _address(phone: str | None, telegram_id: int | None) -> str:
    if phone:
        return e164(phone)
    if telegram_id:
        return f"tg:{telegram_id}"
    raise typer.BadParameter("give --phone or --telegram-id")


def _parts(settings: Settings) -> tuple[Database, TrackerEvents, PhotoStore, str]:
    key = settings.phone_encryption_key.get_secret_value()
    return (Database(settings.resolved_database_url, phone_key=key),
            TrackerEvents(settings.resolved_tracker_store_url, conversation_key=key),
            PhotoStore(settings.var_dir / "photos"), settings.phone_hmac_key.get_secret_value())


@person_app.command("export")
def export_cmd(phone: str | None = PHONE, telegram_id: int | None = TELEGRAM, output: Path | None = OUTPUT) -> None:
    """Everything held about a person, as JSON: registry, messages, tickets, photos, conversations, votes, points."""
    from bot.core.personal_data import export, find_subject

    address = _address(phone, telegram_id)
    settings = load_settings()
    db, tracker, _photos, secret = _parts(settings)
    try:
        with db.session() as s:
            data = export(s, Clock(), tracker, find_subject(s, address), actor=audit.cli_actor(), secret=secret)
    finally:
        db.dispose()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"written to {output}")


@person_app.command("erase")
def erase_cmd(phone: str | None = PHONE, telegram_id: int | None = TELEGRAM, yes: bool = YES) -> None:
    """Erase a person: identifying data removed or anonymised, ticket facts kept without them. Prints counts."""
    from bot.core.personal_data import erase, find_subject

    address = _address(phone, telegram_id)
    if not yes:
        typer.confirm(f"Erase everything that identifies {address}? This cannot be undone", abort=True)
    settings = load_settings()
    db, tracker, photos, secret = _parts(settings)
    try:
        with db.session() as s:
            addresses = find_subject(s, address).addresses
        # The conversations first: if the rest fails, the person can still be found and erased again.
        events = tracker.delete_senders(addresses)
        with db.session() as s:
            erased = erase(s, Clock(), find_subject(s, address), actor=audit.cli_actor(), secret=secret,
                           conversation_events=events)
    finally:
        db.dispose()
    for photo_id in erased.photos:
        photos.delete(photo_id)
    recordings = AudioStore(settings.var_dir / "audio")
    for audio_id in erased.audio:
        recordings.delete(audio_id)
    for name, count in erased.counts.items():
        print(f"{name}\t{count}")


def days_of(text: str) -> int:
    """'180d', '180', '26w' → days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    if not match or int(match[1]) < 1:
        raise typer.BadParameter(f"not a number of days like 180d or 26w: {text!r}")
    return int(match[1]) * (7 if match[2] == "w" else 1)


def purge(older_than: str | None = OLDER_THAN) -> None:
    """Blank message texts and delete conversations and photo files past the retention; prints counts."""
    from bot.core import retention

    settings = load_settings()
    days = days_of(older_than) if older_than else settings.retention_days
    clock = Clock()
    cutoff = clock.now() - timedelta(days=days)
    db, tracker, photos, _secret = _parts(settings)
    recordings = AudioStore(settings.var_dir / "audio")
    try:
        events = tracker.delete_before(cutoff)
        with db.session() as s:
            purged = retention.purge(s, clock, older_than=timedelta(days=days),
                                     audit_retention_days=settings.audit_retention_days, actor=audit.cli_actor(),
                                     photos_stored_before=photos.stored_before(cutoff), conversation_events=events)
            old_recordings = recordings_past(s, cutoff, recordings.stored_before(cutoff))
    finally:
        db.dispose()
    for photo_id in purged.photos:
        photos.delete(photo_id)
    for audio_id in old_recordings:
        recordings.delete(audio_id)
    purged.counts["recording_files"] = len(old_recordings)
    for name, count in purged.counts.items():
        print(f"{name}\t{count}")


@audit_app.command("verify")
def verify() -> None:
    """Walk the hash chain; exit 1 and name the first broken link if any entry was changed, removed or added."""
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            result = audit.verify(s)
    finally:
        db.dispose()
    if not result.ok:
        console.print(f"[red]audit log broken at entry {result.broken_at}: {result.reason}[/red]")
        print(f"broken\t{result.broken_at}\t{result.reason}")
        raise typer.Exit(1)
    print(f"ok\t{result.checked} entries\thead {result.head_hash}")
