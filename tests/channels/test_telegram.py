import asyncio
import contextlib
import itertools
import logging
import math

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from bot.channels.telegram import poll_updates
from bot.channels.telegram.steps import (
    LINKED,
    LOCATION_INVALID,
    LOCATION_KEPT,
    NOT_A_PHOTO,
    NOT_YOURS,
    PHOTO_ADDED,
    PHOTO_KEPT,
    PHOTO_NOT_RECEIVED,
    WELCOME,
)
from bot.core import reports
from bot.core.tickets import Report
from bot.messaging.inbox import PARKED
from bot.messaging.ports import Claimed, Inbound, Receiver
from bot.store.channel_models import InboundMedia, TelegramLocation
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Person, Ticket, TicketEvent, TicketPhoto
from tests.channels.conftest import WEBHOOK_SECRET, drive
from tests.conftest import POINT_IN_GRID_1, RIDER, WORKER
from tests.core.helpers import RULES
from tests.fakes.images import HTML, jpeg
from tests.fakes.telegram import TOKEN
from tests.waiting import eventually

USER_ID = 777000111
_ids = itertools.count(1000)


def update(message: dict | None = None, *, update_id: int | None = None, user_id: int = USER_ID, **extra) -> dict:
    body = {"update_id": update_id if update_id is not None else next(_ids)}
    if message is not None:
        body["message"] = {"message_id": body["update_id"], "date": 1764400000,
                           "chat": {"id": user_id, "type": "private"},
                           "from": {"id": user_id, "is_bot": False, "first_name": "骑手"}, **message}
    return {**body, **extra}


async def post_update(gateway, body: dict, secret: str | None = WEBHOOK_SECRET):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return await gateway.post("/channels/telegram", json=body, headers=headers)


def inbox_count(services) -> int:
    with services.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(InboxMessage)))


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", WEBHOOK_SECRET + "x"])
async def test_it_refuses_an_update_without_the_right_secret_header(gateway, services, secret):
    response = await post_update(gateway, update({"text": "你好"}), secret=secret)
    assert response.status_code == 403
    assert inbox_count(services) == 0


async def test_a_duplicate_update_id_yields_one_processed_message(gateway, services, fake_engine, fake_telegram):
    body = update({"text": "路灯坏了"})
    for _ in range(3):
        assert (await post_update(gateway, body)).status_code == 200
    await drive(services)
    assert inbox_count(services) == 1
    assert [t["message"] for t in fake_engine.turns] == ["路灯坏了"]
    assert [m["text"] for m in fake_telegram.sent()] == ["收到：路灯坏了"]
    assert int(fake_telegram.sent()[0]["chat_id"]) == USER_ID


async def test_start_offers_the_share_phone_and_share_location_buttons(gateway, services, fake_telegram, fake_engine):
    await post_update(gateway, update({"text": "/start"}))
    await drive(services)
    [sent] = fake_telegram.sent()
    assert sent["text"] == WELCOME
    keyboard = [button for row in sent["reply_markup"]["keyboard"] for button in row]
    assert any(b.get("request_contact") for b in keyboard) and any(b.get("request_location") for b in keyboard)
    assert fake_engine.turns == []


async def test_a_rider_sharing_their_own_contact_is_linked_and_their_reports_carry_their_identity(
        demo_db, gateway, services, fake_telegram, fake_engine):
    contact = {"phone_number": RIDER.lstrip("+"), "first_name": "骑手", "user_id": USER_ID}
    await post_update(gateway, update({"contact": contact}))
    await drive(services)
    with services.db.session() as s:
        rider = s.scalar(select(Person).where(Person.phone == RIDER))
        assert rider.telegram_user_id == USER_ID and rider.preferred_channel == "telegram"
        name = rider.name
    assert fake_telegram.sent()[0]["text"] == LINKED.format(name=name)
    await post_update(gateway, update({"text": "路口井盖丢了"}))
    await drive(services)
    assert fake_engine.turns[-1]["sender"] == f"tg:{USER_ID}"
    from bot.core import registry

    with services.db.session() as s:
        assert registry.person_by_address(s, f"tg:{USER_ID}").phone == RIDER


