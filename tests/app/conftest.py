"""The app's services on the test settings: the simulator only, no provider configured."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app.services import Services, build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings


@pytest.fixture
async def services(settings: Settings, clock: FakeClock) -> AsyncIterator[Services]:
    built = build_services(settings, clock)
    yield built
    await built.aclose()
