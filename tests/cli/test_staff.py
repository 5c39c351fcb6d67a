"""`bin/bot staff set-password`: a staff member's workbench password, never a resident's."""

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.clock import Clock
from bot.core.staff_accounts import SignInPolicy, sign_in
from tests.conftest import RESIDENT, WORKER


@pytest.fixture
def cli(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    return CliRunner()


def test_a_password_read_from_stdin_lets_the_staff_member_sign_in(cli, demo_db):
    done = cli.invoke(app, ["staff", "set-password", "--phone", "137 0000 0001", "--password-stdin"],
                      input="a long passphrase\n")
    assert done.exit_code == 0, done.output
    with demo_db.session() as s:
        assert sign_in(s, Clock(), SignInPolicy(), WORKER, "a long passphrase").outcome == "ok"


def test_the_password_is_asked_twice_without_echo(cli, demo_db):
    done = cli.invoke(app, ["staff", "set-password", "--phone", WORKER], input="first try 1\nfirst try 1\n")
    assert done.exit_code == 0, done.output and "first try 1" not in done.output


@pytest.mark.parametrize(("phone", "password", "said"), [(RESIDENT, "a long passphrase", "not staff"),
                                                         (WORKER, "short", "too short")])
def test_a_resident_or_a_short_password_is_refused(cli, phone, password, said):
    done = cli.invoke(app, ["staff", "set-password", "--phone", phone, "--password-stdin"], input=password + "\n")
    assert done.exit_code == 1 and said in done.output
