"""Who a staff member named in a who-question is (张涛是哪个嘛) when the name is on none of the sender's tickets
(blind test 24, B70: it got the menu, or the emergency's calm words): their role and unit (split from
bot/core/ticket_questions.py, which answers it of a ticket's holder)."""

from __future__ import annotations

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from bot.core.scopes import ROLE_NAMES
from bot.core.ticket_questions import kind_of
from bot.store.models import OrgUnit, Person, StaffRole

STAFF_WHO = "{name}是{unit}的{role}。"


def staff_asked_about(session: Session, text: str) -> str | None:
    """"张涛是幸福社区第2网格的网格员。": who the one staff member a who-question names is (blind test 24, B70:
    "张涛是哪个嘛" on none of the sender's tickets got the menu, or the emergency's calm words), by their first role;
    None when the words ask no who, or name nobody on the staff, or several."""
    if kind_of(text) != "who":
        return None
    rows = session.execute(select(Person.id, Person.name, StaffRole.role, OrgUnit.name)
                           .join(StaffRole, StaffRole.person_id == Person.id)
                           .join(OrgUnit, OrgUnit.id == StaffRole.unit_id)
                           .where(Person.name != "", literal(text).contains(Person.name))).all()
    named = {row[0] for row in rows}
    if len(named) != 1:
        return None
    order = list(ROLE_NAMES)
    _, name, role, unit = min(rows, key=lambda row: order.index(row[2]) if row[2] in order else len(order))
    return STAFF_WHO.format(name=name, unit=unit, role=ROLE_NAMES.get(role, "工作人员"))
