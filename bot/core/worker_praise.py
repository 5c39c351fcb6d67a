"""Praise of a grid worker named by a resident outside any rating (blind test 28, B88: "谢谢你们 昨天那个网格员小杨
态度好得很" got only 不客气): thanked, and passed on to the worker it names, by full name (杨艳) or by surname as people
call a worker (小杨, 老李, 杨师傅, 杨姐). Whom that means: the worker of that surname the sender met (the assignee of a
ticket of theirs lately, the workers of their own grid and of those tickets' grids), else, when called 网格员, the only
grid worker of that surname there is; when that cannot be told, the duty officer hears the praise to pass on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import mask
from bot.core import registry
from bot.core.notify import notify
from bot.store.models import OrgUnit, Person, StaffRole, Ticket

SMS = 70
RECENT = timedelta(days=30)  # a ticket of the sender's this recent places whom they met
GRID_ROLES = ("grid_worker", "backup_grid_worker")
# How people call a worker by surname: 小杨, 老李 before it; 杨师傅, 杨姐, 杨网格员 after it.
_BY_SURNAME = re.compile(r"(?:小|老)(\w)|(\w)(?:师傅|姐|哥|大姐|大哥|阿姨|网格员)")
# Words that say a worker or the service is meant (not 小区, 老人): checked with the surname found.
_WORKER = re.compile(r"网格员|网格长|师傅|社区|工作人员|你们")
# Thanks that name a worker (感谢周网格员 上回帮我们把路灯修好了, 谢谢李师傅: blind test 30, A14-10a): praise.
_THANKS = re.compile(r"谢谢|感谢|多谢|谢了")
_CALLED = re.compile(r"网格员|网格长|师傅|(?:小|老)[^\W\d区人家伴板公婆头师子们]|\w(?:姐|哥|阿姨)")
_GRIEVANCE = re.compile(r"不|没|莫|还是|还在|投诉|差")
PASSED = "谢谢您的肯定！已把您的表扬转告网格员{name}。"
PASSED_UP = "谢谢您的肯定！已把您的表扬转告社区，会转达给这位网格员。"
TO_WORKER = "居民{who}表扬您："
TO_DUTY = "居民{who}表扬网格员（没认出是哪位，请转达）："


@dataclass(frozen=True)
class Named:
    """A worker named in praise: `worker` when it could be told who, else None (`called`: how she was called;
    `as_worker`: by her full name or as 网格员, not only as 师傅 as a repairman is)."""

    called: str
    worker: Person | None
    as_worker: bool = True


def thanks_a_worker(text: str) -> bool:
    """Thanks that name a worker (感谢周网格员…, 帮我谢谢李师傅), with no grievance in them (谢谢 但是还没修好)."""
    return _THANKS.search(text) is not None and _CALLED.search(text) is not None and _GRIEVANCE.search(text) is None


def named(session: Session, clock: Clock, address: str, text: str) -> Named | None:
    """The grid worker the words name, or None when they name none (a thanks to all of us)."""
    workers = _grid_workers(session)
    full = [p for p in workers if len(p.name) >= 2 and p.name in text]
    if full:
        return Named(full[0].name, full[0])
    as_worker = re.search(r"网格", text) is not None
    if _WORKER.search(text) is None:
        return None
    called = next((m for m in _BY_SURNAME.finditer(text)
                   if any(p.name.startswith(m.group(1) or m.group(2)) for p in workers)), None)
    if called is None:
        return None
    surname = called.group(1) or called.group(2)
    near = [p for p in _near(session, clock, address) if p.name.startswith(surname)]
    if near:
        return Named(called.group(0), near[0], as_worker)
    # Beyond whom the sender met, only a 网格员 said so is looked for by surname (李师傅 may be any repairman).
    primary = [p for p in _grid_workers(session, ("grid_worker",)) if p.name.startswith(surname)] if as_worker else []
    return Named(called.group(0), primary[0] if len(primary) == 1 else None, as_worker)


def pass_on(session: Session, address: str, text: str, who: Named) -> str:
    """The praise sent to the worker named (or to the duty officer when it cannot be told whom); the reply."""
    said = " ".join(text.split())
    if who.worker is not None:
        notify(session, who.worker, _fit(TO_WORKER.format(who=mask(address)), said))
        return PASSED.format(name=who.worker.name)
    for street in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
        for officer in registry.staff_for(session, street.id, "duty_officer"):
            notify(session, officer, _fit(TO_DUTY.format(who=mask(address)), said))
    return PASSED_UP


def _fit(head: str, said: str) -> str:
    room = SMS - len(head)
    return head + (said if len(said) <= room else said[:room - 1] + "…")


def _grid_workers(session: Session, roles: tuple[str, ...] = GRID_ROLES) -> list[Person]:
    """Grid workers (primary first, then backups), in the order appointed."""
    rows = session.execute(select(Person, StaffRole.role).join(StaffRole, StaffRole.person_id == Person.id)
                           .where(StaffRole.role.in_(roles)).order_by(StaffRole.id)).all()
    ordered = sorted(rows, key=lambda row: roles.index(row[1]))
    return list(dict.fromkeys(person for person, _ in ordered))


def _near(session: Session, clock: Clock, address: str) -> list[Person]:
    """Whom the sender met: the assignees of their tickets lately, then the workers of their own grid and of those
    tickets' grids (primary first)."""
    tickets = list(session.scalars(select(Ticket).where(Ticket.reporter_address == address,
                                                        Ticket.created_at >= clock.now() - RECENT)
                                   .order_by(Ticket.id.desc())))
    person = registry.person_by_address(session, address)
    grids = [t.unit_id for t in tickets if t.unit_id is not None]
    if person is not None and person.home_unit_id is not None:
        grids.insert(0, person.home_unit_id)
    met = [t.assignee for t in tickets if t.assignee is not None]
    for role in GRID_ROLES:
        for unit_id in dict.fromkeys(grids):
            met += registry.staff_for(session, unit_id, role)
    return list(dict.fromkeys(met))