async def test_someone_elses_contact_does_not_link_an_account(demo_db, gateway, services, fake_telegram):
    contact = {"phone_number": RIDER, "first_name": "别人", "user_id": 42}
    await post_update(gateway, update({"contact": contact}))
    await drive(services)
    assert fake_telegram.sent()[0]["text"] == NOT_YOURS
    with services.db.session() as s:
        assert s.scalar(select(Person.telegram_user_id).where(Person.phone == RIDER)) is None


async def test_a_photo_and_a_location_from_a_rider_become_a_located_report_with_the_largest_photo(
        gateway, services, fake_telegram, fake_engine, caplog):
    caplog.set_level(logging.DEBUG)
    fake_telegram.files.update({"small": jpeg("small"), "large": jpeg("large")})
    lat, lon = POINT_IN_GRID_1
    await post_update(gateway, update({"location": {"latitude": lat, "longitude": lon}}))
    photo = [{"file_id": "small", "file_unique_id": "us", "width": 90, "height": 60, "file_size": 10},
             {"file_id": "large", "file_unique_id": "ul", "width": 1280, "height": 960, "file_size": 16}]
    await post_update(gateway, update({"photo": photo, "caption": "电动车堵住消防通道"}))
    await drive(services)
    assert fake_telegram.sent()[0]["text"] == LOCATION_KEPT
    [turn] = fake_engine.turns
    assert turn["message"] == "电动车堵住消防通道"
    assert (turn["metadata"]["lat"], turn["metadata"]["lon"]) == (lat, lon)
    [photo_id] = turn["metadata"]["photos"]
    assert services.photos.path_of(photo_id).read_bytes() == jpeg("large")
    with services.db.session() as s:
        assert s.scalar(select(InboundMedia.content_type)) == "image/jpeg"
    assert TOKEN not in caplog.text  # file URLs carry the token: never logged


async def test_the_same_photo_sent_twice_is_downloaded_once(gateway, services, fake_telegram, fake_engine):
    fake_telegram.files["p1"] = jpeg("p1")
    photo = [{"file_id": "p1", "file_unique_id": "same", "width": 10, "height": 10, "file_size": 4}]
    await post_update(gateway, update({"photo": photo, "caption": "垃圾"}))
    await post_update(gateway, update({"photo": photo, "caption": "还是这堆垃圾"}))
    await drive(services)
    assert fake_telegram.file_downloads == 1
    assert fake_engine.turns[0]["metadata"]["photos"] == fake_engine.turns[1]["metadata"]["photos"]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundMedia)) == 1


async def test_a_photo_over_the_limit_is_refused_with_a_short_note(gateway, services, fake_telegram, fake_engine):
    photo = [{"file_id": "huge", "file_unique_id": "h", "width": 10, "height": 10, "file_size": 21 * 1024 * 1024}]
    await post_update(gateway, update({"photo": photo, "caption": "大图"}))
    await drive(services)
    assert "照片太大" in fake_telegram.sent()[0]["text"]
    assert fake_telegram.file_downloads == 0 and fake_engine.turns == []


async def test_an_html_file_sent_as_a_photo_is_not_kept_and_its_caption_goes_on_with_a_note(
        gateway, services, fake_telegram, fake_engine):
    fake_telegram.files["page"] = HTML
    photo = [{"file_id": "page", "file_unique_id": "u-page", "width": 800, "height": 600, "file_size": len(HTML)}]
    await post_update(gateway, update({"photo": photo, "caption": "楼道堆满杂物"}))
    await drive(services)
    [turn] = fake_engine.turns
    assert turn["message"] == "楼道堆满杂物" and "photos" not in turn["metadata"]
    assert [m["text"] for m in fake_telegram.sent()] == ["收到：楼道堆满杂物", NOT_A_PHOTO]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundMedia)) == 0
    assert not services.photos.folder.exists() or not any(services.photos.folder.rglob("*"))


