import threading

from bot.common.clock import FakeClock
from bot.messaging.inbox import APOLOGY, PARKED, Inbox
from bot.messaging.ports import Inbound
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.conftest import RESIDENT, STRANGER


def inbound(n: int, sender: str = RESIDENT, text: str = "路灯坏了") -> Inbound:
    return Inbound(channel="simulator", external_id=f"ext-{sender}-{n}", sender=sender, text=text)


def test_it_stores_a_message_once_and_ignores_a_repeat(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    first, created = inbox.store(inbound(1))
    again, created_again = inbox.store(inbound(1))
    assert created and not created_again
    assert first == again
    assert inbox.status_of(first) == "pending"


def test_a_batch_stores_the_new_messages_and_recognises_the_earlier_ones(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    earlier, _ = inbox.store(inbound(1))
    results = inbox.store_many([inbound(2), inbound(1), inbound(3), inbound(2)])
    assert [created for _, created in results] == [True, False, True, False]
    assert results[1][0] == earlier
    assert results[3][0] == results[0][0]
    assert len({earlier, results[0][0], results[2][0]}) == 3
    assert all(inbox.status_of(i) == "pending" for i, _ in results)


def test_a_nul_character_is_stored_as_a_replacement_character_on_either_backend(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    message = Inbound(channel="simulator", external_id=f"{RESIDENT}:c\x001", sender=RESIDENT, text="路灯\x00坏了",
                      payload={"callback": {"data": "a\x00b"}})
    results = inbox.store_many([inbound(1), message])
    assert [created for _, created in results] == [True, True]
    again, created = inbox.store(message)  # the same key, read back the same way: a repeat
    assert (again, created) == (results[1][0], False)
    with db.session() as s:
        stored = s.get(InboxMessage, results[1][0])
        assert (stored.external_id, stored.text) == (f"{RESIDENT}:c\ufffd1", "路灯\ufffd坏了")
        assert stored.payload == {"callback": {"data": "a\ufffdb"}}


def test_the_same_external_id_on_another_channel_is_another_message(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    a, _ = inbox.store(inbound(1))
    b, created = inbox.store(Inbound(channel="sms", external_id=f"ext-{RESIDENT}-1", sender=RESIDENT, text="x"))
    assert created and a != b


def test_a_sender_gets_one_message_at_a_time_in_order(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    ids = [inbox.store(inbound(n))[0] for n in range(3)]
    other, _ = inbox.store(inbound(1, sender=STRANGER))
    first_batch = inbox.claim("w1")
    assert [m.id for m in first_batch] == [ids[0], other]
    assert inbox.claim("w1") == []  # the resident's second message waits for the first
    inbox.complete_many([(first_batch[0], [{"text": "好的"}])], "w1")
    assert [m.id for m in inbox.claim("w1")] == [ids[1]]


def test_a_sender_s_later_messages_wait_while_the_first_backs_off(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, backoff_seconds=10)
    first, _ = inbox.store(inbound(1))
    second, _ = inbox.store(inbound(2))
    inbox.store(inbound(1, sender=STRANGER))
    [message, other_message] = inbox.claim("w1")
    inbox.retry_later(message, "w1", "engine unreachable")
    inbox.complete_many([(other_message, [])], "w1")
    assert inbox.claim("w1") == []  # the first is not due yet, and the second must not overtake it
    clock.advance(seconds=11)
    assert [m.id for m in inbox.claim("w1")] == [first]
    assert inbox.status_of(second) == "pending"


def test_completing_queues_the_replies_once(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    message_id, _ = inbox.store(inbound(1))
    [message] = inbox.claim("w1")
    replies = [{"text": "一"}, {"text": "二", "buttons": [{"title": "1"}]}]
    assert inbox.complete_many([(message, replies)], "w1") == [True]
    assert inbox.complete_many([(message, [{"text": "一"}])], "w1") == [False]  # already done: nothing twice
    assert inbox.replies_to(message_id) == ["一", "二"]


def test_completing_together_marks_and_answers_only_the_messages_still_held(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, lease_seconds=60)
    lost_id, _ = inbox.store(inbound(1))
    [lost] = inbox.claim("slow-worker")
    clock.advance(seconds=61)
    [taken_over] = inbox.claim("w2")  # the slow worker's lease ran out
    kept_id, _ = inbox.store(inbound(2, sender=STRANGER))
    [kept] = inbox.claim("slow-worker")
    assert inbox.complete_many([(lost, [{"text": "晚了"}]), (kept, [{"text": "收到"}])], "slow-worker") == [False, True]
    assert inbox.status_of(kept_id) == "done" and inbox.replies_to(kept_id) == ["收到"]
    assert inbox.status_of(lost_id) == "processing" and inbox.replies_to(lost_id) == []
    assert inbox.complete_many([(taken_over, [{"text": "好的"}])], "w2") == [True]
    assert inbox.replies_to(lost_id) == ["好的"]


def apologies(db: Database, sender: str = RESIDENT) -> list[str]:
    with db.session() as s:
        return [row.text for row in s.query(OutboxMessage).filter_by(recipient=sender, kind="apology")]


def test_a_failed_message_is_retried_after_backoff_and_the_last_allowed_failure_parks_it_with_one_apology(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, max_attempts=3, backoff_seconds=10)
    message_id, _ = inbox.store(inbound(1))
    for attempt in range(1, 4):
        [message] = inbox.claim("w1")
        assert message.attempts == attempt
        left = inbox.retry_later(message, "w1", "engine unreachable")
        assert left == ("pending" if attempt < 3 else PARKED)
        assert inbox.claim("w1") == []  # backing off, then given up on
        clock.advance(seconds=60)
    assert inbox.status_of(message_id) == PARKED
    assert inbox.claim("w1") == []  # parked: never claimed again by itself
    assert apologies(db) == [APOLOGY]
    [stuck] = inbox.stuck()  # listed for staff, with its error
    assert (stuck.id, stuck.status, stuck.last_error) == (message_id, PARKED, "engine unreachable")


def test_a_parked_message_no_longer_holds_back_its_sender_s_later_messages(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, max_attempts=1, backoff_seconds=10)
    inbox.store(inbound(1))
    later, _ = inbox.store(inbound(2))
    [message] = inbox.claim("w1")
    inbox.retry_later(message, "w1", "StepError")
    assert [m.id for m in inbox.claim("w1")] == [later]  # at once: no backoff to wait out


def test_a_message_that_can_never_go_through_is_parked_at_once_with_the_note_its_sender_hears(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    message_id, _ = inbox.store(inbound(1))
    later, _ = inbox.store(inbound(2))
    [message] = inbox.claim("w1")
    assert inbox.park(message, "w1", "TwilioMedia: no usable media", reply="照片没能收到，请重新发送。")
    assert inbox.status_of(message_id) == PARKED
    assert apologies(db) == ["照片没能收到，请重新发送。"]
    assert inbox.replies_to(message_id) == ["照片没能收到，请重新发送。"]  # what the simulator shows
    assert [m.id for m in inbox.claim("w1")] == [later]


def test_a_worker_that_lost_its_claim_cannot_park_the_message(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, lease_seconds=60)
    message_id, _ = inbox.store(inbound(1))
    [lost] = inbox.claim("slow-worker")
    clock.advance(seconds=61)
    inbox.claim("w2")
    assert not inbox.park(lost, "slow-worker", "late")
    assert inbox.status_of(message_id) == "processing" and apologies(db) == []


def test_staff_put_a_parked_message_back_and_it_is_tried_first_with_a_fresh_budget_and_no_second_apology(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, max_attempts=2, backoff_seconds=10)
    parked_id, _ = inbox.store(inbound(1))
    [message] = inbox.claim("w1")
    inbox.park(message, "w1", "engine: ValueError")
    waiting, _ = inbox.store(inbound(2))
    assert not inbox.requeue(waiting)  # only a parked message is put back
    assert inbox.requeue(parked_id) and inbox.status_of(parked_id) == "pending"
    [again] = inbox.claim("w1")
    assert (again.id, again.attempts) == (parked_id, 1)  # it keeps its place at the head of the queue
    inbox.retry_later(again, "w1", "engine: ValueError")
    clock.advance(seconds=11)
    [again] = inbox.claim("w1")
    inbox.retry_later(again, "w1", "engine: ValueError")
    assert inbox.status_of(parked_id) == PARKED
    assert apologies(db) == [APOLOGY]
    assert [m.id for m in inbox.claim("w1")] == [waiting]


def test_a_claim_held_past_its_lease_is_taken_over(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, lease_seconds=60)
    inbox.store(inbound(1))
    [message] = inbox.claim("crashed-worker")
    assert inbox.claim("w2") == []
    clock.advance(seconds=61)
    [again] = inbox.claim("w2")
    assert again.id == message.id and again.attempts == 2
    assert inbox.complete_many([(message, [{"text": "late"}])], "crashed-worker") == [False]
    assert inbox.complete_many([(again, [{"text": "ok"}])], "w2") == [True]


def test_a_message_taken_over_from_a_worker_whose_claim_ran_out_is_in_doubt_until_it_is_finished(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, lease_seconds=60, backoff_seconds=1)
    inbox.store(inbound(1))
    [first] = inbox.claim("w1")
    assert not first.in_doubt  # claimed for the first time: nobody can have taken its turn
    inbox.retry_later(first, "w1", "media host unreachable")  # failed before its turn
    clock.advance(seconds=61)
    [second] = inbox.claim("crashed-worker")
    assert not second.in_doubt
    clock.advance(seconds=61)
    [third] = inbox.claim("w2")
    assert third.in_doubt  # its worker may have died during its turn
    inbox.retry_later(third, "w2", "engine unreachable", in_doubt=True)
    clock.advance(seconds=61)
    [fourth] = inbox.claim("w2")
    assert fourth.in_doubt  # a failed try does not clear the doubt
    assert inbox.complete_many([(fourth, [{"text": "好的"}])], "w2") == [True]
    assert inbox.stuck() == []


def test_a_parked_message_in_doubt_is_still_in_doubt_when_staff_put_it_back(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, max_attempts=1)
    message_id, _ = inbox.store(inbound(1))
    [message] = inbox.claim("w1")
    assert inbox.retry_later(message, "w1", "engine unreachable: ReadTimeout", in_doubt=True) == PARKED
    assert inbox.requeue(message_id)
    [again] = inbox.claim("w1")
    assert again.in_doubt


def test_two_competing_workers_never_claim_the_same_message(db: Database):
    clock = FakeClock()
    clock.advance(seconds=1)
    inbox = Inbox(db, clock)
    senders = [f"+86139{n:08d}" for n in range(40)]
    for n, sender in enumerate(senders):
        inbox.store(inbound(n, sender=sender))
    claimed: dict[str, list[int]] = {"a": [], "b": []}

    def work(name: str) -> None:
        while batch := inbox.claim(name, limit=3):
            claimed[name] += [message.id for message in batch]
            inbox.complete_many([(message, []) for message in batch], name)

    threads = [threading.Thread(target=work, args=(name,)) for name in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = claimed["a"] + claimed["b"]
    assert len(everything) == len(senders)
    assert len(set(everything)) == len(senders)


def test_a_message_from_the_future_is_not_claimed_before_its_time(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, backoff_seconds=30)
    inbox.store(inbound(1))
    [message] = inbox.claim("w1")
    inbox.retry_later(message, "w1", "down")
    clock.advance(seconds=29)
    assert inbox.claim("w1") == []
    clock.advance(seconds=2)
    assert len(inbox.claim("w1")) == 1
