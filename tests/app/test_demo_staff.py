"""Development passwords for the demo's staff: set in development with the demo only, never over a
password set by hand."""

from bot.app.demo_staff import DEMO_PASSWORD, DEMO_STAFF, set_demo_passwords
from bot.core.staff_accounts import SignInPolicy, set_password, sign_in
from tests.conftest import WORKER


def test_the_demo_staff_get_the_development_password_and_one_changed_by_hand_stays(settings, demo_db, clock):
    with demo_db.session() as s:
        set_password(s, clock, WORKER, "changed by hand", actor="cli:test")
    ready = set_demo_passwords(settings, demo_db, clock)
    assert [phone for phone, _ in ready] == [phone for phone, _ in DEMO_STAFF]
    with demo_db.session() as s:
        assert sign_in(s, clock, SignInPolicy(), DEMO_STAFF[-1][0], DEMO_PASSWORD).outcome == "ok"
        assert sign_in(s, clock, SignInPolicy(), WORKER, DEMO_PASSWORD).outcome == "bad_credentials"


def test_production_or_no_demo_data_gets_no_development_password(settings, demo_db, clock):
    for changes in ({"gridbot_env": "production"}, {"demo_data": False}):
        assert set_demo_passwords(settings.model_copy(update=changes), demo_db, clock) == []
