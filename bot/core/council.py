"""议事小院: topics, who may vote on them, opening, closing, results and the 村口黑板.

A topic moves proposed → approved → open → closed → published (or rejected with a reason).
Ballots are in `council_ballots`; notices and their texts are here, next to the code that sends them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry
from bot.core.notify import notify
from bot.store.council_models import Ballot, Notice, Topic
from bot.store.models import OrgUnit, Person

DEFAULT_OPTIONS = ["赞成", "反对", "弃权"]
RULES = ("majority", "two_thirds")
SMS_SINGLE = 70
SMS_TWO_PARTS = 134
SECRETARY_ROLES = {"village": "village_secretary", "community": "community_secretary"}


class CouncilError(ValueError):
    """A request that the topic's state or settings do not allow."""


@dataclass(frozen=True)
class Tally:
    counts: dict[int, int]
    cast: int
    eligible: int
    quorum_met: bool
    # The option number that won by the topic's rule, or None (no quorum, or no option reached it).
    winner: int | None

    @property
    def turnout_percent(self) -> int:
        return round(100 * self.cast / self.eligible) if self.eligible else 0

    def as_dict(self) -> dict[str, Any]:
        return {"counts": {str(k): v for k, v in self.counts.items()}, "cast": self.cast, "eligible": self.eligible,
                "quorum_met": self.quorum_met, "winner": self.winner}


def fit(text: str, limit: int) -> str:
    """Cut text to `limit` characters, marking the cut with …"""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_duration(spec: str) -> timedelta:
    """'90m', '2h', '3d' (or plain minutes) as a timedelta."""
    spec = spec.strip().lower()
    units = {"m": "minutes", "h": "hours", "d": "days"}
    if spec and spec[-1] in units:
        return timedelta(**{units[spec[-1]]: float(spec[:-1])})
    return timedelta(minutes=float(spec))


# --- electorates ---------------------------------------------------------------------------------

def electorate_of(*, groups: list[int] | None = None, units: list[int] | None = None,
                  people: list[int] | None = None) -> dict[str, list[int]]:
    electorate = {"groups": list(groups or []), "units": list(units or []), "people": list(people or [])}
    if not any(electorate.values()):
        raise CouncilError("an electorate needs at least one villager group, unit or person")
    return electorate


def _descendants(session: Session, unit_ids: list[int]) -> set[int]:
    found, frontier = set(unit_ids), list(unit_ids)
    while frontier:
        children = list(session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.in_(frontier))))
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def _electorate_clause(session: Session, electorate: dict[str, Any]):  # noqa: ANN202
    clauses = []
    if electorate.get("groups"):
        clauses.append(Person.villager_group_id.in_(electorate["groups"]))
    if electorate.get("units"):
        under = _descendants(session, electorate["units"])
        clauses.append(or_(Person.home_unit_id.in_(under), Person.villager_group_id.in_(under)))
    if electorate.get("people"):
        clauses.append(Person.id.in_(electorate["people"]))
    return or_(*clauses) if clauses else Person.id.is_(None)


def electorate_people(session: Session, electorate: dict[str, Any]) -> list[Person]:
    """Every resident an electorate covers, by id."""
    return list(session.scalars(select(Person).where(Person.kind == "resident",
                                                     _electorate_clause(session, electorate)).order_by(Person.id)))


def is_eligible(session: Session, topic: Topic, person: Person) -> bool:
    return session.scalar(select(Person.id).where(Person.id == person.id, Person.kind == "resident",
                                                  _electorate_clause(session, topic.electorate))) is not None


def voter_key(topic: Topic, person: Person) -> str:
    """Whose ballot this is: the household's on a per-household topic, otherwise the person's."""
    if topic.per_household and person.household_id is not None:
        return f"h:{person.household_id}"
    return f"p:{person.id}"


def eligible_voters(session: Session, topic: Topic) -> int:
    return len({voter_key(topic, p) for p in electorate_people(session, topic.electorate)})


def describe_electorate(session: Session, electorate: dict[str, Any]) -> str:
    names = [session.get(OrgUnit, i).name for i in [*electorate.get("groups", []), *electorate.get("units", [])]
             if session.get(OrgUnit, i) is not None]
    if electorate.get("people"):
        names.append(f"{len(electorate['people'])}人")
    return "、".join(names)


