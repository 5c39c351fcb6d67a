"""The points (积分) ledger: append-only entries and a guarded running balance.

`credit` pays once per (person, reason, ref), enforced by a unique constraint; `redeem` takes
points off with a conditional UPDATE (`balance >= amount`) so two concurrent redemptions can
never overdraw an account. Amounts per reason come from the settings via `PointRules`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.store.council_models import PointsAccount, PointsEntry

REASON_NAMES = {
    "report": "反映问题",
    "ballot": "参与议事",
    "rider_report": "骑手随手拍",
    "rating": "评价办理",
    "redeem": "兑换",
}


@dataclass(frozen=True)
class PointRules:
    """Points earned per reason (settings POINTS_REPORT, POINTS_BALLOT, POINTS_RIDER_REPORT, POINTS_RATING)."""

    amounts: dict[str, int] = field(default_factory=lambda: {
        "report": 5, "ballot": 2, "rider_report": 10, "rating": 1})

    @classmethod
    def from_settings(cls, settings: object) -> PointRules:
        return cls({
            "report": settings.points_report,  # type: ignore[attr-defined]
            "ballot": settings.points_ballot,  # type: ignore[attr-defined]
            "rider_report": settings.points_rider_report,  # type: ignore[attr-defined]
            "rating": settings.points_rating,  # type: ignore[attr-defined]
        })


DEFAULT_RULES = PointRules()


class PointsError(ValueError):
    """A redemption that cannot be made (non-positive amount, not enough points)."""


@dataclass(frozen=True)
class Entry:
    amount: int
    reason: str
    note: str
    at: datetime

    @property
    def label(self) -> str:
        return REASON_NAMES.get(self.reason, self.reason)


def _ensure_account(session: Session, person_id: int) -> None:
    if session.get(PointsAccount, person_id) is not None:
        return
    try:
        with session.begin_nested():
            session.add(PointsAccount(person_id=person_id, balance=0))
    except IntegrityError:
        pass  # a concurrent transaction created it first


def credit(session: Session, clock: Clock, person_id: int, reason: str, ref: str,
           rules: PointRules = DEFAULT_RULES) -> bool:
    """Pay the points for `reason` once per (person, reason, ref). True when paid now,
    False when it had already been paid (or the reason earns nothing)."""
    amount = rules.amounts.get(reason, 0)
    if amount <= 0:
        return False
    _ensure_account(session, person_id)
    try:
        with session.begin_nested():
            session.add(PointsEntry(person_id=person_id, amount=amount, reason=reason, ref=str(ref),
                                    at=clock.now()))
    except IntegrityError:
        return False
    session.execute(update(PointsAccount).where(PointsAccount.person_id == person_id)
                    .values(balance=PointsAccount.balance + amount).execution_options(synchronize_session=False))
    return True


def balance(session: Session, person_id: int) -> int:
    account = session.scalar(select(PointsAccount.balance).where(PointsAccount.person_id == person_id))
    return int(account or 0)


def recent(session: Session, person_id: int, n: int = 3) -> list[Entry]:
    rows = session.scalars(select(PointsEntry).where(PointsEntry.person_id == person_id)
                           .order_by(PointsEntry.id.desc()).limit(n))
    return [Entry(r.amount, r.reason, r.note, r.at) for r in rows]


def redeem(session: Session, clock: Clock, person_id: int, amount: int, note: str, staff_id: int | None) -> int:
    """Take `amount` points off for a redemption recorded by staff; returns the new balance.

    Raises PointsError when the balance would go below zero; the check and the change are one
    conditional UPDATE, so concurrent redemptions cannot overdraw.
    """
    if amount <= 0:
        raise PointsError("amount must be positive")
    result = session.execute(
        update(PointsAccount)
        .where(PointsAccount.person_id == person_id, PointsAccount.balance >= amount)
        .values(balance=PointsAccount.balance - amount)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise PointsError(f"not enough points: balance {balance(session, person_id)}, asked {amount}")
    session.add(PointsEntry(person_id=person_id, amount=-amount, reason="redeem", ref=uuid.uuid4().hex,
                            note=note, staff_id=staff_id, at=clock.now()))
    session.flush()
    return balance(session, person_id)


def summary_text(session: Session, person_id: int, n: int = 3) -> str:
    """Balance and the last few entries, within one SMS."""
    total = balance(session, person_id)
    lines = [f"您的积分：{total}分"]
    for e in recent(session, person_id, n):
        sign = "+" if e.amount > 0 else ""
        lines.append(f"{e.at:%m-%d} {e.label}{sign}{e.amount}")
    return "\n".join(lines)
