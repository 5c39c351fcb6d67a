import pytest
from sqlalchemy import func, select

from bot.channels.twilio.channel import NOT_AN_IMAGE, PHOTO_NOT_RECEIVED
from bot.messaging.inbox import APOLOGY, PARKED
from bot.messaging.worker import InboundWorker
from bot.store.channel_models import DeliveryStatus, InboundMedia
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.channels.conftest import FROM_NUMBER, PUBLIC, drive, post_sms, sign, sms_params
from tests.conftest import RESIDENT
from tests.fakes.images import HTML, JPEG, PNG

SMS_URL = PUBLIC + "/channels/twilio/sms"


def inbox_rows(services):
    with services.db.session() as s:
        return list(s.scalars(select(InboxMessage).order_by(InboxMessage.id)))


async def test_it_stores_a_signed_sms_and_answers_an_empty_twiml_response(gateway, services):
    response = await post_sms(gateway, sms_params("SM1", RESIDENT, "路灯坏了"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert "<Response" in response.text and "<Message" not in response.text
    [row] = inbox_rows(services)
    assert (row.channel, row.external_id, row.sender, row.text) == ("sms", "SM1", RESIDENT, "路灯坏了")


async def test_it_refuses_a_tampered_body(gateway, services):
    params = sms_params("SM2", RESIDENT, "路灯坏了")
    signature = sign(SMS_URL, params)
    response = await post_sms(gateway, {**params, "Body": "改过的内容"}, signature=signature)
    assert response.status_code == 403
    assert inbox_rows(services) == []


async def test_it_refuses_a_signature_made_for_another_url(gateway, services):
    params = sms_params("SM3", RESIDENT, "路灯坏了")
    response = await post_sms(gateway, params, signed_url="https://evil.example.com/channels/twilio/sms")
    assert response.status_code == 403
    assert inbox_rows(services) == []


async def test_it_refuses_a_request_without_a_signature(gateway, services):
    response = await post_sms(gateway, sms_params("SM4", RESIDENT, "路灯坏了"), signature="")
    assert response.status_code == 403
    assert inbox_rows(services) == []


async def test_it_validates_over_fields_twilio_adds_without_notice(gateway, services):
    params = sms_params("SM5", RESIDENT, "路灯坏了", FromCity="昆明", SomeNewField="x")
    assert (await post_sms(gateway, params)).status_code == 200
    response = await post_sms(gateway, {**params, "MessageSid": "SM6"}, signature=sign(SMS_URL, params))
    assert response.status_code == 403


async def test_it_signs_against_the_public_url_with_the_query_string(gateway, services):
    params = sms_params("SM7", RESIDENT, "你好")
    path = "/channels/twilio/sms?site=qingshan"
    assert (await post_sms(gateway, params, path=path, signed_url=PUBLIC + path)).status_code == 200
    other = sms_params("SM8", RESIDENT, "你好")
    assert (await post_sms(gateway, other, path=path, signed_url=SMS_URL)).status_code == 403


async def test_it_reads_the_form_as_twilio_encodes_it(gateway, services):
    body = "路灯 坏了 & 井盖=没了 100%"  # spaces become '+', the rest percent-escaped
    assert (await post_sms(gateway, sms_params("SM9", RESIDENT, body, Empty=""))).status_code == 200
    [row] = inbox_rows(services)
    assert row.text == body


async def test_it_refuses_an_oversized_form_even_when_signed(gateway, services):
    many = sms_params("SM10", RESIDENT, "你好", **{f"F{n}": "x" for n in range(300)})
    assert (await post_sms(gateway, many)).status_code == 403
    huge = sms_params("SM11", RESIDENT, "长" * 30_000)
    assert (await post_sms(gateway, huge)).status_code == 403
    assert inbox_rows(services) == []


async def test_a_duplicate_message_sid_yields_one_processed_message(gateway, services, fake_engine, fake_twilio):
    params = sms_params("SM9", RESIDENT, "路灯坏了")
    for _ in range(3):
        assert (await post_sms(gateway, params)).status_code == 200
    await drive(services)
    assert len(inbox_rows(services)) == 1
    assert [t["message"] for t in fake_engine.turns] == ["路灯坏了"]
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：路灯坏了"]


async def test_it_acknowledges_while_the_engine_is_down_and_answers_once_it_is_back(gateway, services, fake_engine,
                                                                                   fake_twilio):
    fake_engine.up = False
    assert (await post_sms(gateway, sms_params("SM10", RESIDENT, "井盖丢了"))).status_code == 200
    await drive(services)
    assert fake_twilio.sent == []
    fake_engine.up = True
    await drive(services)
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：井盖丢了"]


async def test_replies_go_out_through_twilio_with_a_status_callback(gateway, services, fake_twilio):
    await post_sms(gateway, sms_params("SM11", RESIDENT, "你好"))
    await drive(services)
    [sent] = fake_twilio.sent
    assert (sent["To"], sent["From"]) == (RESIDENT, FROM_NUMBER)
    assert sent["StatusCallback"] == PUBLIC + "/channels/twilio/status"
    with services.db.session() as s:
        row = s.scalar(select(OutboxMessage).where(OutboxMessage.recipient == RESIDENT))
        assert (row.status, row.provider_id) == ("sent", sent["sid"])


async def test_a_signed_status_callback_is_recorded_and_a_failed_delivery_marks_the_message(gateway, services,
                                                                                            fake_twilio):
    await post_sms(gateway, sms_params("SM12", RESIDENT, "你好"))
    await drive(services)
    sid = fake_twilio.sent[0]["sid"]
    status_url = PUBLIC + "/channels/twilio/status"
    params = {"MessageSid": sid, "MessageStatus": "undelivered", "ErrorCode": "30006", "To": RESIDENT}
    forged = await gateway.post("/channels/twilio/status", data=params, headers={"X-Twilio-Signature": "bad"})
    assert forged.status_code == 403
    ok = await gateway.post("/channels/twilio/status", data=params,
                            headers={"X-Twilio-Signature": sign(status_url, params)})
    assert ok.status_code == 204
    with services.db.session() as s:
        [status] = s.scalars(select(DeliveryStatus)).all()
        assert (status.provider_id, status.status, status.error_code) == (sid, "undelivered", "30006")
        assert s.scalar(select(OutboxMessage.status).where(OutboxMessage.provider_id == sid)) == "undelivered"


async def test_a_status_callback_with_a_nul_character_is_recorded_on_either_backend(gateway, services):
    status_url = PUBLIC + "/channels/twilio/status"
    params = {"MessageSid": "SM\x0099", "MessageStatus": "sent\x00", "ErrorCode": "\x00"}
    ok = await gateway.post("/channels/twilio/status", data=params,
                            headers={"X-Twilio-Signature": sign(status_url, params)})
    assert ok.status_code == 204
    with services.db.session() as s:
        [status] = s.scalars(select(DeliveryStatus)).all()
        assert (status.provider_id, status.status, status.error_code) == ("SM\ufffd99", "sent\ufffd", "\ufffd")


async def test_an_invalid_number_is_dead_lettered_at_once_and_a_server_error_is_retried(gateway, services,
                                                                                       fake_twilio):
    # Per number: the two turns may finish, and their replies go out, in either order.
    fake_twilio.failures_for.update({RESIDENT: [(400, 21211)], "+8613900000002": [(503, 20500)]})
    await post_sms(gateway, sms_params("SM13", RESIDENT, "一"))
    await post_sms(gateway, sms_params("SM14", "+8613900000002", "二"))
    await drive(services, rounds=1)
    with services.db.session() as s:
        statuses = dict(s.execute(select(OutboxMessage.recipient, OutboxMessage.status)).all())
    assert statuses == {RESIDENT: "dead", "+8613900000002": "pending"}


async def a_dispatcher_dies_while_sending(services, clock, *, reached_twilio: bool) -> str | None:
    """A reply is claimed by a dispatcher that dies after (or before) Twilio took it, without marking
    it; its lease then runs out. Returns the sid Twilio gave it, if it got that far."""
    while await InboundWorker(services.inbox, services.engine, steps=services.kit.steps, name="w").run_once():
        pass
    [message] = services.outbox.claim("dead-dispatcher", ["sms"])
    sid = await services.channels["sms"].send(message.recipient, message.text, {}) if reached_twilio else None
    clock.advance(seconds=services.outbox.lease_seconds + 1)
    return sid


async def test_a_reply_twilio_took_before_its_dispatcher_died_is_not_sent_again(gateway, services, fake_twilio,
                                                                               clock):
    await post_sms(gateway, sms_params("SM15", RESIDENT, "你好"))
    sid = await a_dispatcher_dies_while_sending(services, clock, reached_twilio=True)
    await drive(services)
    assert [m["sid"] for m in fake_twilio.sent] == [sid]  # once on the wire
    assert fake_twilio.list_requests == 1  # the dispatcher that took it over asked Twilio first
    with services.db.session() as s:
        row = s.scalar(select(OutboxMessage).where(OutboxMessage.recipient == RESIDENT))
        assert (row.status, row.provider_id, row.attempts) == ("sent", sid, 2)


async def test_a_reply_that_never_reached_twilio_before_its_dispatcher_died_is_sent(gateway, services, fake_twilio,
                                                                                   clock):
    await post_sms(gateway, sms_params("SM16", RESIDENT, "你好"))
    assert await a_dispatcher_dies_while_sending(services, clock, reached_twilio=False) is None
    await drive(services)
    [sent] = fake_twilio.sent
    assert fake_twilio.list_requests == 1
    with services.db.session() as s:
        row = s.scalar(select(OutboxMessage).where(OutboxMessage.recipient == RESIDENT))
        assert (row.status, row.provider_id) == ("sent", sent["sid"])


async def test_replies_sent_the_first_time_ask_twilio_nothing(gateway, services, fake_twilio):
    await post_sms(gateway, sms_params("SM17", RESIDENT, "你好"))
    await drive(services)
    assert len(fake_twilio.sent) == 1 and fake_twilio.list_requests == 0


async def test_mms_photos_are_downloaded_with_the_account_credentials_and_passed_to_the_engine(
        gateway, services, fake_twilio, fake_engine):
    fake_twilio.media["ME1"] = (JPEG, "image/jpeg")
    params = sms_params("MM1", RESIDENT, "垃圾堆在路边", NumMedia="1", MediaUrl0=fake_twilio.media_url("ME1"),
                        MediaContentType0="image/jpeg")
    assert (await post_sms(gateway, params)).status_code == 200
    await drive(services)
    [turn] = fake_engine.turns
    [photo_id] = turn["metadata"]["photos"]
    assert services.photos.path_of(photo_id).read_bytes() == JPEG
    with services.db.session() as s:
        media = s.scalar(select(InboundMedia))
        assert (media.photo_id, media.channel, media.size) == (photo_id, "sms", len(JPEG))
        assert s.scalar(select(InboxMessage.payload))["photos"] == [photo_id]


async def test_an_mms_photo_over_the_size_limit_is_skipped_but_the_report_is_taken(gateway, services, fake_twilio,
                                                                                  fake_engine):
    from bot.channels.twilio import TwilioMedia

    [media] = [step for step in services.kit.steps["sms"] if isinstance(step, TwilioMedia)]
    media.max_bytes = 10
    fake_twilio.media["BIG"] = (b"x" * 11, "image/jpeg")
    params = sms_params("MM2", RESIDENT, "路面塌陷", NumMedia="1", MediaUrl0=fake_twilio.media_url("BIG"),
                        MediaContentType0="image/jpeg")
    await post_sms(gateway, params)
    await drive(services)
    [turn] = fake_engine.turns
    assert turn["message"] == "路面塌陷"
    assert turn["metadata"]["photos"] == [] and turn["metadata"]["media_skipped"] == 1
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundMedia)) == 0


