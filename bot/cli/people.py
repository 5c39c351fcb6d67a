"""Naming people on the command line: a phone number, in any common spelling, is a registered person."""

from __future__ import annotations

import typer
from sqlalchemy.orm import Session

from bot.common.phones import InvalidPhone, to_e164
from bot.common.settings import load_settings
from bot.core.registry import Person, person_by_address


def e164(phone: str) -> str:
    """The number in E.164 (read in DEFAULT_REGION), or a usage error saying why it is not one."""
    try:
        return to_e164(phone, load_settings().default_region)
    except InvalidPhone as exc:
        raise typer.BadParameter(str(exc)) from exc


def person_with_phone(session: Session, phone: str) -> Person:
    """The registered person with this number, or a usage error."""
    person = person_by_address(session, e164(phone))
    if person is None:
        raise typer.BadParameter(f"no person with number {phone}")
    return person
