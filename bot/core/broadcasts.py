"""Broadcasts (宣传知识送到家): a notice (anti-fraud, traffic safety, a policy) to the residents of a
grid, community, village or villager group, or to every household of a colour (三色) or tag, within
the sender's scope.

`preview` says how many people it reaches on which channel, how many are left out (opted out,
unreachable), how many SMS parts it takes each (UCS-2: 70 in one part, 67 per part once split) and
what is left of today's broadcast SMS budget. `send` queues one outbox row per person on their own
channel (the core writes rows; the dispatcher sends them, with its SMS policy and rate limits),
paced so that a broadcast never holds the outbox's replies back: each row is due `1 / rate` seconds
after the one before. An opted-out number is left out when queued, and the dispatcher holds back a
row whose number opts out later. `deliveries` counts the rows by status (sent / failed / pending /
held back)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.common.sms_parts import segments, units
from bot.core import audit
from bot.core.notify import address_of
from bot.core.ticket_filter import TicketScope, grids_under
from bot.store.channel_models import OptOut
from bot.store.message_models import OutboxMessage
from bot.store.models import Household, OrgUnit, Person
from bot.store.outreach_models import Broadcast, BroadcastDelivery

TOPICS = {"anti_fraud": "防诈骗", "traffic_safety": "交通安全", "policy": "政策宣传", "other": "通知"}
COLOUR_NAMES = {"red": "红色户", "yellow": "黄色户", "green": "绿色户"}
KIND = "broadcast"  # the outbox rows' kind
REPEAT_WINDOW = timedelta(minutes=30)  # the same notice to the same audience again within it is refused
MAX_TEXT_UNITS = 500
CHUNK = 1000  # addresses per IN list  # what a broadcast may hold at all (Telegram and the simulator have no parts)
DELIVERY_STATES = {"pending": "pending", "sending": "pending", "sent": "sent", "dead": "failed",
                   "undelivered": "failed", "suppressed": "held_back"}


class BroadcastError(Exception):
    """Why a broadcast was refused: empty, too_long, no_recipients, over_budget, not_allowed, unknown_unit,
    duplicate (the same text to the same audience within `REPEAT_WINDOW`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """From the settings: SMS parts per message (more would be cut with 更多: refused), SMS parts all
    broadcasts may use in 24 hours, and the pace of a broadcast's rows."""

    max_parts: int = 2
    daily_sms_parts: int = 2000
    rate_per_second: float = 2.0
    parts_per_number: int = 20  # a number's SMS parts in 24 hours (SMS_DAILY_PARTS): past it the dispatcher waits

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(max_parts=settings.sms_max_parts, daily_sms_parts=settings.broadcast_daily_sms_parts,
                   rate_per_second=settings.broadcast_rate_per_second, parts_per_number=settings.sms_daily_parts)


@dataclass(frozen=True)
class Audience:
    """Whom a broadcast is for: the residents of a unit (grid, community, village or villager group;
    None: the whole scope), narrowed to a household colour and/or a household tag."""

    unit_id: int | None = None
    colour: str | None = None
    tag: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "colour": self.colour, "tag": self.tag}


@dataclass(frozen=True)
class Recipient:
    person_id: int
    channel: str
    address: str


@dataclass(frozen=True)
class Preview:
    """What sending would do. `problems` empty: it may be sent."""

    audience_label: str
    recipients: list[Recipient]
    by_channel: dict[str, int]
    opted_out: int
    unreachable: int
    chars: int
    sms_parts: int
    sms_total: int
    budget_left: int
    grid_ids: list[int]
    problems: list[str] = field(default_factory=list)
    # SMS recipients whose own 24 hours of parts this would pass: the dispatcher sends theirs later.
    over_daily_parts: int = 0

    @property
    def count(self) -> int:
        return len(self.recipients)


@dataclass(frozen=True)
class Deliveries:
    sent: int = 0
    failed: int = 0
    pending: int = 0
    held_back: int = 0  # opted out after it was queued, or the same text already sent that day

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.pending + self.held_back


def _audience_grids(session: Session, scope: TicketScope,
                    audience: Audience) -> tuple[list[int] | None, OrgUnit | None]:
    """The grids the audience spans within the scope (None: every grid, for an unrestricted scope),
    and the villager group when it is one."""
    if audience.unit_id is None:
        if scope.everything:
            return None, None
        held = OrgUnit.id.in_(sorted(scope.unit_ids))  # a scope may hold communities and buildings too
        return sorted(session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "grid", held))), None
    unit = session.get(OrgUnit, audience.unit_id)
    if unit is None:
        raise BroadcastError("unknown_unit")
    if unit.kind == "villager_group":
        grids = grids_under(session, [unit.parent_id]) if unit.parent_id is not None else frozenset()
        group = unit
    else:
        grids, group = grids_under(session, [unit.id]), None
    if not grids or not all(scope.covers_unit(g) for g in grids):
        raise BroadcastError("not_allowed")
    return sorted(grids), group


