"""What `bin/bot run` starts: the engine(s), the action server(s), the gateway(s) and the worker(s).

One of each by default. With ENGINE_REPLICAS / ACTIONS_REPLICAS / GATEWAY_REPLICAS / WORKER_REPLICAS above one,
each replica gets its own port counted up from the configured one and its own name ("engine-2"); every engine
shares the tracker store and the lock store (bot/engine/process.py's environment), and every worker keeps each
sender on one engine (bot/engine/replicas.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.app.supervisor import Program
from bot.common.settings import ROOT, Settings
from bot.engine.process import engine_command, engine_environment


def _name(kind: str, index: int, count: int) -> str:
    return kind if count == 1 else f"{kind}-{index + 1}"


def stack_programs(settings: Settings, model: Path, env: Mapping[str, str]) -> list[Program]:
    """The child processes, each with the environment it needs; `env` is common to all (the auth token)."""
    bot = str(ROOT / "bin" / "bot")
    common = {**env, **engine_environment(settings)}
    programs = []
    for i in range(settings.engine_replicas):
        replica = settings.model_copy(update={"engine_port": settings.engine_port + i})
        programs.append(Program(_name("engine", i, settings.engine_replicas), engine_command(replica, model),
                                {**common, **engine_environment(settings, i)}, str(ROOT)))
    for i in range(settings.actions_replicas):
        programs.append(Program(_name("actions", i, settings.actions_replicas), [bot, "actions"],
                                {**common, "ACTIONS_PORT": str(settings.actions_port + i)}, str(ROOT)))
    for i in range(settings.gateway_replicas):
        programs.append(Program(_name("gateway", i, settings.gateway_replicas), [bot, "gateway"],
                                {**common, "GATEWAY_PORT": str(settings.gateway_port + i)}, str(ROOT)))
    for i in range(settings.worker_replicas):
        programs.append(Program(_name("worker", i, settings.worker_replicas), [bot, "worker"], common, str(ROOT)))
    return programs
