import os
import time

from bot.app.services import Services
from bot.app.worker_process import HEARTBEAT_STALE_SECONDS, heartbeat_path, worker_alive
from bot.common.settings import Settings


class Var:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


def services_in(tmp_path) -> Services:  # worker_alive only reads the settings
    return Var(Settings(var_dir=tmp_path, _env_file=None))  # type: ignore[return-value]


def test_the_worker_counts_as_alive_only_while_its_heartbeat_is_fresh(tmp_path):
    services = services_in(tmp_path)
    assert not worker_alive(services)  # no worker has ever run
    heartbeat_path(services).touch()
    assert worker_alive(services)
    stale = time.time() - HEARTBEAT_STALE_SECONDS - 1
    os.utime(heartbeat_path(services), (stale, stale))
    assert not worker_alive(services)
