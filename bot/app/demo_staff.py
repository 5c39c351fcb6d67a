"""Development only: workbench passwords for the demo's staff, so `make run` can be signed in to at
once. Set only where no password is set yet (one changed by hand stays), never in production."""

from __future__ import annotations

from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core import staff_accounts
from bot.store.db import Database

DEMO_PASSWORD = "gridbot-demo"
DEMO_STAFF = [
    ("+8613700000001", "网格员（幸福社区第1网格）"),
    ("+8613700000101", "备岗网格员（幸福社区第1网格）"),
    ("+8613700000201", "楼栋长（阳光小区1栋）"),
    ("+8613700000010", "网格员（河滨社区第2网格）"),
    ("+8613800001001", "社区书记（幸福社区）"),
    ("+8613800000401", "村书记（石桥村）"),
    ("+8613800000001", "街道值班员（青山街道，全部）"),
]


def set_demo_passwords(settings: Settings, db: Database, clock: Clock) -> list[tuple[str, str]]:
    """The demo staff given DEMO_PASSWORD now or before, as (number, role); nothing outside development
    with the demo data."""
    if settings.gridbot_env != "development" or not settings.demo_data:
        return []
    ready = []
    with db.session() as s:
        for phone, role in DEMO_STAFF:
            person = staff_accounts.registry.person_by_address(s, phone)
            if person is None:
                continue
            if not staff_accounts.has_password(s, person.id):
                staff_accounts.set_password(s, clock, phone, DEMO_PASSWORD, actor="demo")
            ready.append((phone, role))
    return ready
