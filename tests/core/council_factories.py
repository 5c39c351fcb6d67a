"""Factories shared by the council tests: demo villagers, groups and topics."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import council
from bot.core.registry import person_by_address
from bot.store.models import OrgUnit, Person

# 石桥村一组: two households of two (…01+…02, …03+…04); 二组 starts at …05.
GROUP1 = ["+8613500000001", "+8613500000002", "+8613500000003", "+8613500000004"]
GROUP2_VILLAGER = "+8613500000005"
SECRETARY = "+8613800000401"


def person(session: Session, phone: str) -> Person:
    found = person_by_address(session, phone)
    assert found is not None, phone
    return found


def group_id(session: Session, n: int) -> int:
    return session.scalar(select(OrgUnit.id).where(OrgUnit.code == f"SQ-V{n}"))


def open_topic(session: Session, clock: Clock, *, group: int = 1, hours: float = 2, **kwargs: object) -> int:
    topic = council.create_topic(session, clock, title=kwargs.pop("title", "是否收缴垃圾清运费"),  # type: ignore[arg-type]
                                 electorate=council.electorate_of(groups=[group_id(session, group)]),
                                 **kwargs)  # type: ignore[arg-type]
    council.approve(session, clock, topic.id)
    council.open_topic(session, clock, topic.id, clock.now() + timedelta(hours=hours))
    return topic.id


def add_villagers(session: Session, group: int, count: int, start: int = 90_000) -> list[Person]:
    """Extra villagers in a group, each in no household."""
    gid = group_id(session, group)
    people = [Person(name=f"村民{n}", phone=f"+86135{start + n:08d}", kind="resident", villager_group_id=gid,
                     preferred_channel="sms") for n in range(count)]
    session.add_all(people)
    session.flush()
    return people