async def test_an_html_file_sent_as_a_photo_alone_is_answered_and_nothing_is_kept(
        gateway, services, fake_telegram, fake_engine):
    fake_telegram.files["page"] = HTML
    photo = [{"file_id": "page", "file_unique_id": "u-page", "width": 800, "height": 600, "file_size": len(HTML)}]
    await post_update(gateway, update({"photo": photo}))
    await drive(services)
    assert [m["text"] for m in fake_telegram.sent()] == [NOT_A_PHOTO]
    assert fake_engine.turns == []
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundMedia)) == 0


async def test_a_photo_telegram_no_longer_has_is_parked_at_once_and_the_rider_asked_to_send_it_again(
        gateway, services, fake_telegram, fake_engine):
    photo = [{"file_id": "gone", "file_unique_id": "g", "width": 10, "height": 10, "file_size": 4}]
    await post_update(gateway, update({"photo": photo, "caption": "电动车堵住消防通道"}))  # getFile: 400
    await post_update(gateway, update({"text": "路灯坏了"}))
    await drive(services)
    with services.db.session() as s:
        statuses = list(s.execute(select(InboxMessage.status, InboxMessage.attempts, InboxMessage.last_error)
                                  .order_by(InboxMessage.id)))
    assert statuses == [(PARKED, 1, "TelegramSteps: Telegram: photo file unavailable (BadRequest)"),
                        ("done", 1, None)]
    assert [m["text"] for m in fake_telegram.sent()] == [PHOTO_NOT_RECEIVED, "收到：路灯坏了"]
    assert [t["message"] for t in fake_engine.turns] == ["路灯坏了"]


async def test_a_location_that_is_no_place_is_dropped_at_the_edge_and_the_rider_s_next_message_goes_on(
        gateway, services, fake_telegram, fake_engine):
    # The webhook's schema drops it (tests/channels/test_telegram_updates.py); the step below would too.
    await post_update(gateway, update({"location": {"latitude": 999.0, "longitude": 103.3}}))
    await post_update(gateway, update({"text": "路灯坏了"}))
    await drive(services)
    assert [m["text"] for m in fake_telegram.sent()] == ["收到：路灯坏了"]
    [turn] = fake_engine.turns
    assert "lat" not in turn["metadata"]  # the bad location was not kept for the report either
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(TelegramLocation)) == 0


@pytest.mark.parametrize("lat", [math.nan, math.inf, -91.0, "25.4", None, True])
async def test_a_location_that_is_no_place_is_dropped_and_the_rest_of_the_message_goes_on(services, lat):
    [steps, *_] = services.kit.steps["telegram"]
    assert await steps(Claimed(1, "telegram", f"tg:{USER_ID}", "", {"lat": lat, "lon": 103.3}, 1)) == [
        {"text": LOCATION_INVALID}]
    passed = await steps(Claimed(2, "telegram", f"tg:{USER_ID}", "路灯坏了", {"lat": lat, "lon": 103.3}, 1))
    assert isinstance(passed, Claimed) and passed.text == "路灯坏了" and passed.payload == {}


async def test_buttons_become_an_inline_keyboard_with_short_callback_data_and_a_press_is_answered(
        gateway, services, fake_telegram, fake_engine):
    long_payload = '/vote{"topic_id": 12345, "option": "修缮村口的石桥并加装护栏和路灯照明设施"}'
    fake_engine.replies = [{"text": "请选择", "buttons": [{"title": "同意", "payload": "/affirm"},
                                                          {"title": "方案二", "payload": long_payload}]}]
    await post_update(gateway, update({"text": "投票"}))
    await drive(services)
    keyboard = fake_telegram.sent()[0]["reply_markup"]["inline_keyboard"]
    data = [row[0]["callback_data"] for row in keyboard]
    assert data[0] == "/affirm" and data[1].startswith("c:")
    assert all(len(d.encode()) <= 64 for d in data)
    fake_engine.replies = None
    press = update(callback_query={"id": "cb-1", "chat_instance": "x", "data": data[1],
                                   "from": {"id": USER_ID, "is_bot": False, "first_name": "骑手"}})
    await post_update(gateway, press)
    await drive(services)
    await eventually(lambda: fake_telegram.sent("answerCallbackQuery"))
    assert fake_telegram.sent("answerCallbackQuery")[0]["callback_query_id"] == "cb-1"
    assert fake_engine.turns[-1]["message"] == long_payload


