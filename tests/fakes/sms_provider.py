"""What the fake template-SMS providers (Aliyun, Tencent) share: what was sent, failures queued for the
next sends, and the loopback server their SDK's endpoint points at. Each subclass is the provider's API."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Self

from starlette.applications import Starlette

from tests.fakes.server import LoopbackServer


@dataclass
class FakeSmsProvider:
    sent: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (Code, Message) for the next sends
    server: LoopbackServer | None = None
    first_id: int = 1

    def __post_init__(self) -> None:
        self._ids = itertools.count(self.first_id)

    @property
    def endpoint(self) -> str:
        """host:port, as the provider SDKs take their endpoint."""
        assert self.server is not None
        return f"127.0.0.1:{self.server.port}"

    def reset(self) -> None:
        self.sent.clear()
        self.failures.clear()

    def app(self) -> Starlette:
        raise NotImplementedError

    def start(self) -> Self:
        self.server = LoopbackServer(self.app()).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.stop()
