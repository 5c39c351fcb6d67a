"""Response templates (常用回复): short replies to a reporter that a community's or village's
secretaries keep (the duty officer may keep subdistrict-wide ones), offered on a ticket of that
community's grids.

Who may edit is a set of unit ids (`editable_units`: where the person is a community or village
secretary, or every unit for the duty officer); a template outside it is `not_found`, as a page
answers 404. A template's text fits one SMS part with the ticket number in front of it
(`reply_text`). Every change is in the audit log; removing one archives it."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.sms_parts import UCS2_SINGLE, units
from bot.core import audit, registry
from bot.store.models import OrgUnit
from bot.store.outreach_models import ReplyTemplate

EDITOR_ROLES = ("community_secretary", "village_secretary")
OWNER_KINDS = ("community", "village", "subdistrict")
TITLE_MAX = 16
PREFIX = "工单{number}："  # what `reply_text` puts in front: at most 10 characters with a T-number
TEXT_MAX_UNITS = UCS2_SINGLE - 10


class TemplateError(Exception):
    """Why a change was refused: not_found, empty, title_too_long, too_long, duplicate, wrong_unit."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def editable_units(session: Session, person_id: int) -> frozenset[int]:
    """The units whose templates this person keeps: their community or village as its secretary;
    every community, village and the subdistrict as the duty officer."""
    roles = registry.roles_of(session, person_id)
    if any(r.role == "duty_officer" for r in roles):
        return frozenset(session.scalars(select(OrgUnit.id).where(OrgUnit.kind.in_(OWNER_KINDS))))
    return frozenset(r.unit_id for r in roles if r.role in EDITOR_ROLES)


def owner_units(session: Session, editable: Collection[int]) -> list[OrgUnit]:
    """The units an editor keeps templates for, in id order (the subdistrict first)."""
    if not editable:
        return []
    return list(session.scalars(select(OrgUnit).where(OrgUnit.id.in_(sorted(editable))).order_by(OrgUnit.id)))


def _check(session: Session, unit_id: int, title: str, text: str, exclude: int | None = None) -> tuple[str, str]:
    title, text = " ".join(title.split()), text.strip()
    if not title or not text:
        raise TemplateError("empty")
    if len(title) > TITLE_MAX:
        raise TemplateError("title_too_long")
    if units(text) > TEXT_MAX_UNITS:
        raise TemplateError("too_long")
    same = select(ReplyTemplate.id).where(ReplyTemplate.unit_id == unit_id, ReplyTemplate.title == title,
                                          ReplyTemplate.active.is_(True))
    if exclude is not None:
        same = same.where(ReplyTemplate.id != exclude)
    if session.scalar(same.limit(1)) is not None:
        raise TemplateError("duplicate")
    return title, text


def _editable(session: Session, editable: Collection[int], template_id: int) -> ReplyTemplate:
    template = session.get(ReplyTemplate, template_id)
    if template is None or not template.active or template.unit_id not in editable:
        raise TemplateError("not_found")
    return template


def create(session: Session, clock: Clock, editable: Collection[int], unit_id: int, title: str, text: str, *,
           actor: str) -> ReplyTemplate:
    """A new template for `unit_id` (a community, village or the subdistrict the editor keeps)."""
    if unit_id not in editable:
        raise TemplateError("not_found")
    unit = session.get(OrgUnit, unit_id)
    if unit is None or unit.kind not in OWNER_KINDS:
        raise TemplateError("wrong_unit")
    title, text = _check(session, unit_id, title, text)
    now = clock.now()
    template = ReplyTemplate(unit_id=unit_id, title=title, text=text, active=True, updated_by=actor,
                             created_at=now, updated_at=now)
    session.add(template)
    session.flush()
    audit.record(session, clock, actor, "reply_template.created", f"reply_template:{template.id}", {"unit": unit_id})
    return template


def update(session: Session, clock: Clock, editable: Collection[int], template_id: int, title: str, text: str, *,
           actor: str) -> ReplyTemplate:
    template = _editable(session, editable, template_id)
    template.title, template.text = _check(session, template.unit_id, title, text, exclude=template.id)
    template.updated_by, template.updated_at = actor, clock.now()
    audit.record(session, clock, actor, "reply_template.updated", f"reply_template:{template.id}",
                 {"unit": template.unit_id})
    return template


def archive(session: Session, clock: Clock, editable: Collection[int], template_id: int, *, actor: str) -> None:
    template = _editable(session, editable, template_id)
    template.active, template.updated_by, template.updated_at = False, actor, clock.now()
    audit.record(session, clock, actor, "reply_template.archived", f"reply_template:{template.id}",
                 {"unit": template.unit_id})


def kept_by(session: Session, editable: Collection[int]) -> list[ReplyTemplate]:
    """The active templates an editor keeps, by unit then title (the editing page)."""
    if not editable:
        return []
    return list(session.scalars(select(ReplyTemplate).where(ReplyTemplate.unit_id.in_(sorted(editable)),
                                                            ReplyTemplate.active.is_(True))
                                .order_by(ReplyTemplate.unit_id, ReplyTemplate.title)))


def for_grid(session: Session, grid_id: int | None) -> list[ReplyTemplate]:
    """The templates offered on a ticket of this grid: its community's or village's first, then the
    subdistrict's; for an unplaced ticket, the subdistricts' only."""
    if grid_id is not None:
        grid = session.get(OrgUnit, grid_id)
        chain = [u.id for u in registry.ancestors(session, grid)] if grid is not None else []
    else:
        chain = list(session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "subdistrict")))
    if not chain:
        return []
    rank = {unit_id: place for place, unit_id in enumerate(chain)}
    found = session.scalars(select(ReplyTemplate).where(ReplyTemplate.unit_id.in_(chain),
                                                        ReplyTemplate.active.is_(True)))
    return sorted(found, key=lambda t: (rank[t.unit_id], t.title))


def reply_text(template: ReplyTemplate, number: str) -> str:
    """What the reporter is sent: the ticket number, then the template (one SMS part)."""
    return PREFIX.format(number=number) + template.text


def seed(session: Session, unit_id: int, pairs: list[tuple[str, str]], actor: str = "system") -> None:
    """Templates for a unit without audit entries or checks of who: the demo's and an import's."""
    for title, text in pairs:
        session.add(ReplyTemplate(unit_id=unit_id, title=title, text=text, active=True, updated_by=actor))