async def test_an_html_file_sent_as_an_mms_photo_is_skipped_the_report_taken_and_the_sender_told(
        gateway, services, fake_twilio, fake_engine):
    fake_twilio.media["FAKE"] = (HTML, "image/jpeg")
    fake_twilio.media["REAL"] = (PNG, "image/jpeg")  # the bytes' type is kept, not the declared one
    params = sms_params("MM3", RESIDENT, "井盖丢了", NumMedia="2", MediaUrl0=fake_twilio.media_url("FAKE"),
                        MediaContentType0="image/jpeg", MediaUrl1=fake_twilio.media_url("REAL"),
                        MediaContentType1="image/jpeg")
    await post_sms(gateway, params)
    await drive(services)
    [turn] = fake_engine.turns
    assert turn["message"] == "井盖丢了"
    [photo_id] = turn["metadata"]["photos"]
    assert turn["metadata"]["media_skipped"] == 1
    assert services.photos.path_of(photo_id).read_bytes() == PNG
    with services.db.session() as s:
        assert [(m.photo_id, m.content_type) for m in s.scalars(select(InboundMedia))] == [(photo_id, "image/png")]
    assert fake_twilio.bodies_to(RESIDENT) == ["收到：井盖丢了", NOT_AN_IMAGE]


@pytest.mark.parametrize("url", ["gone", "ftp://media.example.org/x.jpg", "not a url"])
async def test_an_mms_whose_only_photo_can_never_be_fetched_is_parked_at_once_and_the_sender_asked_to_resend(
        gateway, services, fake_twilio, fake_engine, url):
    media_url = fake_twilio.media_url(url) if url == "gone" else url  # the fake answers 404 for unknown media
    await post_sms(gateway, sms_params("MM3", RESIDENT, "", NumMedia="1", MediaUrl0=media_url,
                                       MediaContentType0="image/jpeg"))
    await post_sms(gateway, sms_params("SM4", RESIDENT, "路灯坏了"))
    await drive(services)
    [parked, answered] = inbox_rows(services)
    assert (parked.status, parked.attempts, parked.last_error) == (PARKED, 1, "TwilioMedia: MMS: none of its 1 "
                                                                              "media usable")
    assert answered.status == "done"
    assert [m["Body"] for m in fake_twilio.sent] == [PHOTO_NOT_RECEIVED, "收到：路灯坏了"]
    assert [t["message"] for t in fake_engine.turns] == ["路灯坏了"]


