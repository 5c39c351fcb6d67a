"""The points ledger: pays once per thing, never goes below zero, even under concurrent redemptions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import cancelling, points
from bot.core.points import PointRules, PointsError
from bot.store.council_models import PointsEntry
from bot.store.db import Database
from tests.conftest import RESIDENT, VILLAGER, WORKER
from tests.core.helpers import make_report, submit


def _pid(db: Database, phone: str) -> int:
    from bot.core.registry import person_by_address

    with db.session() as s:
        person = person_by_address(s, phone)
        assert person is not None
        return person.id


def test_a_credit_pays_the_amount_for_its_reason_once_per_thing(demo_db: Database, clock: FakeClock) -> None:
    pid = _pid(demo_db, VILLAGER)
    rules = PointRules({"report": 5, "ballot": 2, "rider_report": 10, "rating": 1})
    with demo_db.session() as s:
        assert points.credit(s, clock, pid, "ballot", "topic:1", rules) is True
        assert points.credit(s, clock, pid, "ballot", "topic:1", rules) is False
        assert points.credit(s, clock, pid, "ballot", "topic:2", rules) is True
        assert points.credit(s, clock, pid, "report", "T1001", rules) is True
    with demo_db.session() as s:
        assert points.balance(s, pid) == 2 + 2 + 5
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.person_id == pid)) == 3


def test_a_repeated_credit_in_a_later_transaction_is_refused_by_the_database(demo_db: Database,
                                                                            clock: FakeClock) -> None:
    pid = _pid(demo_db, RESIDENT)
    with demo_db.session() as s:
        assert points.credit(s, clock, pid, "report", "T1001")
    with demo_db.session() as s:
        assert not points.credit(s, clock, pid, "report", "T1001")
        assert points.balance(s, pid) == points.DEFAULT_RULES.amounts["report"]


def test_amounts_come_from_the_settings(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, points_ballot=7, _env_file=None)  # type: ignore[call-arg]
    assert PointRules.from_settings(settings).amounts["ballot"] == 7
    assert PointRules.from_settings(Settings(_env_file=None)) == points.DEFAULT_RULES  # type: ignore[call-arg]


def test_recent_lists_the_newest_entries_first_and_the_summary_fits_one_sms(demo_db: Database,
                                                                            clock: FakeClock) -> None:
    pid = _pid(demo_db, VILLAGER)
    with demo_db.session() as s:
        for n in range(5):
            points.credit(s, clock, pid, "ballot", f"topic:{n}")
            clock.advance(days=1)
        points.redeem(s, clock, pid, 3, "洗衣粉一袋", None)
    with demo_db.session() as s:
        entries = points.recent(s, pid, 3)
        assert [e.amount for e in entries] == [-3, 2, 2]
        assert entries[0].label == "兑换"
        text = points.summary_text(s, pid)
    assert text.startswith("您的积分：7分")
    assert len(text) <= 70


def test_a_redemption_cannot_take_the_balance_below_zero(demo_db: Database, clock: FakeClock) -> None:
    pid, staff = _pid(demo_db, VILLAGER), _pid(demo_db, WORKER)
    with demo_db.session() as s:
        points.credit(s, clock, pid, "report", "T1")
    with demo_db.session() as s:
        with pytest.raises(PointsError):
            points.redeem(s, clock, pid, 6, "肥皂", staff)
        with pytest.raises(PointsError):
            points.redeem(s, clock, pid, 0, "nothing", staff)
        assert points.redeem(s, clock, pid, 5, "肥皂", staff) == 0
    with demo_db.session() as s:
        assert points.balance(s, pid) == 0
        with pytest.raises(PointsError):
            points.redeem(s, clock, pid, 1, "毛巾", staff)
        last = points.recent(s, pid, 1)[0]
        assert (last.amount, last.note) == (-5, "肥皂")


def test_a_person_without_entries_has_zero_and_cannot_redeem(demo_db: Database, clock: FakeClock) -> None:
    pid = _pid(demo_db, RESIDENT)
    with demo_db.session() as s:
        assert points.balance(s, pid) == 0
        with pytest.raises(PointsError):
            points.redeem(s, clock, pid, 1, "毛巾", None)


def test_two_concurrent_redemptions_never_overdraw(demo_db: Database) -> None:
    clock = FakeClock()
    pid = _pid(demo_db, VILLAGER)
    with demo_db.session() as s:
        points.credit(s, clock, pid, "rider_report", "R1")  # 10 points
    for _round in range(5):
        with demo_db.session() as s:
            start = points.balance(s, pid)
        if start < 2:
            with demo_db.session() as s:
                points.credit(s, clock, pid, "rider_report", f"R-top-{_round}")
                start = points.balance(s, pid)
        amount = start // 2 + 1  # one redemption fits, two do not
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def attempt(barrier: threading.Barrier = barrier, amount: int = amount,
                    outcomes: list[str] = outcomes) -> None:
            barrier.wait()
            try:
                with demo_db.session() as s:
                    points.redeem(s, clock, pid, amount, "米一袋", None)
                outcomes.append("ok")
            except PointsError:
                outcomes.append("refused")

        threads = [threading.Thread(target=attempt) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["ok", "refused"]
        with demo_db.session() as s:
            assert points.balance(s, pid) == start - amount >= 0
            ledger = s.scalar(select(func.sum(PointsEntry.amount)).where(PointsEntry.person_id == pid))
            assert ledger == points.balance(s, pid)


def test_a_withdrawn_report_gives_its_points_back_with_an_entry_of_its_own(demo_db: Database,
                                                                          clock: FakeClock) -> None:
    pid = _pid(demo_db, RESIDENT)
    kept, withdrawn = submit(demo_db, clock), submit(demo_db, clock, make_report("小区门口的垃圾桶满了没人收"))
    with demo_db.session() as s:
        assert points.balance(s, pid) == 10
        cancelling.cancel(s, clock, RESIDENT, withdrawn)
    with demo_db.session() as s:
        assert points.balance(s, pid) == 5  # the kept report's points stay
        assert [(e.label, e.amount) for e in points.recent(s, pid, 3)] == [("撤销反映", -5), ("反映问题", 5),
                                                                          ("反映问题", 5)]
        assert "撤销反映-5" in points.summary_text(s, pid)
        assert points.take_back_report(s, clock, pid, withdrawn) == 0  # reversed once only
        assert points.balance(s, pid) == 5
    assert kept != withdrawn


def test_a_take_back_never_leaves_the_balance_below_zero(demo_db: Database, clock: FakeClock) -> None:
    pid = _pid(demo_db, VILLAGER)
    with demo_db.session() as s:
        points.credit(s, clock, pid, "report", "T1")
        points.redeem(s, clock, pid, 3, "肥皂", None)
        assert points.take_back_report(s, clock, pid, "T1") == 2
        assert points.balance(s, pid) == 0


def test_asking_what_points_buy_with_the_balance_gets_both_in_one_sms() -> None:
    text = "我的积分好多了 能换啥子"  # blind test 6, #70: only the use was given
    assert points.asks_what_points_are_for(text) and points.asks_balance_too(text)
    assert not points.asks_balance_too("积分咋个用")
    answer = "积分可到社区便民服务站换米、油等日用品；反映问题、议事投票、评价办理都能加分。"
    both = points.balance_and_use(14, answer, "有疑问找网格员徐涛13700000013。")
    assert both.startswith("您的积分：14分。积分可到") and both.endswith("13700000013。") and len(both) <= 70
    assert points.balance_and_use(1400, answer, "有疑问找网格员欧阳明月13700000013。") == f"您的积分：1400分。{answer}"
