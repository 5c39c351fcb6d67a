import threading

from bot.common.clock import FakeClock
from bot.messaging.outbox import Outbox
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from tests.conftest import WORKER


def queue(db: Database, clock: FakeClock, n: int = 1, channel: str = "simulator") -> list[int]:
    with db.session() as s:
        rows = [OutboxMessage(channel=channel, recipient=WORKER, text=f"通知{i}", kind="notification",
                              created_at=clock.now(), next_attempt_at=clock.now()) for i in range(n)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def test_a_sent_message_is_recorded_with_the_provider_id(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock)
    queue(db, clock)
    [message] = outbox.claim("w", ["simulator"])
    outbox.sent(message, "w", "SM123")
    [row] = outbox.to_recipient(WORKER)
    assert (row.status, row.provider_id) == ("sent", "SM123")
    assert outbox.claim("w", ["simulator"]) == []


def test_a_temporary_failure_is_retried_after_backoff(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock, backoff_seconds=10)
    queue(db, clock)
    [message] = outbox.claim("w", ["simulator"])
    outbox.failed(message, "w", "timeout", permanent=False)
    assert outbox.claim("w", ["simulator"]) == []
    clock.advance(seconds=11)
    [again] = outbox.claim("w", ["simulator"])
    assert again.attempts == 2


def test_a_permanent_failure_dead_letters_at_once(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock)
    queue(db, clock)
    [message] = outbox.claim("w", ["simulator"])
    outbox.failed(message, "w", "21211 invalid number", permanent=True)
    [row] = outbox.to_recipient(WORKER)
    assert row.status == "dead" and "21211" in row.last_error


def test_too_many_failures_dead_letter_the_message(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock, max_attempts=3, backoff_seconds=1)
    queue(db, clock)
    for _ in range(3):
        [message] = outbox.claim("w", ["simulator"])
        outbox.failed(message, "w", "503", permanent=False)
        clock.advance(seconds=100)
    assert outbox.claim("w", ["simulator"]) == []
    assert outbox.to_recipient(WORKER)[0].status == "dead"


def test_a_message_taken_over_from_a_dispatcher_whose_lease_ran_out_is_in_doubt(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock, lease_seconds=60, backoff_seconds=1)
    queue(db, clock)
    [first] = outbox.claim("died-while-sending", ["simulator"])
    assert not first.in_doubt
    clock.advance(seconds=61)
    [taken_over] = outbox.claim("w", ["simulator"])
    assert taken_over.in_doubt and taken_over.created_at == first.created_at
    outbox.failed(taken_over, "w", "503", permanent=False)  # a send that got an answer: no longer in doubt
    clock.advance(seconds=5)
    [retried] = outbox.claim("w", ["simulator"])
    assert not retried.in_doubt and retried.attempts == 3


def test_it_only_claims_messages_of_the_channels_it_serves(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock)
    queue(db, clock, channel="sms")
    assert outbox.claim("w", ["simulator"]) == []
    assert len(outbox.claim("w", ["sms"])) == 1


def test_two_competing_dispatchers_send_each_message_once(db: Database):
    clock = FakeClock()
    outbox = Outbox(db, clock)
    ids = queue(db, clock, 60)
    sent: dict[str, list[int]] = {"a": [], "b": []}

    def work(name: str) -> None:
        while batch := outbox.claim(name, ["simulator"], limit=4):
            for message in batch:
                sent[name].append(message.id)
                outbox.sent(message, name)

    threads = [threading.Thread(target=work, args=(n,)) for n in sent]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(sent["a"] + sent["b"]) == ids


def test_a_dead_message_does_not_hold_back_the_next_one_to_its_recipient(db: Database, clock: FakeClock):
    outbox = Outbox(db, clock, max_attempts=2, backoff_seconds=10)
    first, following = queue(db, clock, n=2)
    [message] = outbox.claim("w", ["simulator"])
    outbox.failed(message, "w", "503", permanent=False)
    assert outbox.claim("w", ["simulator"]) == []  # the next one waits behind the first's backoff
    clock.advance(seconds=11)
    [message] = outbox.claim("w", ["simulator"])
    outbox.failed(message, "w", "503", permanent=False)  # the last allowed try: dead
    assert [m.id for m in outbox.claim("w", ["simulator"])] == [following]  # at once
    assert [(row.id, row.status) for row in outbox.to_recipient(WORKER)] == [(first, "dead"), (following, "sending")]