def _label(session: Session, audience: Audience) -> str:
    parts = []
    if audience.unit_id is not None:
        unit = session.get(OrgUnit, audience.unit_id)
        parts.append(unit.name if unit else "?")
    else:
        parts.append("全部辖区")
    if audience.colour:
        parts.append(COLOUR_NAMES.get(audience.colour, audience.colour))
    if audience.tag:
        parts.append(audience.tag)
    return "·".join(parts)


def audience_people(session: Session, scope: TicketScope, audience: Audience) -> tuple[list[Person], list[int]]:
    """The residents the audience means within the scope (one query; a tag is matched in Python on the
    household's tag list, read with each person), and the grids it spans."""
    grids, group = _audience_grids(session, scope, audience)
    query = select(Person).where(Person.kind == "resident")
    if grids is not None:
        query = query.where(Person.home_unit_id.in_(grids))
    else:
        query = query.where(Person.home_unit_id.is_not(None))
    if group is not None:
        query = query.where(Person.villager_group_id == group.id)
    if audience.colour or audience.tag:
        query = query.join(Household, Person.household_id == Household.id).add_columns(Household.tags)
        if audience.colour:
            query = query.where(Household.colour == audience.colour)
        rows = session.execute(query.order_by(Person.id))
        people = [person for person, tags in rows if not audience.tag or audience.tag in (tags or [])]
    else:
        people = list(session.scalars(query.order_by(Person.id)))
    spanned = grids if grids is not None else sorted({p.home_unit_id for p in people if p.home_unit_id})
    return people, spanned


def _opted_out(session: Session, targets: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    if not targets:
        return set()
    addresses = sorted({address for _, address in targets})
    stopped: set[tuple[str, str]] = set()
    for start in range(0, len(addresses), CHUNK):  # SQLite takes at most 32,766 parameters
        rows = session.execute(select(OptOut.channel, OptOut.address)
                               .where(OptOut.address.in_(addresses[start:start + CHUNK]), OptOut.active.is_(True)))
        stopped |= {(channel, address) for channel, address in rows}
    return {t for t in targets if t in stopped}


def sms_used_today(session: Session, now: datetime) -> int:
    """SMS parts broadcasts were sent with in the last 24 hours."""
    return int(session.scalar(select(func.coalesce(func.sum(Broadcast.sms_total), 0))
                              .where(Broadcast.created_at >= now - timedelta(hours=24))) or 0)


def parts_sent_today(session: Session, now: datetime, numbers: list[str]) -> dict[str, int]:
    """SMS parts sent to each of these numbers in the last 24 hours (the SMS policy's daily budget),
    for those sent any; read in chunks of numbers."""
    used: Counter[str] = Counter()
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start:start + CHUNK]
        rows = session.execute(select(OutboxMessage.recipient, OutboxMessage.text).where(
            OutboxMessage.channel == "sms", OutboxMessage.status == "sent",
            OutboxMessage.sent_at >= now - timedelta(hours=24), OutboxMessage.recipient.in_(chunk)))
        for recipient, text in rows:
            used[recipient] += segments(text)
    return dict(used)


def preview(session: Session, clock: Clock, scope: TicketScope, audience: Audience, text: str,
            limits: Limits = Limits()) -> Preview:
    """Who it would reach and what it would cost; `problems` lists why it may not be sent yet."""
    text = text.strip()
    people, grids = audience_people(session, scope, audience)
    wanted = [(p.id, address_of(p)) for p in people]
    reachable = [(pid, target) for pid, target in wanted if target is not None]
    stopped = _opted_out(session, [target for _, target in reachable])
    recipients = [Recipient(pid, channel, address) for pid, (channel, address) in reachable
                  if (channel, address) not in stopped]
    by_channel = dict(Counter(r.channel for r in recipients))
    parts = segments(text) if text else 0
    sms_total = parts * by_channel.get("sms", 0)
    left = max(limits.daily_sms_parts - sms_used_today(session, clock.now()), 0)
    used = parts_sent_today(session, clock.now(), [r.address for r in recipients if r.channel == "sms"])
    waiting = sum(1 for used_parts in used.values() if used_parts + parts > limits.parts_per_number)
    problems = []
    if not text:
        problems.append("empty")
    elif parts > limits.max_parts or units(text) > MAX_TEXT_UNITS:
        problems.append("too_long")
    if not recipients:
        problems.append("no_recipients")
    if sms_total > left:
        problems.append("over_budget")
    return Preview(audience_label=_label(session, audience), recipients=recipients, by_channel=by_channel,
                   opted_out=len(stopped), unreachable=len(wanted) - len(reachable), chars=len(text),
                   sms_parts=parts, sms_total=sms_total, budget_left=left, grid_ids=grids, problems=problems,
                   over_daily_parts=waiting)