async def test_without_a_public_url_long_polling_stores_each_update_once(services, fake_telegram, fake_engine):
    # Words that reach the engine: 在吗 alone is answered before it now (您说，我听着, blind test 26)
    fake_telegram.updates.extend([update({"text": "路灯不亮了"}, update_id=5001),
                                  update({"text": "你好"}, update_id=5002)])
    task = asyncio.create_task(poll_updates(services.kit.telegram.bot, services.intake, timeout=0))
    await eventually(lambda: inbox_count(services) == 2)
    polled = len(fake_telegram.sent("getUpdates"))
    # More polls: the same updates must not be stored again. A poll is sent once the one before it has
    # been handled, so with three more asked for, two more answers have been handled.
    await eventually(lambda: len(fake_telegram.sent("getUpdates")) >= polled + 3)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await drive(services)
    assert [t["message"] for t in fake_engine.turns] == ["路灯不亮了", "你好"]
    offsets = [int(p.get("offset") or 0) for p in fake_telegram.sent("getUpdates")]
    assert offsets[-1] == 5003


class DatabaseDownOnce:
    """The worker process's intake (it has no spool) while the database is down for one write: the
    error SQLAlchemy raises then, whose text holds the statement's parameters."""

    def __init__(self, intake: Receiver) -> None:
        self.intake = intake
        self.failed = False

    async def store(self, message: Inbound) -> tuple[int | None, bool]:
        if not self.failed:
            self.failed = True
            raise OperationalError("INSERT INTO inbox_messages ...", {"text": message.text},
                                   ConnectionRefusedError("connection refused"))
        return await self.intake.store(message)


async def test_long_polling_outlives_a_database_outage_and_stores_the_update_it_could_not_store_then(
        services, fake_telegram, fake_engine, caplog):
    fake_telegram.updates.extend([update({"text": "井盖丢了"}, update_id=6001),
                                  update({"text": "路灯不亮了"}, update_id=6002)])
    intake = DatabaseDownOnce(services.intake)
    with caplog.at_level(logging.INFO, logger="bot.channels.telegram.polling"):
        task = asyncio.create_task(poll_updates(services.kit.telegram.bot, intake, timeout=0, pause=0.01))
        await eventually(lambda: inbox_count(services) == 2)
        polled = len(fake_telegram.sent("getUpdates"))
        await eventually(lambda: len(fake_telegram.sent("getUpdates")) >= polled + 2)
        assert not task.done()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert intake.failed
    await drive(services)
    assert [t["message"] for t in fake_engine.turns] == ["井盖丢了", "路灯不亮了"]  # each once, in order
    offsets = [int(p.get("offset") or 0) for p in fake_telegram.sent("getUpdates")]
    assert offsets[:2] == [0, 0]  # polled again from the update that was not stored
    assert "OperationalError" in caplog.text and "井盖丢了" not in caplog.text


