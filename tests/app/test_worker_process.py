import os
import time

from bot.app.worker_process import HEARTBEAT_STALE_SECONDS, heartbeat_path, worker_alive
from bot.common.settings import Settings


def test_the_worker_counts_as_alive_only_while_its_heartbeat_is_fresh(tmp_path):
    settings = Settings(var_dir=tmp_path, _env_file=None)
    assert not worker_alive(settings)  # no worker has ever run
    heartbeat_path(settings).touch()
    assert worker_alive(settings)
    stale = time.time() - HEARTBEAT_STALE_SECONDS - 1
    os.utime(heartbeat_path(settings), (stale, stale))
    assert not worker_alive(settings)
