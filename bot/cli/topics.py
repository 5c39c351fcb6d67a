"""`bin/bot topics ...` and `bin/bot notices ...`: cadres run 议事小院 from the command line.

Scripts rely on `topics create ... --open` printing the topic id alone on the last line of stdout.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli.people import person_with_phone
from bot.common.clock import Clock
from bot.common.settings import load_settings
from bot.store.db import Database

topics_app = typer.Typer(help="议事小院 topics: create, approve, open, close.", no_args_is_help=True)
notices_app = typer.Typer(help="村口黑板 notices.", no_args_is_help=True)
console = Console(stderr=True)


def _db() -> Database:
    return Database(load_settings().resolved_database_url)


def resolve_groups(session: Session, numbers: list[int], village: str | None = None) -> list[int]:
    """Villager group numbers (1 = 一组) of a village (the only or first one, unless named) as unit ids."""
    from bot.store.models import OrgUnit

    villages = list(session.scalars(select(OrgUnit).where(OrgUnit.kind == "village").order_by(OrgUnit.id)))
    if village:
        villages = [v for v in villages if village in (v.name, v.code)]
    if not villages:
        raise typer.BadParameter(f"no village {village or ''}".strip())
    groups = list(session.scalars(select(OrgUnit).where(OrgUnit.kind == "villager_group",
                                                        OrgUnit.parent_id == villages[0].id)
                                  .order_by(OrgUnit.id)))
    by_code = {g.code.rsplit("-V", 1)[-1]: g.id for g in groups}
    ids = []
    for n in numbers:
        unit_id = by_code.get(str(n)) or (groups[n - 1].id if 0 < n <= len(groups) else None)
        if unit_id is None:
            raise typer.BadParameter(f"{villages[0].name} has no villager group {n}")
        ids.append(unit_id)
    return ids


def _units(session: Session, codes: list[str]) -> list[int]:
    from bot.store.models import OrgUnit

    ids = []
    for code in codes:
        unit = session.scalar(select(OrgUnit).where((OrgUnit.code == code) | (OrgUnit.name == code)))
        if unit is None:
            raise typer.BadParameter(f"no unit {code}")
        ids.append(unit.id)
    return ids


def _people(session: Session, phones: list[str]) -> list[int]:
    return [person_with_phone(session, phone).id for phone in phones]


@topics_app.command("create")
def create(
    title: str = typer.Option(..., help="what is decided, e.g. 是否收缴垃圾清运费"),
    description: str = typer.Option("", help="one short sentence of detail"),
    group: Annotated[list[int] | None, typer.Option(help="villager group number (repeatable)")] = None,
    village: str = typer.Option(None, help="village name or code for --group (default: the first)"),
    unit: Annotated[list[str] | None, typer.Option(help="community/village/grid code or name (repeatable)")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="a voter's phone number (repeatable)")] = None,
    options: str = typer.Option("", help="custom options, comma-separated (default 赞成,反对,弃权)"),
    closes_in: str = typer.Option("3d", help="voting time once open, e.g. 90m, 2h, 3d"),
    per_household: bool = typer.Option(False, "--per-household", help="one ballot per household"),
    quorum: int = typer.Option(50, help="minimum turnout in percent"),
    rule: str = typer.Option("majority", help="majority or two_thirds"),
    proxy: bool = typer.Option(False, "--proxy", help="allow a ballot for a household member"),
    no_change: bool = typer.Option(False, "--no-change", help="a ballot cannot be changed"),
    public: bool = typer.Option(False, "--public", help="who chose what is not secret"),
    open_now: bool = typer.Option(False, "--open", help="approve and open it now"),
) -> None:
    """Create a topic (and with --open approve and open it); prints its id on the last line."""
    from bot.core import council

    db, clock = _db(), Clock()
    try:
        with db.session() as s:
            electorate = council.electorate_of(groups=resolve_groups(s, group, village) if group else [],
                                               units=_units(s, unit or []), people=_people(s, phone or []))
            duration = council.parse_duration(closes_in)
            topic = council.create_topic(
                s, clock, title=title, description=description, electorate=electorate,
                options=[o for o in options.replace("，", ",").split(",")] if options else None,
                per_household=per_household, quorum_percent=quorum, rule=rule, allow_proxy=proxy,
                allow_change=not no_change, secret=not public, closes_at=clock.now() + duration)
            if open_now:
                council.approve(s, clock, topic.id)
                sent = council.open_topic(s, clock, topic.id, clock.now() + duration)
                console.print(f"topic {topic.id} open until {topic.closes_at:%Y-%m-%d %H:%M} UTC; sent to {sent}")
            topic_id = topic.id
    except council.CouncilError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    finally:
        db.dispose()
    print(topic_id)


def _act(action: str, topic_id: int, **kwargs: object) -> None:
    from bot.core import council

    db, clock = _db(), Clock()
    try:
        with db.session() as s:
            result = getattr(council, action)(s, clock, topic_id, **kwargs)
            if action == "close_topic":
                print(result[1].text)
    except council.CouncilError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    finally:
        db.dispose()


@topics_app.command("approve")
def approve(topic_id: int) -> None:
    """Approve a proposed topic (the proposer is told)."""
    _act("approve", topic_id)
    console.print(f"topic {topic_id} approved")


@topics_app.command("reject")
def reject(topic_id: int, reason: str = typer.Option(..., help="told to the proposer")) -> None:
    """Reject a proposed topic with a reason (the proposer is told)."""
    _act("reject", topic_id, reason=reason)
    console.print(f"topic {topic_id} rejected")


@topics_app.command("open")
def open_(topic_id: int, closes_in: str = typer.Option("3d", help="e.g. 90m, 2h, 3d")) -> None:
    """Open an approved topic and send it to every eligible voter."""
    from bot.core import council

    _act("open_topic", topic_id, closes_at=Clock().now() + council.parse_duration(closes_in))
    console.print(f"topic {topic_id} open")


@topics_app.command("close")
def close(topic_id: int) -> None:
    """Close a topic now, count it and publish the result on the 村口黑板."""
    _act("close_topic", topic_id)


@topics_app.command("close-due")
def close_due() -> None:
    """Close and publish every topic whose closing time has passed."""
    from bot.core import council

    db = _db()
    with db.session() as s:
        for topic_id in council.close_due(s, Clock()):
            print(topic_id)
    db.dispose()


@topics_app.command("list")
def list_() -> None:
    """Every topic with its status and counts so far."""
    from bot.core import council
    from bot.store.council_models import Topic

    db = _db()
    with db.session() as s:
        for t in s.scalars(select(Topic).order_by(Topic.id)):
            result = council.tally(s, t)
            print(f"{t.id}\t{t.status}\t{t.title}\tballots={result.cast}/{result.eligible}\t{t.reject_reason or ''}")
    db.dispose()


@topics_app.command("audit")
def audit(topic_id: int, phone: str = typer.Option(..., help="the auditor's number")) -> None:
    """Who chose what, every ballot and change in order: for an auditor only, on a secret topic."""
    from bot.core.council_ballots import audit_ballots

    db = _db()
    try:
        with db.session() as s:
            auditor = person_with_phone(s, phone)
            for e in audit_ballots(s, topic_id, auditor):
                proxy = f"\tproxy by {e.cast_by_id}" if e.proxy else ""
                print(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.kind}\t{e.voter_key}\tperson {e.person_id}\t"
                      f"option {e.option}{proxy}")
    except PermissionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    finally:
        db.dispose()


@notices_app.command("post")
def post(
    text: str = typer.Option(..., help="the notice"),
    group: Annotated[list[int] | None, typer.Option(help="villager group number (repeatable)")] = None,
    village: str = typer.Option(None, help="village for --group"),
    unit: Annotated[list[str] | None, typer.Option(help="community/village/grid code or name (repeatable)")] = None,
) -> None:
    """Post a notice on the 村口黑板 and send it to the people it concerns; prints its id."""
    from bot.core import council

    db = _db()
    try:
        with db.session() as s:
            electorate = council.electorate_of(groups=resolve_groups(s, group, village) if group else [],
                                               units=_units(s, unit or []))
            notice = council.post_notice(s, Clock(), text, electorate)
            notice_id = notice.id
    except council.CouncilError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    finally:
        db.dispose()
    print(notice_id)