def a_photo(fake_telegram, file_id: str = "ph1") -> list[dict]:
    fake_telegram.files[file_id] = jpeg(file_id)
    return [{"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 800, "height": 600, "file_size": 9}]


def photo_of(services, file_id: str) -> str:
    with services.db.session() as s:
        return s.scalar(select(InboundMedia.photo_id).where(InboundMedia.source_key == f"u-{file_id}"))


def report_by_the_rider(services, clock, status: str | None = None) -> str:
    """A located report from the Telegram user, as the report action would open it."""
    lat, lon = POINT_IN_GRID_1
    with services.db.session() as s:
        report = Report(text="路口井盖丢了", category="roads", reporter_address=f"tg:{USER_ID}", channel="telegram",
                        lat=lat, lon=lon)
        ticket = reports.submit(s, clock, report, RULES).ticket
        if status is not None:
            ticket.status = status
        return ticket.number


async def test_a_captionless_photo_waits_for_the_next_text_which_carries_it_once(
        gateway, services, fake_telegram, fake_engine):
    await post_update(gateway, update({"photo": a_photo(fake_telegram)}))
    await drive(services)
    assert [m["text"] for m in fake_telegram.sent()] == [PHOTO_KEPT]
    assert fake_engine.turns == []  # never to the engine without text
    await post_update(gateway, update({"text": "这里井盖丢了"}))
    # Not a place alone (this fake engine asks nothing, so a bare place would be held for a next report).
    await post_update(gateway, update({"text": "在阳光小区门口 好危险"}))
    await drive(services)
    first, second = fake_engine.turns
    assert first["message"] == "这里井盖丢了" and first["metadata"]["photos"] == [photo_of(services, "ph1")]
    assert "photos" not in second["metadata"]
    with services.db.session() as s:  # kept on the text's message, where the report action reads it
        assert reports.photos_of_message(s, first["metadata"]["inbox_id"]) == (photo_of(services, "ph1"),)


async def test_photos_kept_before_a_captioned_photo_come_first_with_it(gateway, services, fake_telegram, fake_engine):
    await post_update(gateway, update({"photo": a_photo(fake_telegram, "ph1")}))
    await post_update(gateway, update({"photo": a_photo(fake_telegram, "ph2"), "caption": "垃圾堆满了"}))
    await drive(services)
    [turn] = fake_engine.turns
    assert turn["metadata"]["photos"] == [photo_of(services, "ph1"), photo_of(services, "ph2")]


async def test_a_photo_kept_longer_than_half_an_hour_is_not_carried(
        gateway, services, fake_telegram, fake_engine, clock):
    await post_update(gateway, update({"photo": a_photo(fake_telegram)}))
    await drive(services)
    clock.advance(minutes=31)
    await post_update(gateway, update({"text": "路灯坏了"}))
    await drive(services)
    [turn] = fake_engine.turns
    assert "photos" not in turn["metadata"]


async def test_a_captionless_photo_after_a_report_joins_its_ticket_and_the_reply_names_it(
        demo_db, gateway, services, fake_telegram, fake_engine, clock):
    number = report_by_the_rider(services, clock)
    clock.advance(minutes=10)
    await post_update(gateway, update({"photo": a_photo(fake_telegram)}))
    await drive(services)
    assert [m["text"] for m in fake_telegram.sent()] == [PHOTO_ADDED.format(number=number)]
    assert fake_engine.turns == []
    with services.db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert [p.photo_id for p in ticket.photos] == [photo_of(services, "ph1")]
        assert s.scalar(select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id)
                        .order_by(TicketEvent.id.desc()).limit(1)) == "photos_added"
        notices = list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)))
    assert notices[-1] == f"工单{number}补充照片1张，回复“{number} 详情”看"
    await post_update(gateway, update({"text": "谢谢"}))
    await drive(services)
    assert "photos" not in fake_engine.turns[-1]["metadata"]  # on the ticket: not carried as well


@pytest.mark.parametrize("status", ["closed", "resolved", "cancelled"])
async def test_a_ticket_no_longer_open_does_not_get_the_photo(
        demo_db, gateway, services, fake_telegram, fake_engine, clock, status):
    number = report_by_the_rider(services, clock, status=status)
    await post_update(gateway, update({"photo": a_photo(fake_telegram)}))
    await drive(services)
    assert [m["text"] for m in fake_telegram.sent()] == [PHOTO_KEPT]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(TicketPhoto)) == 0
        assert s.scalar(select(Ticket.number).order_by(Ticket.id.desc()).limit(1)) == number


async def test_a_report_older_than_half_an_hour_does_not_get_the_photo(
        demo_db, gateway, services, fake_telegram, fake_engine, clock):
    report_by_the_rider(services, clock)
    clock.advance(minutes=31)
    await post_update(gateway, update({"photo": a_photo(fake_telegram)}))
    await drive(services)
    assert [m["text"] for m in fake_telegram.sent()] == [PHOTO_KEPT]
