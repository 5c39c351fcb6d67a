import pytest

from tests.waiting import eventually, eventually_sync


async def test_eventually_returns_what_the_condition_gave_once_it_holds():
    calls: list[int] = []

    def third_time() -> list[int]:
        calls.append(1)
        return calls if len(calls) == 3 else []

    assert await eventually(third_time) == [1, 1, 1]


async def test_eventually_awaits_a_coroutine_condition():
    async def ready() -> str:
        return "ready"

    assert await eventually(ready) == "ready"


async def test_eventually_fails_past_its_deadline_naming_the_condition_and_its_last_value():
    with pytest.raises(AssertionError, match=r"not within 0\.05s: .*lambda: 2 \+ 2 == 5.*last returned False"):
        await eventually(lambda: 2 + 2 == 5, timeout=0.05)


def test_eventually_sync_returns_the_value_or_fails_past_its_deadline():
    assert eventually_sync(lambda: "here") == "here"
    with pytest.raises(AssertionError, match=r"last returned None"):
        eventually_sync(lambda: None, timeout=0.05)