async def test_an_mms_item_that_is_not_an_image_is_skipped_but_the_report_is_taken(gateway, services, fake_twilio,
                                                                                  fake_engine):
    fake_twilio.media["CARD"] = (b"BEGIN:VCARD\nEND:VCARD", "text/x-vcard")  # declared image/jpeg below
    await post_sms(gateway, sms_params("MM5", RESIDENT, "井盖丢了", NumMedia="1",
                                       MediaUrl0=fake_twilio.media_url("CARD"), MediaContentType0="image/jpeg"))
    await drive(services)
    [turn] = fake_engine.turns
    assert turn["metadata"]["photos"] == [] and turn["metadata"]["media_skipped"] == 1
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundMedia)) == 0


async def test_an_mms_whose_media_host_never_answers_is_parked_after_the_last_attempt_and_the_next_sms_goes_on(
        gateway, services, fake_twilio, fake_engine, clock):
    services.inbox.max_attempts = 2
    await post_sms(gateway, sms_params("MM6", RESIDENT, "垃圾", NumMedia="1", MediaUrl0="http://127.0.0.1:1/m.jpg",
                                       MediaContentType0="image/jpeg"))
    await post_sms(gateway, sms_params("SM7", RESIDENT, "路灯坏了"))
    await drive(services)
    assert fake_engine.turns == []  # the MMS backs off; the SMS behind it waits
    clock.advance(seconds=services.inbox.backoff_seconds)
    await drive(services)
    [parked, answered] = inbox_rows(services)
    assert (parked.status, parked.last_error) == (PARKED, "TwilioMedia: ConnectError")
    assert answered.status == "done" and [t["message"] for t in fake_engine.turns] == ["路灯坏了"]
    assert [m["Body"] for m in fake_twilio.sent] == [APOLOGY, "收到：路灯坏了"]


async def test_a_registered_resident_who_texts_is_notified_by_sms_from_then_on(demo_db, gateway, services):
    from bot.core.notify import address_of
    from bot.store.models import Person

    with services.db.session() as s:
        s.scalar(select(Person).where(Person.phone == RESIDENT)).preferred_channel = "simulator"
    await post_sms(gateway, sms_params("SM20", RESIDENT, "你好"))
    await drive(services)
    with services.db.session() as s:
        assert address_of(s.scalar(select(Person).where(Person.phone == RESIDENT))) == ("sms", RESIDENT)
