"""Staff sign-in for the workbench: passwords (argon2id), lockout after failed attempts, sessions.

A staff member is a person with a staff entry or any staff role in the registry; their account is
their phone number. A session's token goes to the browser (in a signed cookie) and only its sha256
is kept here, with the CSRF token its forms must carry and the time it ends. Sign-ins, failures,
lockouts, password changes and sign-outs go into the audit log, naming people by id."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit, registry
from bot.store.models import Person
from bot.store.staff_models import StaffAccount, StaffSession

MIN_PASSWORD_CHARS = 8
_HASHER = PasswordHasher()  # argon2id with the library's recommended cost


@functools.cache
def _dummy_hash() -> str:
    """Verified when the number has no account, so an unknown number takes as long as a wrong password
    (made on first use: hashing costs about as much as a sign-in)."""
    return _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class SignInPolicy:
    max_attempts: int = 5
    lockout: timedelta = timedelta(minutes=15)
    session_lifetime: timedelta = timedelta(hours=12)


class AccountError(ValueError):
    """Why a password could not be set: not_staff, too_short."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SignIn:
    outcome: Literal["ok", "bad_credentials", "locked"]
    person_id: int | None = None
    token: str | None = None  # the session's token, for the browser only (ok)
    locked_until: datetime | None = None  # (locked)


def is_staff(session: Session, person: Person | None) -> bool:
    return person is not None and (person.kind == "staff" or bool(registry.roles_of(session, person.id)))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def set_password(session: Session, clock: Clock, phone: str, password: str, *, actor: str) -> Person:
    """Set (or replace) a staff member's password; their open sessions end and any lockout is lifted."""
    person = registry.person_by_address(session, phone)
    if not is_staff(session, person):
        raise AccountError("not_staff")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError("too_short")
    assert person is not None
    account = session.scalar(select(StaffAccount).where(StaffAccount.person_id == person.id))
    if account is None:
        account = StaffAccount(person_id=person.id, password_hash="")
        session.add(account)
    account.password_hash = _HASHER.hash(password)
    account.password_set_at, account.failed_attempts, account.locked_until = clock.now(), 0, None
    session.execute(delete(StaffSession).where(StaffSession.person_id == person.id))
    audit.record(session, clock, actor, "staff.password_set", f"person:{person.id}")
    return person


def has_password(session: Session, person_id: int) -> bool:
    return session.scalar(select(StaffAccount.id).where(StaffAccount.person_id == person_id)) is not None


def sign_in(session: Session, clock: Clock, policy: SignInPolicy, phone: str, password: str) -> SignIn:
    """Check a number and password. Failures are counted (and committed: the caller commits the result
    whatever it is); at `max_attempts` in a row the account is locked for `lockout`, and while locked
    not even the right password lets anyone in."""
    now = clock.now()
    person = registry.person_by_address(session, phone)
    account = session.scalar(select(StaffAccount).where(StaffAccount.person_id == person.id)) \
        if is_staff(session, person) and person is not None else None
    if account is None:
        _verify(_dummy_hash(), password)
        audit.record(session, clock, "web", "staff.sign_in_failed", "", {"reason": "no_account"})
        return SignIn("bad_credentials")
    subject = f"person:{account.person_id}"
    if account.locked_until is not None and account.locked_until > now:
        audit.record(session, clock, "web", "staff.sign_in_refused", subject, {"reason": "locked"})
        return SignIn("locked", account.person_id, locked_until=account.locked_until)
    if not _verify(account.password_hash, password):
        account.failed_attempts += 1
        if account.failed_attempts >= policy.max_attempts:
            account.failed_attempts, account.locked_until = 0, now + policy.lockout
            audit.record(session, clock, "web", "staff.locked", subject, {"minutes": policy.lockout.seconds // 60})
            return SignIn("locked", account.person_id, locked_until=account.locked_until)
        audit.record(session, clock, "web", "staff.sign_in_failed", subject, {"reason": "password"})
        return SignIn("bad_credentials", account.person_id)
    if _HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = _HASHER.hash(password)
    account.failed_attempts, account.locked_until, account.last_sign_in_at = 0, None, now
    session.execute(delete(StaffSession).where(StaffSession.person_id == account.person_id,
                                               StaffSession.expires_at <= now))  # the person's ended ones
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=token_hash(token), person_id=account.person_id,
                             csrf_token=secrets.token_urlsafe(32), created_at=now,
                             expires_at=now + policy.session_lifetime))
    audit.record(session, clock, subject, "staff.signed_in", subject)
    return SignIn("ok", account.person_id, token)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class OpenSession:
    person: Person
    csrf_token: str
    expires_at: datetime


def session_for(session: Session, clock: Clock, token: str) -> OpenSession | None:
    """The signed-in staff member behind a session token, or None (unknown, ended, expired, or the
    person is no longer staff)."""
    row = session.scalar(select(StaffSession).where(StaffSession.token_hash == token_hash(token)))
    if row is None:
        return None
    person = session.get(Person, row.person_id)
    if row.expires_at <= clock.now() or not is_staff(session, person):
        session.delete(row)
        return None
    assert person is not None
    return OpenSession(person, row.csrf_token, row.expires_at)


def sign_out(session: Session, clock: Clock, token: str) -> None:
    row = session.scalar(select(StaffSession).where(StaffSession.token_hash == token_hash(token)))
    if row is not None:
        session.delete(row)
        audit.record(session, clock, f"person:{row.person_id}", "staff.signed_out", f"person:{row.person_id}")
