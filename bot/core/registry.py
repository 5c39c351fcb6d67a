"""Looking people and places up in the registry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.channel_models import WeChatIdentity
from bot.store.models import OrgUnit, Person, StaffRole


def person_by_address(session: Session, address: str) -> Person | None:
    """The person behind a conversation key: an E.164 number, tg:<user id>, or wx:<openid> (a WeChat
    follower who linked their number)."""
    if address.startswith("wx:"):
        phone = session.scalar(select(WeChatIdentity.phone).where(WeChatIdentity.address == address))
        return session.scalar(select(Person).where(Person.phone == phone)) if phone else None
    if address.startswith("tg:"):
        try:
            user_id = int(address[3:])
        except ValueError:
            return None
        return session.scalar(select(Person).where(Person.telegram_user_id == user_id))
    return session.scalar(select(Person).where(Person.phone == address))


def staff_for(session: Session, unit_id: int, role: str) -> list[Person]:
    """People holding a role on a unit, in the order they were appointed."""
    rows = session.scalars(
        select(Person).join(StaffRole, StaffRole.person_id == Person.id)
        .where(StaffRole.unit_id == unit_id, StaffRole.role == role)
        .order_by(StaffRole.id)
    )
    return list(rows)


def duty_officers(session: Session) -> list[Person]:
    """Every subdistrict's duty officers: whoever takes what nobody below can place."""
    return [officer for street in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict"))
            for officer in staff_for(session, street.id, "duty_officer")]


def ancestors(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    """The unit itself and every unit above it, nearest first."""
    chain = [unit]
    while chain[-1].parent_id is not None:
        parent = session.get(OrgUnit, chain[-1].parent_id)
        if parent is None:
            break
        chain.append(parent)
    return chain


def staff_nearest(session: Session, unit: OrgUnit, roles: list[str]) -> tuple[OrgUnit, list[Person]] | None:
    """The nearest unit at or above `unit` where someone holds one of the roles, with those people
    (roles in the order given, then appointment order)."""
    for level in ancestors(session, unit):
        for role in roles:
            people = staff_for(session, level.id, role)
            if people:
                return level, people
    return None


def roles_of(session: Session, person_id: int) -> list[StaffRole]:
    return list(session.scalars(select(StaffRole).where(StaffRole.person_id == person_id)))


def roles_at(session: Session, unit_id: int) -> list[StaffRole]:
    """Every role held on a unit, in the order they were appointed."""
    return list(session.scalars(select(StaffRole).where(StaffRole.unit_id == unit_id).order_by(StaffRole.id)))


def conversation_address(session: Session, address: str) -> str:
    """The address a person's conversation is kept under, whichever channel they wrote by: a WeChat
    follower who linked a registered number talks in that number's conversation (the one their SMS and
    template-SMS replies are in). Telegram accounts keep their own (their tickets name them)."""
    if not address.startswith("wx:"):
        return address
    person = person_by_address(session, address)
    return person.phone if person is not None and person.phone else address


def remember_channel(session: Session, address: str, channel: str) -> None:
    """A registered person is reached where they last wrote from."""
    person = person_by_address(session, address)
    if person is not None and person.preferred_channel != channel:
        person.preferred_channel = channel


def link_telegram(session: Session, telegram_user_id: int, phone: str) -> Person:
    """Link a Telegram account to the person with this (E.164) number, creating a resident if the
    number is new; an account linked before to someone else is unlinked from them. Messages to the
    person go to Telegram from now on."""
    previous = session.scalar(select(Person).where(Person.telegram_user_id == telegram_user_id))
    person = session.scalar(select(Person).where(Person.phone == phone))
    if previous is not None and previous is not person:
        previous.telegram_user_id = None
        session.flush()
    if person is None:
        person = Person(name="Telegram用户", phone=phone, kind="resident")
        session.add(person)
    person.telegram_user_id = telegram_user_id
    person.preferred_channel = "telegram"
    return person


def wechat_address_of(session: Session, person: Person) -> str | None:
    """The WeChat follower (wx:<openid>) who linked this person's number, the latest if several did."""
    if not person.phone:
        return None
    return session.scalar(select(WeChatIdentity.address).where(WeChatIdentity.phone == person.phone)
                          .order_by(WeChatIdentity.linked_at.desc()).limit(1))
