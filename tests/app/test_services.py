from bot.app.services import Services, build_services, staff_among
from bot.app.steps import StaffDesk
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.messaging.ports import Claimed, Inbound
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER


async def test_waiting_for_the_replies_to_a_parked_message_gives_the_note_its_sender_heard(services: Services):
    message_id, _ = services.inbox.store(Inbound(channel="simulator", external_id="1", sender=RESIDENT, text="坏"))
    [message] = services.inbox.claim("w")
    services.inbox.park(message, "w", "engine: ValueError", reply="已记录，稍后处理。")
    assert await services.wait_for_replies(message_id, timeout=0) == ["已记录，稍后处理。"]


async def test_the_worker_hands_the_engine_at_most_the_configured_characters(settings: Settings, clock: FakeClock):
    services = build_services(settings.model_copy(update={"inbound_max_chars": 50}), clock)
    try:
        assert services.worker.max_chars == 50
    finally:
        await services.aclose()


def test_the_inbox_tells_staff_apart_by_the_registry_so_they_never_get_the_residents_privacy_notice(
        demo_db: Database, services: Services):
    # Blind test 7, #45: a grid worker messaging the bot got 【隐私】.
    assert services.inbox.notice_exempt is staff_among
    with demo_db.engine.begin() as conn:
        assert staff_among(conn, [WORKER, RESIDENT, STRANGER, DUTY_OFFICER]) == {WORKER, DUTY_OFFICER}


async def test_the_engine_is_told_staff_from_residents_and_strangers_by_the_staff_desks_own_lookup(
        demo_db: Database, services: Services):
    # Issue 18: the classifier drops the staff-only intents for anyone who is not staff. The staff desk, on every
    # channel, looks the sender up anyway: the role it found goes with the message (Claimed.role), no second query.
    for steps in services.kit.steps.values():
        assert sum(isinstance(step, StaffDesk) for step in steps) == 1
    desk = next(step for step in services.kit.steps["simulator"] if isinstance(step, StaffDesk))
    roles = {}
    for sender in (WORKER, DUTY_OFFICER, RESIDENT, STRANGER):  # a photo alone: no text, the role all the same
        passed = await desk(Claimed(id=1, channel="simulator", sender=sender, text="", payload={}, attempts=0))
        assert isinstance(passed, Claimed)
        roles[sender] = passed.role
    assert roles == {WORKER: "staff", DUTY_OFFICER: "staff", RESIDENT: "resident", STRANGER: "resident"}
