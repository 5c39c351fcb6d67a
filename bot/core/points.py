"""The points (积分) ledger: append-only entries and a guarded running balance.

`credit` pays once per (person, reason, ref), enforced by a unique constraint; `redeem` takes
points off with a conditional UPDATE (`balance >= amount`) so two concurrent redemptions can
never overdraw an account. Amounts per reason come from the settings via `PointRules`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.store.council_models import PointsAccount, PointsEntry

# A question about what points are for (积分咋个用, 能换啥, 怎么挣), not about the balance.
_USE = re.compile(r"咋个用|怎么用|怎样用|如何用|咋用|有啥用|有什么用|啥子用|拿来|做啥|干啥|能换|可以换|换啥|换什么|"
                  r"换东西|兑换|咋个换|怎么换|在哪换|哪点换|挣|赚|怎么加|咋个加|怎么得|咋个得|过期")


def asks_what_points_are_for(text: str) -> bool:
    """积分咋个用 / 积分能换啥 / 怎么挣积分: answered from the knowledge base, not with the balance."""
    return _USE.search(text or "") is not None


# Giving points to someone else (积分能不能转给我妈, 把积分送给儿子, blind test 30, V25): they cannot be.
_TRANSFER = re.compile(r"转给|转到|转让|转移|转过去|送给|让给|过户|给别人|给家里|给我(?:妈|爸|老|儿|女|屋)|"
                       r"合在一起|合起来|一起用")
TRANSFER = "积分记在本人名下，不能转给别人，家人也不行。各人的积分各自到社区便民服务站换米、油等日用品。"


def asks_transfer(text: str) -> bool:
    """积分能不能转给我妈: whether points can be given to someone else."""
    return "积分" in (text or "") and _TRANSFER.search(text or "") is not None


# …with the balance asked too (我的积分好多了 能换啥子: blind test 6, #70 got the use without the balance).
_BALANCE = re.compile(r"我的积分|我有|好多|多少|几分|余额|还剩|剩好多")


def asks_balance_too(text: str) -> bool:
    return _BALANCE.search(text or "") is not None


def balance_and_use(total: int, answer: str, ask: str, budget: int = 70) -> str:
    """"您的积分：14分。积分可到…换米、油…" and who to ask when it fits in one SMS part."""
    text = f"您的积分：{total}分。{answer}"
    return text + ask if len(text + ask) <= budget else text


REASON_NAMES = {
    "report": "反映问题",
    "ballot": "参与议事",
    "rider_report": "骑手随手拍",
    "rating": "评价办理",
    "redeem": "兑换",
    "ballot_back": "撤回投票",
    "report_back": "撤销反映",
    "rider_report_back": "撤销随手拍",
}
BACK = "_back"  # the reason of an entry taking back a credit: ballot -> ballot_back


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


def _taken_back(session: Session, person_id: int, reason: str, ref: str) -> int:
    return len(session.scalars(select(PointsEntry.id).where(
        PointsEntry.person_id == person_id, PointsEntry.reason == reason + BACK,
        PointsEntry.ref.like(f"{ref}:%"))).all())


def paid_ref(session: Session, person_id: int, reason: str, ref: str) -> str:
    """The ref a credit for (reason, ref) is paid under now: `ref` itself, then `ref:1`, `ref:2`… after each
    take-back, so a ballot withdrawn and cast again is paid again, once."""
    times = _taken_back(session, person_id, reason, ref)
    return ref if times == 0 else f"{ref}:{times}"


def take_back(session: Session, clock: Clock, person_id: int, reason: str, ref: str) -> int:
    """Undo the standing credit for (reason, ref) with an entry of the opposite amount (the ledger stays
    append-only); returns the points taken back, 0 when nothing stood."""
    times = _taken_back(session, person_id, reason, ref)
    paid = session.scalar(select(PointsEntry).where(PointsEntry.person_id == person_id, PointsEntry.reason == reason,
                                                    PointsEntry.ref == paid_ref(session, person_id, reason, ref)))
    if paid is None or paid.amount <= 0:
        return 0
    # Never below zero: points already redeemed are not asked back, only what is still on the account.
    amount = min(paid.amount, balance(session, person_id))
    try:
        with session.begin_nested():
            session.add(PointsEntry(person_id=person_id, amount=-amount, reason=reason + BACK,
                                    ref=f"{ref}:{times + 1}", at=clock.now()))
    except IntegrityError:
        return 0  # taken back concurrently
    if amount > 0:
        session.execute(update(PointsAccount).where(PointsAccount.person_id == person_id,
                                                    PointsAccount.balance >= amount)
                        .values(balance=PointsAccount.balance - amount).execution_options(synchronize_session=False))
    return amount


def take_back_report(session: Session, clock: Clock, person_id: int, number: str) -> int:
    """A withdrawn report earns nothing (blind test 6, #72: withdrawn non-reports paid 反映问题+5 each, so points
    could be farmed): its 反映问题 (or 骑手随手拍) credit is reversed by a 撤销反映 entry."""
    return sum(take_back(session, clock, person_id, reason, number) for reason in ("report", "rider_report"))


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
