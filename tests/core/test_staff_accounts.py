"""Workbench sign-in: argon2 passwords for staff only, lockout, sessions that end, all audited."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core import audit
from bot.core.staff_accounts import AccountError, SignInPolicy, session_for, set_password, sign_in, sign_out
from bot.store.privacy_models import AuditEntry
from bot.store.staff_models import StaffAccount, StaffSession
from tests.conftest import RESIDENT, WORKER

POLICY = SignInPolicy(max_attempts=3, lockout=timedelta(minutes=15), session_lifetime=timedelta(hours=12))
PASSWORD = "correct horse 8"


def given_password(db, clock, phone=WORKER, password=PASSWORD):
    with db.session() as s:
        set_password(s, clock, phone, password, actor="cli:test")


def attempt(db, clock, password, phone=WORKER):
    with db.session() as s:
        return sign_in(s, clock, POLICY, phone, password)


def test_a_staff_member_signs_in_with_the_password_set_for_them_and_the_session_names_them(demo_db, clock):
    given_password(demo_db, clock)
    result = attempt(demo_db, clock, PASSWORD)
    assert result.outcome == "ok" and result.token
    with demo_db.session() as s:
        opened = session_for(s, clock, result.token)
        assert opened is not None and opened.person.phone == WORKER and len(opened.csrf_token) >= 32
        # Only the token's hash is stored: the database alone signs nobody in.
        assert s.scalar(select(StaffSession.token_hash)) != result.token


def test_the_password_is_kept_as_an_argon2id_hash_only(demo_db, clock):
    given_password(demo_db, clock)
    with demo_db.session() as s:
        stored = s.scalar(select(StaffAccount.password_hash))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize(("phone", "password", "reason"), [(RESIDENT, PASSWORD, "not_staff"),
                                                          (WORKER, "short", "too_short")])
def test_only_staff_get_a_password_and_never_a_short_one(demo_db, clock, phone, password, reason):
    with pytest.raises(AccountError) as refused, demo_db.session() as s:
        set_password(s, clock, phone, password, actor="cli:test")
    assert refused.value.reason == reason


def test_a_wrong_password_or_an_unknown_number_gets_the_same_answer(demo_db, clock):
    given_password(demo_db, clock)
    assert attempt(demo_db, clock, "wrong password").outcome == "bad_credentials"
    assert attempt(demo_db, clock, PASSWORD, phone=RESIDENT).outcome == "bad_credentials"
    assert attempt(demo_db, clock, PASSWORD, phone="+8613999999999").outcome == "bad_credentials"


def test_repeated_failures_lock_the_account_even_against_the_right_password_until_the_lockout_ends(demo_db, clock):
    given_password(demo_db, clock)
    outcomes = [attempt(demo_db, clock, f"wrong {n}").outcome for n in range(POLICY.max_attempts)]
    assert outcomes == ["bad_credentials", "bad_credentials", "locked"]
    assert attempt(demo_db, clock, PASSWORD).outcome == "locked"
    clock.advance(minutes=16)
    assert attempt(demo_db, clock, PASSWORD).outcome == "ok"


def test_a_success_clears_the_count_of_failures(demo_db, clock):
    given_password(demo_db, clock)
    attempt(demo_db, clock, "wrong 1")
    attempt(demo_db, clock, "wrong 2")
    assert attempt(demo_db, clock, PASSWORD).outcome == "ok"
    assert [attempt(demo_db, clock, f"again {n}").outcome for n in range(2)] == ["bad_credentials"] * 2


def test_a_session_ends_when_it_expires_when_signed_out_and_when_the_password_changes(demo_db, clock):
    given_password(demo_db, clock)
    first, second, third = (attempt(demo_db, clock, PASSWORD).token for _ in range(3))
    with demo_db.session() as s:
        sign_out(s, clock, first)
    given_password(demo_db, clock, password="a brand new one")
    clock.advance(hours=1)
    with demo_db.session() as s:
        assert session_for(s, clock, first) is None
        assert session_for(s, clock, second) is None and session_for(s, clock, third) is None
    fresh = attempt(demo_db, clock, "a brand new one").token
    clock.advance(hours=12, seconds=1)
    with demo_db.session() as s:
        assert session_for(s, clock, fresh) is None


def test_sign_ins_failures_lockouts_and_sign_outs_are_in_the_audit_log_by_id_only(demo_db, clock):
    given_password(demo_db, clock)
    token = attempt(demo_db, clock, PASSWORD).token
    for n in range(POLICY.max_attempts):
        attempt(demo_db, clock, f"wrong {n}")
    with demo_db.session() as s:
        sign_out(s, clock, token)
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        assert audit.verify(s).ok
    actions = [e.action for e in entries]
    assert actions == ["staff.password_set", "staff.signed_in", "staff.sign_in_failed", "staff.sign_in_failed",
                       "staff.locked", "staff.signed_out"]
    assert all(WORKER not in f"{e.actor}{e.subject}{e.detail}" for e in entries)


def test_erasing_a_staff_member_signs_them_out_and_removes_the_password(demo_db, clock):
    from bot.core.personal_data import erase, find_subject

    given_password(demo_db, clock)
    token = attempt(demo_db, clock, PASSWORD).token
    with demo_db.session() as s:
        erase(s, clock, find_subject(s, WORKER), actor="cli:test", secret="k" * 32)
    with demo_db.session() as s:
        assert session_for(s, clock, token) is None
        assert s.scalar(select(StaffAccount.id)) is None and s.scalar(select(StaffSession.id)) is None
