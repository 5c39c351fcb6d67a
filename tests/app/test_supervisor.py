"""`bin/bot run`'s supervisor, with small Python programs standing in for the four processes."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.app.supervisor import Policy, Program, Supervisor
from tests.waiting import eventually

FAST = Policy(first_pause=0.05, max_pause=0.2, steady_seconds=5, give_up_after=4, grace=2)


def program(name: str, code: str) -> Program:
    return Program(name, [sys.executable, "-c", code])


def lives(seconds: float, mark: Path) -> str:
    """A program that notes each start in `mark`, then runs `seconds` and exits with 3."""
    return (f"import time,pathlib; p=pathlib.Path({str(mark)!r}); p.write_text(p.read_text()+'x' "
            f"if p.exists() else 'x'); print('up', flush=True); time.sleep({seconds}); raise SystemExit(3)")


async def test_a_process_that_stops_is_started_again_while_the_others_keep_running(tmp_path):
    lines: list[str] = []
    supervisor = Supervisor([program("engine", lives(0.3, tmp_path / "engine")),
                             program("gateway", lives(60, tmp_path / "gateway"))],
                            policy=Policy(first_pause=0.05, max_pause=0.2, steady_seconds=0.2, give_up_after=4,
                                          grace=2), echo=lines.append)
    running = asyncio.create_task(supervisor.run())
    try:
        await eventually(lambda: supervisor.starts["engine"] >= 3)
        gateway = supervisor.pid_of("gateway")
        assert gateway is not None and supervisor.starts["gateway"] == 1
        assert any("engine stopped (rc=3); starting it again" in line for line in lines)
        assert any(line.startswith("gateway | up") for line in lines)
    finally:
        supervisor.stop()
        assert await running == 0
    assert supervisor.pid_of("gateway") is None  # stopped with the supervisor


async def test_stopping_the_supervisor_stops_every_process_and_their_children(tmp_path):
    child_pid = tmp_path / "grandchild"
    spawner = ("import subprocess,sys,time,pathlib; "
               "c=subprocess.Popen([sys.executable,'-c','import time; time.sleep(60)']); "
               f"pathlib.Path({str(child_pid)!r}).write_text(str(c.pid)); time.sleep(60)")
    supervisor = Supervisor([program("engine", spawner)], policy=FAST, echo=lambda _line: None)
    running = asyncio.create_task(supervisor.run())
    await eventually(lambda: child_pid.exists() and child_pid.read_text())
    grandchild = int(child_pid.read_text())
    supervisor.stop()
    assert await running == 0

    def gone() -> bool:
        try:
            os.kill(grandchild, 0)
        except ProcessLookupError:
            return True
        with open(f"/proc/{grandchild}/stat") as stat:  # a zombie has exited; its parent reaps it
            return stat.read().split(")")[1].split()[0] == "Z"
    await eventually(gone)


async def test_a_process_that_keeps_dying_at_once_stops_everything_with_the_reason(tmp_path):
    lines: list[str] = []
    supervisor = Supervisor([program("actions", "raise SystemExit(2)"),
                             program("gateway", lives(60, tmp_path / "gateway"))], policy=FAST, echo=lines.append)
    assert await asyncio.wait_for(supervisor.run(), timeout=30) == 1
    assert supervisor.starts["actions"] == FAST.give_up_after
    assert any("actions stopped (rc=2) 4 times in a row; stopping everything" in line for line in lines)
    assert supervisor.pid_of("gateway") is None


async def test_a_killed_process_is_started_again(tmp_path):
    supervisor = Supervisor([program("worker", lives(60, tmp_path / "worker"))], policy=FAST,
                            echo=lambda _line: None)
    running = asyncio.create_task(supervisor.run())
    try:
        first = await eventually(lambda: supervisor.pid_of("worker"))
        os.kill(first, signal.SIGKILL)  # kill -9, as the crash tests do
        second = await eventually(lambda: (pid := supervisor.pid_of("worker")) not in (None, first) and pid)
        assert second != first and supervisor.starts["worker"] == 2
    finally:
        supervisor.stop()
        await running


async def test_what_a_supervised_process_writes_is_readable_by_its_owner_only(tmp_path):
    written = tmp_path / "tracker.db"
    old = os.umask(0o022)  # a permissive shell's
    try:
        code = f"import pathlib,time; pathlib.Path({str(written)!r}).write_text('x'); time.sleep(60)"
        supervisor = Supervisor([program("engine", code)], policy=FAST, echo=lambda _line: None)
        running = asyncio.create_task(supervisor.run())
        await eventually(written.exists)
        supervisor.stop()
        assert await running == 0
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o600
