"""At most one engine turn per stored message: a message whose worker died during its turn, or whose
turn failed, is looked up in the engine's tracker before its turn is taken again (worker.py, inbox.py,
the engine client's `turn_taken`). Through the SMS gateway, the worker and the dispatcher, with the
fake engine's tracker at its HTTP boundary."""

from __future__ import annotations

from sqlalchemy import select

from bot.app.services import Services
from bot.common.clock import FakeClock
from bot.messaging.inbox import IN_DOUBT
from bot.store.message_models import InboxMessage
from tests.channels.conftest import FakeEngine, drive, post_sms, sms_params
from tests.conftest import RESIDENT, STRANGER
from tests.fakes.twilio import FakeTwilio


async def stored_and_claimed_by_a_worker_that_dies(gateway, services: Services, sid: str, text: str) -> int:
    """An SMS stored and claimed by a worker that then dies (its claim is never finished)."""
    assert (await post_sms(gateway, sms_params(sid, RESIDENT, text))).status_code == 200
    [claimed] = services.inbox.claim("dead-worker")
    return claimed.id


def lease_runs_out(services: Services, clock: FakeClock) -> None:
    clock.advance(seconds=services.inbox.lease_seconds + 1)


def last_error(services: Services, message_id: int) -> str | None:
    with services.db.session() as s:
        return s.scalar(select(InboxMessage.last_error).where(InboxMessage.id == message_id))


async def test_a_turn_taken_before_its_worker_died_is_not_taken_again_and_its_replies_go_out_once(
        gateway, services: Services, fake_engine: FakeEngine, fake_twilio: FakeTwilio, clock: FakeClock):
    message_id = await stored_and_claimed_by_a_worker_that_dies(gateway, services, "SM1", "路灯坏了")
    # The dead worker's turn reached the engine (its actions ran); the worker died before completing it.
    await services.engine.converse(RESIDENT, "路灯坏了", {"inbox_id": message_id, "channel": "sms"})
    lease_runs_out(services, clock)
    await drive(services)
    assert [turn["message"] for turn in fake_engine.turns] == ["路灯坏了"]
    assert fake_engine.tracker_reads == [RESIDENT]
    assert services.inbox.status_of(message_id) == "done"
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：路灯坏了"]


async def test_a_message_whose_worker_died_before_its_turn_is_taken_once_after_asking(
        gateway, services: Services, fake_engine: FakeEngine, fake_twilio: FakeTwilio, clock: FakeClock):
    message_id = await stored_and_claimed_by_a_worker_that_dies(gateway, services, "SM2", "井盖丢了")
    lease_runs_out(services, clock)
    await drive(services)
    assert fake_engine.tracker_reads == [RESIDENT]
    assert [turn["metadata"]["inbox_id"] for turn in fake_engine.turns] == [message_id]
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：井盖丢了"]


async def test_an_earlier_turn_of_the_same_sender_is_not_taken_for_the_message_in_doubt(
        gateway, services: Services, fake_engine: FakeEngine, fake_twilio: FakeTwilio, clock: FakeClock):
    assert (await post_sms(gateway, sms_params("SM3", RESIDENT, "你好"))).status_code == 200
    await drive(services)
    message_id = await stored_and_claimed_by_a_worker_that_dies(gateway, services, "SM4", "楼道堆满杂物")
    lease_runs_out(services, clock)
    await drive(services)
    assert fake_engine.tracker_reads == [RESIDENT]  # it holds a turn of this sender's, not of this message
    assert [turn["message"] for turn in fake_engine.turns] == ["你好", "楼道堆满杂物"]
    assert services.inbox.replies_to(message_id) == ["收到：楼道堆满杂物"]


async def test_only_the_message_in_doubt_asks_the_tracker_not_those_claimed_for_the_first_time(
        gateway, services: Services, fake_engine: FakeEngine, fake_twilio: FakeTwilio, clock: FakeClock):
    await stored_and_claimed_by_a_worker_that_dies(gateway, services, "SM10", "路灯坏了")
    lease_runs_out(services, clock)
    for n in range(3):
        assert (await post_sms(gateway, sms_params(f"SM{11 + n}", STRANGER, f"第{n}条"))).status_code == 200
    await drive(services)
    assert len(fake_engine.turns) == 4
    assert fake_engine.tracker_reads == [RESIDENT]


async def test_while_the_tracker_cannot_be_read_a_message_in_doubt_waits_and_is_asked_about_again(
        gateway, services: Services, fake_engine: FakeEngine, fake_twilio: FakeTwilio, clock: FakeClock):
    message_id = await stored_and_claimed_by_a_worker_that_dies(gateway, services, "SM5", "垃圾没人收")
    await services.engine.converse(RESIDENT, "垃圾没人收", {"inbox_id": message_id, "channel": "sms"})
    lease_runs_out(services, clock)
    fake_engine.tracker_status = 500
    await drive(services)
    assert services.inbox.status_of(message_id) == "pending"
    assert (last_error(services, message_id) or "").startswith(IN_DOUBT)  # still in doubt on its next try
    assert len(fake_engine.turns) == 1 and fake_twilio.sent == []
    fake_engine.tracker_status = 200
    clock.advance(seconds=services.inbox.lease_seconds)  # past its backoff
    await drive(services)
    assert len(fake_engine.turns) == 1
    assert fake_engine.tracker_reads == [RESIDENT, RESIDENT]
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：垃圾没人收"]


async def test_a_turn_whose_answer_was_lost_is_not_taken_again_on_the_retry(
        gateway, services: Services, fake_engine: FakeEngine, fake_twilio: FakeTwilio, clock: FakeClock):
    fake_engine.lost_answers = 1  # the engine took the turn; the answer timed out on the way back
    assert (await post_sms(gateway, sms_params("SM6", RESIDENT, "路面塌陷"))).status_code == 200
    await drive(services)
    assert fake_twilio.sent == [] and fake_engine.tracker_reads == []
    clock.advance(seconds=services.inbox.lease_seconds)  # past its backoff
    await drive(services)
    assert [turn["message"] for turn in fake_engine.turns] == ["路面塌陷"]
    assert fake_engine.tracker_reads == [RESIDENT]
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：路面塌陷"]