# --- topics -----------------------------------------------------------------------------------------

def create_topic(session: Session, clock: Clock, *, title: str, electorate: dict[str, Any],
                 description: str = "", options: list[str] | None = None, per_household: bool = False,
                 closes_at: datetime | None = None, opens_at: datetime | None = None, quorum_percent: int = 50,
                 rule: str = "majority", allow_change: bool = True, allow_proxy: bool = False,
                 secret: bool = True, proposer_id: int | None = None, unit_id: int | None = None) -> Topic:
    title = title.strip()
    if not title:
        raise CouncilError("a topic needs a title")
    options = [o.strip() for o in (options or DEFAULT_OPTIONS) if o.strip()]
    if not 2 <= len(options) <= 9:
        raise CouncilError("a topic needs 2 to 9 options")
    if rule not in RULES:
        raise CouncilError(f"rule must be one of {RULES}")
    if not 0 <= quorum_percent <= 100:
        raise CouncilError("quorum is a percentage")
    if unit_id is None:
        unit_id = _approving_unit(session, electorate)
    topic = Topic(title=title, description=description.strip(), options=options, electorate=electorate,
                  per_household=per_household, closes_at=closes_at, opens_at=opens_at,
                  quorum_percent=quorum_percent, rule=rule, allow_change=allow_change, allow_proxy=allow_proxy,
                  secret=secret, proposer_id=proposer_id, unit_id=unit_id, status="proposed",
                  created_at=clock.now())
    session.add(topic)
    session.flush()
    return topic


def _approving_unit(session: Session, electorate: dict[str, Any]) -> int | None:
    """The village or community above the electorate's first unit."""
    for unit_id in [*electorate.get("groups", []), *electorate.get("units", [])]:
        unit = session.get(OrgUnit, unit_id)
        if unit is None:
            continue
        for node in registry.ancestors(session, unit):
            if node.kind in SECRETARY_ROLES:
                return node.id
    return None


def get_topic(session: Session, topic_id: int) -> Topic:
    topic = session.get(Topic, topic_id)
    if topic is None:
        raise CouncilError(f"no topic {topic_id}")
    return topic


