"""`bin/bot run`'s supervisor: the engine, the action server, the gateway and the worker as child
processes of one asyncio loop.

A child that exits is started again after a pause that doubles from `first_pause` up to `max_pause`
(and starts over once a child has run `steady_seconds`), so the others go on: the gateway keeps
storing what arrives while the engine or the worker is down. A child that dies `give_up_after`
times in a row without running steadily is a configuration problem, not a crash: everything is
stopped and the exit is non-zero with the reason. SIGINT or SIGTERM stops every child (SIGTERM to
its process group, SIGKILL after `grace` seconds).

Each child's output is passed through line by line, prefixed with its name. The children are
started directly, with no Python wrapper process each (honcho kept one per child).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Program:
    name: str
    command: Sequence[str]
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: str | None = None


@dataclass
class Policy:
    first_pause: float = 1.0
    max_pause: float = 30.0
    steady_seconds: float = 60.0
    give_up_after: int = 5
    grace: float = 15.0


class GaveUp(Exception):
    """A child kept dying right after it started."""


class Supervisor:
    def __init__(self, programs: Sequence[Program], *, policy: Policy | None = None,
                 echo: Callable[[str], None] | None = None) -> None:
        self.programs = list(programs)
        self.policy = policy or Policy()
        self.echo = echo or (lambda line: print(line, flush=True))
        self.starts: dict[str, int] = {p.name: 0 for p in self.programs}  # how often each was started
        self._children: dict[str, asyncio.subprocess.Process] = {}
        self._stopping = asyncio.Event()
        self._width = max((len(p.name) for p in self.programs), default=0)

    def pid_of(self, name: str) -> int | None:
        child = self._children.get(name)
        return child.pid if child is not None and child.returncode is None else None

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> int:
        """Run until stopped (0) or until a child keeps dying (1, with the reason printed)."""
        keepers = [asyncio.create_task(self._keep(program)) for program in self.programs]
        stopped = asyncio.create_task(self._stopping.wait())
        try:
            done, _ = await asyncio.wait([stopped, *keepers], return_when=asyncio.FIRST_COMPLETED)
            failure = next((task.exception() for task in done if task is not stopped and task.exception()), None)
            if failure is not None:
                self.echo(f"supervisor | {failure}; stopping everything")
            return 1 if failure is not None else 0
        finally:
            self._stopping.set()
            for task in keepers:
                task.cancel()
            await asyncio.gather(*keepers, return_exceptions=True)
            stopped.cancel()
            await self._stop_all()

    async def _keep(self, program: Program) -> None:
        """Start the program, and start it again whenever it exits, until the supervisor stops."""
        pause, quick_deaths = self.policy.first_pause, 0
        loop = asyncio.get_running_loop()
        while not self._stopping.is_set():
            started = loop.time()
            code = await self._run_once(program)
            if self._stopping.is_set():
                return
            if loop.time() - started >= self.policy.steady_seconds:
                pause, quick_deaths = self.policy.first_pause, 0
            quick_deaths += 1
            if quick_deaths >= self.policy.give_up_after:
                raise GaveUp(f"{program.name} stopped (rc={code}) {quick_deaths} times in a row")
            self.echo(f"{'supervisor':<{self._width}} | {program.name} stopped (rc={code}); "
                      f"starting it again in {pause:g} s")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(pause):
                    await self._stopping.wait()
            pause = min(pause * 2, self.policy.max_pause)

    async def _run_once(self, program: Program) -> int:
        child = await asyncio.create_subprocess_exec(
            *program.command, env=dict(program.env), cwd=program.cwd, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, start_new_session=True,
            umask=0o077)  # the engine's tracker database and logs are private too
        self._children[program.name] = child
        self.starts[program.name] += 1
        assert child.stdout is not None
        async for raw in child.stdout:
            self.echo(f"{program.name:<{self._width}} | {raw.decode('utf-8', 'replace').rstrip()}")
        return await child.wait()

    async def _stop_all(self) -> None:
        children = [c for c in self._children.values() if c.returncode is None]
        for child in children:
            _signal_group(child.pid, signal.SIGTERM)
        try:
            async with asyncio.timeout(self.policy.grace):
                await asyncio.gather(*(c.wait() for c in children))
        except TimeoutError:
            for child in children:
                _signal_group(child.pid, signal.SIGKILL)
            await asyncio.gather(*(c.wait() for c in children))


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def supervise(programs: Sequence[Program], policy: Policy | None = None) -> int:
    """Run the programs until Ctrl-C or SIGTERM; returns the exit code for the command line."""

    async def main() -> int:
        supervisor = Supervisor(programs, policy=policy)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, supervisor.stop)
        return await supervisor.run()

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:  # pragma: no cover - the handler above takes SIGINT
        return 0
    finally:
        sys.stdout.flush()
