"""The real parts, really started: engine, action server and gateway as processes on loopback."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bot.common.settings import ROOT, Settings
from bot.engine.process import engine_command, engine_environment

# Below the kernel's ephemeral range (32768 and up here): a port the kernel hands out may be taken as the local
# port of an outgoing connection between this probe and the server binding it (a CI run lost an engine so).
LISTEN_PORTS = (20000, 32000)


def _probe(port: int) -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
        return int(sock.getsockname()[1])


_HANDED_OUT: set[int] = set()  # never the same port twice in one run, even once its first user has gone


def free_port() -> int:
    for _ in range(200):
        port = random.randrange(*LISTEN_PORTS)
        if port in _HANDED_OUT:
            continue
        try:
            _HANDED_OUT.add(_probe(port))
            return port
        except OSError:
            continue
    return _probe(0)


def free_run(count: int) -> int:
    """A port P with P … P+count-1 all free on loopback."""
    for _ in range(200):
        base = random.randrange(LISTEN_PORTS[0], LISTEN_PORTS[1] - count)
        try:
            held = []
            for port in range(base, base + count):
                s = socket.socket()
                held.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise RuntimeError("no run of free ports")


@dataclass
class Process:
    name: str
    command: list[str]
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.popen = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, like a crash."""
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=30)

    def terminate(self) -> None:
        """Ask the process group to stop (SIGTERM) without waiting."""
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)

    def stop(self) -> None:
        self.terminate()
        self.wait_or_kill()

    def wait_or_kill(self, timeout: float = 20.0) -> None:
        if self.popen and self.popen.poll() is None:
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class Stack:
    settings: Settings
    model: Path
    workdir: Path
    processes: dict[str, Process] = field(default_factory=dict)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.gateway_port}"

    def env(self) -> dict[str, str]:
        s = self.settings
        return {
            **os.environ,
            **engine_environment(s),
            "VAR_DIR": str(s.var_dir),
            "DATABASE_URL": s.database_url,
            "GATEWAY_HOST": "127.0.0.1",
            "GATEWAY_PORT": str(s.gateway_port),
            "ENGINE_URL": s.engine_url,
            "ACTIONS_URL": s.actions_url,
            "ACTIONS_PORT": str(s.actions_port),
            "SIMULATOR_WAIT_SECONDS": str(s.simulator_wait_seconds),
            "INBOX_BACKOFF_SECONDS": str(s.inbox_backoff_seconds),
            "ENGINE_AUTH_TOKEN": s.engine_auth_token.get_secret_value(),
            "ACTIONS_AUTH_TOKEN": s.actions_auth_token.get_secret_value(),
            "PHONE_ENCRYPTION_KEY": s.phone_encryption_key.get_secret_value(),
            "PYTHONUNBUFFERED": "1",
        }

    def start(self, timeout: float = 180.0) -> None:
        self.launch()
        self.wait_until_healthy(timeout)

    def launch(self) -> None:
        """Start the processes without waiting for them: two stacks' engines can load side by side."""
        env = self.env()
        self.processes = {
            "engine": Process("engine", engine_command(self.settings, self.model), env, self.workdir / "engine.log"),
            "actions": Process("actions", [str(ROOT / "bin" / "bot"), "actions"], env, self.workdir / "actions.log"),
            "gateway": Process("gateway", [str(ROOT / "bin" / "bot"), "gateway"], env, self.workdir / "gateway.log"),
            "worker": Process("worker", [str(ROOT / "bin" / "bot"), "worker"], env, self.workdir / "worker.log"),
        }
        for process in self.processes.values():
            process.start()

    def wait_until_healthy(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for process in self.processes.values():
                if process.popen and process.popen.poll() is not None:
                    raise RuntimeError(f"{process.name} exited ({process.popen.returncode}):\n{process.tail()}")
            try:
                response = httpx.get(f"{self.gateway_url}/healthz", timeout=2)
                last = response.text
                if response.status_code == 200:
                    return
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.2)
        logs = "\n".join(f"--- {p.name}\n{p.tail()}" for p in self.processes.values())
        raise RuntimeError(f"the stack did not become healthy in {timeout}s (last: {last})\n{logs}")

    def restart(self, name: str) -> None:
        self.processes[name].stop()
        self.processes[name].start()

    @contextmanager
    def gateway_with(self, extra_env: dict[str, str], timeout: float = 180.0) -> Iterator[Process]:
        """Run another gateway (and worker, where the stack has one) in place of this stack's, on the
        same database, engine and action server, with more environment (a channel's settings); the
        usual ones are back afterwards."""
        names = [name for name in ("gateway", "worker") if name in self.processes]
        usual = {name: self.processes[name] for name in names}
        for process in usual.values():
            process.stop()
        for name, process in usual.items():
            self.processes[name] = Process(name, process.command, {**process.env, **extra_env},
                                           self.workdir / f"{name}-other.log")
        try:
            for name in names:
                self.processes[name].start()
            self.wait_until_healthy(timeout)
            yield self.processes["gateway"]
        finally:
            for name in names:
                self.processes[name].stop()
            self.processes.update(usual)
            for process in usual.values():
                process.start()
            self.wait_until_healthy(timeout)

    def stop(self) -> None:
        processes = list(reversed(self.processes.values()))
        for process in processes:  # all at once: each may take seconds to shut down
            process.terminate()
        for process in processes:
            process.wait_or_kill()

    def say(self, sender: str, text: str, **extra: object) -> httpx.Response:
        return httpx.post(f"{self.gateway_url}/channels/simulator", json={"from": sender, "text": text, **extra},
                          timeout=30)

    def outbox(self, to: str) -> list[dict]:
        return httpx.get(f"{self.gateway_url}/channels/simulator/outbox", params={"to": to}, timeout=10).json()
