"""Short garbage-collection pauses for the long-running processes.

CPython's full (oldest-generation) collection walks every tracked object. After start-up the
gateway holds about 135,000 of them (FastAPI, pydantic, SQLAlchemy, twilio, phonenumbers' tables),
and a full pass over them takes tens of milliseconds (docs/benchmarks.md), during which the
process answers nothing. Start-up objects live as long as the process, so they are
collected once and then frozen: moved to a permanent generation that later collections skip.
Objects made afterwards are collected as usual. (The acknowledgement p95 in docs/benchmarks.md did
not measurably change with it: its tail has other causes.)
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect what start-up left behind, then exempt everything still alive from later full passes."""
    gc.collect()
    gc.freeze()
