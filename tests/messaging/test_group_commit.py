import asyncio

import pytest

from bot.messaging.group_commit import GroupCommit
from tests.waiting import eventually


async def test_items_submitted_while_a_write_is_in_flight_share_the_next_write():
    batches: list[list[int]] = []
    release = asyncio.Event()

    async def write(batch: list[int]) -> list[int]:
        batches.append(batch)
        await release.wait()
        return [n * 10 for n in batch]

    group: GroupCommit[int, int] = GroupCommit(write)
    first = asyncio.create_task(group.submit(1))
    await eventually(lambda: batches == [[1]])  # the first write is under way
    rest = [asyncio.create_task(group.submit(n)) for n in (2, 3, 4)]
    await eventually(lambda: len(group._pending) == 3)  # submitted meanwhile: waiting for the next write
    release.set()
    assert await first == 10
    assert await asyncio.gather(*rest) == [20, 30, 40]
    assert batches == [[1], [2, 3, 4]]


async def test_a_failed_write_fails_its_own_items_and_the_next_batch_is_written_afresh():
    calls = 0

    async def write(batch: list[str]) -> list[str]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("database is locked")
        return [s.upper() for s in batch]

    group: GroupCommit[str, str] = GroupCommit(write)
    with pytest.raises(RuntimeError):
        await group.submit("a")
    assert await group.submit("b") == "B"


async def test_a_batch_is_never_larger_than_its_limit():
    sizes: list[int] = []

    async def write(batch: list[int]) -> list[None]:
        sizes.append(len(batch))
        return [None] * len(batch)

    group: GroupCommit[int, None] = GroupCommit(write, max_batch=3)
    await asyncio.gather(*(group.submit(n) for n in range(7)))
    assert sizes == [3, 3, 1]


def test_a_group_commit_outlives_an_event_loop_that_closed_mid_write():
    async def write(batch: list[int]) -> list[int]:
        await asyncio.sleep(3600 if batch == [1] else 0)
        return batch

    group: GroupCommit[int, int] = GroupCommit(write)
    old = asyncio.new_event_loop()
    old.run_until_complete(asyncio.wait([old.create_task(group.submit(1))], timeout=0.05))
    old.close()  # gone with the first write still in flight (as a test's loop is)
    assert asyncio.run(asyncio.wait_for(group.submit(2), timeout=5)) == 2