def send(session: Session, clock: Clock, scope: TicketScope, audience: Audience, text: str, *, actor: str,
         topic: str = "other", title: str = "", limits: Limits = Limits()) -> Broadcast:
    """Record the broadcast and queue it to everyone the preview reaches, paced at
    `limits.rate_per_second`; refused (BroadcastError, nothing written) while the preview has problems."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}")
    text = text.strip()
    seen = preview(session, clock, scope, audience, text, limits)
    if seen.problems:
        raise BroadcastError(seen.problems[0])
    now = clock.now()
    again = select(Broadcast.id).where(Broadcast.text == text, Broadcast.audience_label == seen.audience_label,
                                       Broadcast.created_at >= now - REPEAT_WINDOW)
    if session.scalar(again.limit(1)) is not None:  # a form sent twice, a command run again
        raise BroadcastError("duplicate")
    broadcast = Broadcast(topic=topic, title=title[:64] or TOPICS[topic], text=text, audience=audience.as_dict(),
                          audience_label=seen.audience_label, grid_ids=seen.grid_ids, sent_by=actor, created_at=now,
                          recipients=seen.count, opted_out=seen.opted_out, unreachable=seen.unreachable,
                          sms_parts=seen.sms_parts, sms_total=seen.sms_total)
    session.add(broadcast)
    session.flush()
    gap = timedelta(seconds=1 / limits.rate_per_second) if limits.rate_per_second > 0 else timedelta(0)
    rows = [OutboxMessage(channel=r.channel, recipient=r.address, text=text, kind=KIND, created_at=now,
                          next_attempt_at=now + gap * index, status="pending", attempts=0)
            for index, r in enumerate(seen.recipients)]
    session.add_all(rows)
    session.flush()
    session.add_all([BroadcastDelivery(broadcast_id=broadcast.id, outbox_message_id=row.id) for row in rows])
    audit.record(session, clock, actor, "broadcast.sent", f"broadcast:{broadcast.id}",
                 {"recipients": seen.count, "sms_total": seen.sms_total, "audience": audience.as_dict()})
    session.flush()
    return broadcast


def deliveries(session: Session, broadcast_ids: Collection[int]) -> dict[int, Deliveries]:
    """Delivery counts per broadcast, from its outbox rows (one GROUP BY)."""
    if not broadcast_ids:
        return {}
    rows = session.execute(
        select(BroadcastDelivery.broadcast_id, OutboxMessage.status, func.count())
        .join(OutboxMessage, OutboxMessage.id == BroadcastDelivery.outbox_message_id)
        .where(BroadcastDelivery.broadcast_id.in_(sorted(broadcast_ids)))
        .group_by(BroadcastDelivery.broadcast_id, OutboxMessage.status))
    counts: dict[int, Counter[str]] = {bid: Counter() for bid in broadcast_ids}
    for broadcast_id, status, count in rows:
        counts[broadcast_id][DELIVERY_STATES.get(status, "pending")] += count
    return {bid: Deliveries(**c) for bid, c in counts.items()}


def visible(broadcast: Broadcast, scope: TicketScope) -> bool:
    """A broadcast is seen by a scope holding every grid it went to."""
    return scope.everything or all(scope.covers_unit(g) for g in broadcast.grid_ids or [])


def recent(session: Session, scope: TicketScope, limit: int = 20) -> list[Broadcast]:
    """The newest broadcasts the scope may see."""
    found: list[Broadcast] = []
    query = select(Broadcast).order_by(Broadcast.id.desc())
    for broadcast in session.scalars(query.limit(limit * 5)):
        if visible(broadcast, scope):
            found.append(broadcast)
            if len(found) == limit:
                break
    return found


def get(session: Session, scope: TicketScope, broadcast_id: int) -> Broadcast | None:
    """One broadcast, or None when it does not exist or is outside the scope (a 404 either way)."""
    broadcast = session.get(Broadcast, broadcast_id)
    return broadcast if broadcast is not None and visible(broadcast, scope) else None


def units_for_audience(session: Session, scope: TicketScope) -> list[OrgUnit]:
    """The units a scope may address: its grids, their communities/villages when wholly inside, and
    the villager groups of those villages (for a picker)."""
    in_scope = true() if scope.everything else OrgUnit.id.in_(sorted(scope.unit_ids))
    grids = list(session.scalars(select(OrgUnit).where(OrgUnit.kind == "grid", in_scope)))
    parents = {g.parent_id for g in grids if g.parent_id is not None}
    whole = [u for u in session.scalars(select(OrgUnit).where(OrgUnit.id.in_(sorted(parents))))
             if all(scope.covers_unit(g) for g in grids_under(session, [u.id]))]
    villages = [u.id for u in whole if u.kind == "village"]
    groups = list(session.scalars(select(OrgUnit).where(OrgUnit.kind == "villager_group",
                                                        OrgUnit.parent_id.in_(villages)))) if villages else []
    return sorted(whole, key=lambda u: u.id) + sorted(grids, key=lambda u: u.id) + sorted(groups, key=lambda u: u.id)


def tags_in(session: Session, grid_ids: Collection[int]) -> list[str]:
    """The household tags in use in these grids (for a picker), sorted."""
    if not grid_ids:
        return []
    rows = session.scalars(select(Household.tags).where(Household.unit_id.in_(sorted(grid_ids))))
    return sorted({tag for tags in rows for tag in (tags or [])})