def _move(session: Session, topic: Topic, allowed: tuple[str, ...], to: str, **values: Any) -> None:
    """Change status with a conditional UPDATE, so two cadres acting at once cannot both succeed."""
    result = session.execute(update(Topic).where(Topic.id == topic.id, Topic.status.in_(allowed))
                             .values(status=to, **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        session.refresh(topic)
        raise CouncilError(f"topic {topic.id} is {topic.status}, not {' or '.join(allowed)}")
    session.refresh(topic)


def secretaries(session: Session, topic: Topic) -> list[Person]:
    if topic.unit_id is None:
        return []
    unit = session.get(OrgUnit, topic.unit_id)
    role = SECRETARY_ROLES.get(unit.kind, "village_secretary") if unit else "village_secretary"
    return registry.staff_for(session, topic.unit_id, role)


def propose(session: Session, clock: Clock, proposer: Person, title: str, description: str) -> Topic:
    """A villager's proposal for their own villager group (or grid), sent to the secretary for approval."""
    if proposer.villager_group_id is not None:
        electorate = electorate_of(groups=[proposer.villager_group_id])
    elif proposer.home_unit_id is not None:
        electorate = electorate_of(units=[proposer.home_unit_id])
    else:
        raise CouncilError("only registered residents can propose topics")
    topic = create_topic(session, clock, title=fit(title, 60), description=description, electorate=electorate,
                         proposer_id=proposer.id)
    for secretary in secretaries(session, topic):
        notify(session, secretary, fit(f"新议题{topic.id}待审：{topic.title}（{proposer.name}提议）。"
                                       f"请在后台批准或退回。", SMS_SINGLE))
    return topic


def approve(session: Session, clock: Clock, topic_id: int, approver_id: int | None = None) -> Topic:
    topic = get_topic(session, topic_id)
    _move(session, topic, ("proposed",), "approved", approver_id=approver_id)
    _tell_proposer(session, topic, f"您提议的“{fit(topic.title, 20)}”已通过审核，将交大家投票。")
    return topic


def reject(session: Session, clock: Clock, topic_id: int, reason: str, approver_id: int | None = None) -> Topic:
    if not reason.strip():
        raise CouncilError("a rejection needs a reason")
    topic = get_topic(session, topic_id)
    _move(session, topic, ("proposed", "approved"), "rejected", reject_reason=reason.strip(),
          approver_id=approver_id)
    _tell_proposer(session, topic, fit(f"您提议的“{fit(topic.title, 16)}”暂未通过：{reason.strip()}", SMS_SINGLE))
    return topic


def _tell_proposer(session: Session, topic: Topic, text: str) -> None:
    if topic.proposer_id is not None:
        proposer = session.get(Person, topic.proposer_id)
        if proposer is not None:
            notify(session, proposer, text)


def options_line(options: list[str]) -> str:
    return "回复 " + " ".join(f"{n} {label}" for n, label in enumerate(options, 1))


def opening_text(topic: Topic) -> str:
    """The SMS a voter gets when a topic opens; one SMS when the options are short."""
    tail = options_line(topic.options)
    head = f"【议事】{topic.title}"
    if topic.description:
        head += f"：{topic.description}"
    room = max(SMS_SINGLE - len(tail) - 1, 12)
    return f"{fit(head, room)}。{tail}" if len(head) <= room else f"{fit(head, room)}{tail}"


def vote_buttons(topic: Topic) -> list[dict[str, str]]:
    return [{"title": label, "payload": f'/vote{{"option":"{n}"}}'} for n, label in enumerate(topic.options, 1)]


def open_topic(session: Session, clock: Clock, topic_id: int, closes_at: datetime | None = None) -> int:
    """Open an approved topic and send it to every eligible voter; returns how many were sent."""
    topic = get_topic(session, topic_id)
    now = clock.now()
    closes_at = closes_at or topic.closes_at
    if closes_at is None or closes_at <= now:
        raise CouncilError("a topic needs a closing time in the future")
    _move(session, topic, ("approved",), "open", opens_at=now, closes_at=closes_at)
    text = opening_text(topic)
    sent = 0
    for person in electorate_people(session, topic.electorate):
        row = notify(session, person, text)
        if row is not None:
            row.payload = {"buttons": vote_buttons(topic), "topic_id": topic.id}
            sent += 1
    return sent


def is_open(topic: Topic, now: datetime) -> bool:
    return topic.status == "open" and (topic.closes_at is None or now < topic.closes_at)


def open_topics_for(session: Session, person: Person, now: datetime) -> list[Topic]:
    topics = session.scalars(select(Topic).where(Topic.status == "open").order_by(Topic.id))
    return [t for t in topics if is_open(t, now) and is_eligible(session, t, person)]


# --- results --------------------------------------------------------------------------------------------

def tally(session: Session, topic: Topic) -> Tally:
    rows = dict(session.execute(select(Ballot.option, func.count()).where(Ballot.topic_id == topic.id)
                                .group_by(Ballot.option)).all())
    counts = {n: int(rows.get(n, 0)) for n in range(1, len(topic.options) + 1)}
    cast = sum(counts.values())
    eligible = eligible_voters(session, topic)
    quorum_met = cast > 0 and cast * 100 >= topic.quorum_percent * eligible
    winner = None
    if quorum_met:
        best = max(counts, key=lambda n: counts[n])
        top = counts[best]
        reached = top * 2 > cast if topic.rule == "majority" else top * 3 >= cast * 2
        if reached and list(counts.values()).count(top) == 1:
            winner = best
    return Tally(counts, cast, eligible, quorum_met, winner)


def counts_text(topic: Topic, t: Tally) -> str:
    return " ".join(f"{label}{t.counts[n]}" for n, label in enumerate(topic.options, 1))


def outcome_text(topic: Topic, t: Tally) -> str:
    if not t.quorum_met:
        return "未达法定人数，结果不生效"
    if t.winner is None:
        return "未形成" + ("过半数" if topic.rule == "majority" else "三分之二多数")
    if topic.options == DEFAULT_OPTIONS:
        return "通过" if t.winner == 1 else "未通过"
    return f"“{topic.options[t.winner - 1]}”胜出"


def published_tally(topic: Topic) -> Tally | None:
    """The result kept when the topic was published, or None before that."""
    if topic.status != "published" or not topic.result:
        return None
    r = topic.result
    return Tally({int(k): int(v) for k, v in r["counts"].items()}, int(r["cast"]), int(r["eligible"]),
                 bool(r["quorum_met"]), r.get("winner"))


def result_text(topic: Topic, t: Tally) -> str:
    unit = "户" if topic.per_household else "人"
    turnout = f"投票{t.cast}/{t.eligible}{unit}({t.turnout_percent}%)"
    return fit(f"【村口黑板】“{fit(topic.title, 20)}”结果：{counts_text(topic, t)}，{turnout}，"
               f"{outcome_text(topic, t)}。", SMS_TWO_PARTS)


def close_topic(session: Session, clock: Clock, topic_id: int) -> tuple[Tally, Notice]:
    """Close now, count, and publish the result as a notice to the electorate."""
    topic = get_topic(session, topic_id)
    now = clock.now()
    _move(session, topic, ("open",), "closed", closed_at=now)
    result = tally(session, topic)
    notice = post_notice(session, clock, result_text(topic, result), topic.electorate, kind="result",
                         topic_id=topic.id)
    _move(session, topic, ("closed",), "published", result=result.as_dict())
    return result, notice


def close_due(session: Session, clock: Clock) -> list[int]:
    """Close and publish every open topic whose closing time has passed."""
    now = clock.now()
    due = [t.id for t in session.scalars(select(Topic).where(Topic.status == "open")) if not is_open(t, now)]
    closed = []
    for topic_id in due:
        try:
            close_topic(session, clock, topic_id)
        except CouncilError:
            continue  # another process closed it first
        closed.append(topic_id)
    return closed


# --- notices (村口黑板) -----------------------------------------------------------------------------------

def post_notice(session: Session, clock: Clock, text: str, electorate: dict[str, Any], *, kind: str = "notice",
                topic_id: int | None = None, author_id: int | None = None) -> Notice:
    """Keep a notice and send it to everyone it concerns."""
    text = text.strip()
    if not text:
        raise CouncilError("a notice needs text")
    if kind == "notice" and not text.startswith("【"):
        text = "【村口黑板】" + text
    notice = Notice(kind=kind, text=fit(text, SMS_TWO_PARTS), electorate=electorate, topic_id=topic_id,
                    author_id=author_id, posted_at=clock.now())
    session.add(notice)
    session.flush()
    for person in electorate_people(session, electorate):
        notify(session, person, notice.text)
    return notice


def notices_for(session: Session, person: Person, n: int = 3) -> list[Notice]:
    """The newest notices that concern a person."""
    found: list[Notice] = []
    for notice in session.scalars(select(Notice).order_by(Notice.id.desc()).limit(200)):
        if session.scalar(select(Person.id).where(Person.id == person.id,
                                                  _electorate_clause(session, notice.electorate))) is not None:
            found.append(notice)
            if len(found) >= n:
                break
    return found


def board_text(session: Session, person: Person, now: datetime, page: int = 1) -> str:
    """What ask_topics answers: every open topic, then the latest notices, one SMS part a page ("公告2" next)."""
    items = [f"正在投票：{t.id}号 {fit(t.title, 14)}" for t in open_topics_for(session, person, now)]
    for text in (n.text for n in notices_for(session, person, 2)):
        items += [text[i:i + SMS_SINGLE - 12] for i in range(0, len(text), SMS_SINGLE - 12)]
    if not items:
        return "目前没有投票中的议题，也没有新公告。"
    pages: list[list[str]] = [[]]
    for item in items:
        if pages[-1] and len("\n".join([*pages[-1], item])) > SMS_SINGLE - 12:
            pages.append([])
        pages[-1].append(item)
    if page > len(pages):
        return "公告已经看完了。回复“公告”从头看。"
    return "\n".join(pages[page - 1]) + (f"\n回复“公告{page + 1}”看下一条" if page < len(pages) else "")
