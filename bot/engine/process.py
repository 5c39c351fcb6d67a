"""Using the engine from a command: the configured one if it answers, else one started for the duration."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
from pydantic import SecretStr

from bot.common.settings import ROOT, Settings
from bot.engine.model_cache import ensure_model


def engine_environment(settings: Settings, replica: int = 0) -> dict[str, str]:
    """The variables endpoints.yml reads (Rasa substitutes ${...} from the environment), for engine `replica`."""
    return {
        "GRIDBOT_ACTION_ENDPOINT": settings.actions_url_for_engine(replica).rstrip("/") + "/webhook",
        "GRIDBOT_TRACKER_STORE_URL": settings.resolved_tracker_store_url,
        **lock_store_environment(settings.lock_store_url),
        # Sent to the action server as `Authorization: Bearer …`; empty only where it wants none (development).
        "GRIDBOT_ACTIONS_TOKEN": settings.actions_auth_token.get_secret_value(),
        **event_broker_environment(settings),
    }


# Appended to endpoints.yml when EVENT_BROKER_URL is set (`endpoints_file`): Rasa's pika broker publishes every
# tracker event to a fanout exchange bound to the queue. The credentials stay out of `url`, which Rasa logs.
EVENT_BROKER_SECTION = """
# Added by bot/engine/process.py because EVENT_BROKER_URL is set: every conversation event also goes to RabbitMQ.
event_broker:
  type: pika
  url: ${GRIDBOT_EVENT_BROKER_HOST}
  port: ${GRIDBOT_EVENT_BROKER_PORT}
  username: ${GRIDBOT_EVENT_BROKER_USER}
  password: ${GRIDBOT_EVENT_BROKER_PASSWORD}
  queues:
    - ${GRIDBOT_EVENT_BROKER_QUEUE}
"""


def event_broker_environment(settings: Settings) -> dict[str, str]:
    """The variables EVENT_BROKER_SECTION reads, from EVENT_BROKER_URL (none when it is empty)."""
    url = settings.event_broker_url.get_secret_value()
    if not url:
        return {}
    parts = urlsplit(url)
    port = parts.port or (5671 if parts.scheme == "amqps" else 5672)
    return {"GRIDBOT_EVENT_BROKER_HOST": f"{parts.scheme}://{parts.hostname}:{port}{parts.path}",
            "GRIDBOT_EVENT_BROKER_PORT": str(port), "GRIDBOT_EVENT_BROKER_USER": unquote(parts.username or "guest"),
            "GRIDBOT_EVENT_BROKER_PASSWORD": unquote(parts.password or "guest"),
            "GRIDBOT_EVENT_BROKER_QUEUE": settings.event_broker_queue}


def endpoints_file(settings: Settings) -> Path:
    """endpoints.yml, or with EVENT_BROKER_URL a copy of it under VAR_DIR with the event broker added."""
    endpoints = ROOT / "endpoints.yml"
    if not settings.event_broker_url.get_secret_value():
        return endpoints
    target = settings.var_dir / "endpoints-event-broker.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(endpoints.read_text(encoding="utf-8") + EVENT_BROKER_SECTION, encoding="utf-8")
    return target


def lock_store_environment(url: str) -> dict[str, str]:
    """endpoints.yml's lock store: in memory, or engine_ext's atomic Redis store at `url` (redis://host:port/db)."""
    if not url:
        return {"GRIDBOT_LOCK_STORE": "in_memory", "GRIDBOT_LOCK_STORE_HOST": "", "GRIDBOT_LOCK_STORE_PORT": "0",
                "GRIDBOT_LOCK_STORE_DB": "0"}
    parts = urlsplit(url)
    if parts.scheme != "redis" or not parts.hostname:
        raise ValueError("LOCK_STORE_URL must look like redis://host:6379/1")
    return {"GRIDBOT_LOCK_STORE": "engine_ext.lock_store.AtomicRedisLockStore",
            "GRIDBOT_LOCK_STORE_HOST": parts.hostname, "GRIDBOT_LOCK_STORE_PORT": str(parts.port or 6379),
            "GRIDBOT_LOCK_STORE_DB": parts.path.strip("/") or "1"}


# The engine's logging: no message text in what Rasa logs when a turn is interrupted, no line longer
# than a few hundred characters (engine_ext/log_filter.py).
ENGINE_LOGGING = ROOT / "config" / "engine-logging.yml"


def engine_command(settings: Settings, model: Path) -> list[str]:
    """`rasa run` on ENGINE_HOST (loopback unless workers on other hosts use it: a private address then, never a
    public one) with the REST channel and the HTTP API (behind ENGINE_AUTH_TOKEN), logging through ENGINE_LOGGING."""
    command = [str(ROOT / "bin" / "rasa"), "run", "--enable-api", "--interface", settings.engine_host,
               "--port", str(settings.engine_port), "--model", str(model),
               "--endpoints", str(endpoints_file(settings)), "--credentials", "credentials.yml",
               f"--logging-config-file={ENGINE_LOGGING}"]
    token = settings.engine_auth_token.get_secret_value()
    return [*command, f"--auth-token={token}"] if token else command  # "=": a token may start with "-"


def engine_ready(url: str, token: str = "") -> bool:
    try:
        response = httpx.get(f"{url.rstrip('/')}/status", params={"token": token} if token else None, timeout=2)
        return response.status_code == 200 and bool(response.json().get("model_file"))
    except (httpx.HTTPError, ValueError):
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_engine(settings: Settings, *, echo: Callable[[str], object] = print,
                   timeout: float = 300.0) -> Iterator[tuple[str, str]]:
    """Yield (URL, auth token) of an engine with a model loaded: the configured one if it answers,
    else one started for the duration (with a token of its own when none is configured)."""
    token = settings.engine_auth_token.get_secret_value()
    if engine_ready(settings.engine_url, token):
        yield settings.engine_url, token
        return
    token = token or secrets.token_urlsafe(24)
    model = ensure_model(settings.gridbot_cache_dir, echo=echo)
    port = _free_port()
    command = engine_command(settings.model_copy(update={"engine_port": port,
                                                         "engine_auth_token": SecretStr(token)}), model)
    echo(f"no engine at {settings.engine_url}; starting one on 127.0.0.1:{port} for this command ...")
    log = (settings.var_dir / "engine-oneshot.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **engine_environment(settings)},
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not engine_ready(url, token):
            if process.poll() is not None:
                raise RuntimeError(f"the engine exited with {process.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the engine was not ready after {timeout:.0f}s; see {log}")
            time.sleep(0.5)
        yield url, token
    finally:
        stop_process_group(process, signal.SIGTERM, grace=20)


def stop_process_group(process: subprocess.Popen, first: signal.Signals, grace: float) -> None:
    """Send `first` to a process started with `start_new_session=True` and its children; SIGKILL
    them if they are not gone after `grace` seconds."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, first)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
