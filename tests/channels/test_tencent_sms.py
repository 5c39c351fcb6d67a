"""Template SMS through Tencent Cloud behind the same templates, with Tencent's API faked on loopback
(tests/fakes/tencent_sms.py): numbered variables in the template's order, the idempotency key in
SessionContext, its limits retried and its refusals not, and the replies and receipts it pushes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.channels.sms_template.templates import idempotency_key
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.channels.conftest import drive, with_fake_providers
from tests.conftest import RESIDENT
from tests.fakes.tencent_sms import APP_ID, SECRET_ID, SECRET_KEY, SIGN_NAME, TEMPLATE_IDS, FakeTencentSms

CALLBACK = "tencent-callback-token-0123"
RESOLVED = "工单T1023已办结：路灯换好了。请评价：1 满意 2 基本满意 3 不满意"


@pytest.fixture(scope="module")
def tencent_server() -> Iterator[FakeTencentSms]:
    fake = FakeTencentSms().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_tencent(tencent_server: FakeTencentSms) -> FakeTencentSms:
    tencent_server.reset()
    return tencent_server


@pytest.fixture
def channel_settings(settings, fake_twilio, fake_telegram, fake_tencent):
    return with_fake_providers(settings, fake_twilio, fake_telegram).model_copy(update={
        "tencent_sms_secret_id": SECRET_ID, "tencent_sms_secret_key": SecretStr(SECRET_KEY),
        "tencent_sms_app_id": APP_ID, "tencent_sms_sign_name": SIGN_NAME, "tencent_sms_templates": TEMPLATE_IDS,
        "tencent_sms_callback_token": SecretStr(CALLBACK), "tencent_sms_endpoint": fake_tencent.endpoint,
        "aliyun_sms_rate_per_second": 1000.0, "privacy_notice": False})


def queue(services, text: str, clock, recipient: str = RESIDENT) -> None:
    with services.db.session() as s:
        s.add(OutboxMessage(channel="tencent_sms", recipient=recipient, text=text, kind="notification",
                            created_at=clock.now(), next_attempt_at=clock.now()))


def rows(services) -> list[OutboxMessage]:
    with services.db.session() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_a_notice_goes_out_as_the_same_template_with_numbered_variables(services, fake_tencent, clock):
    queue(services, RESOLVED, clock)
    await drive(services)
    [sent] = fake_tencent.sent
    assert sent["TemplateId"] == TEMPLATE_IDS["ticket_resolved"] and sent["PhoneNumberSet"] == [RESIDENT]
    assert sent["TemplateParamSet"] == ["T1023", "路灯换好了"]  # {1}, {2} in the template's order
    assert sent["SessionContext"] == idempotency_key(RESIDENT, RESOLVED)
    assert (rows(services)[0].status, rows(services)[0].provider_id) == ("sent", sent["SerialNo"])


async def test_tencents_limits_are_retried_later_and_an_unapproved_template_is_not(services, fake_tencent, clock):
    fake_tencent.failures += [("LimitExceeded.PhoneNumberOneHourLimit", "超过频率"),
                              ("FailedOperation.TemplateIncorrectOrUnapproved", "模板未审批")]
    queue(services, RESOLVED, clock)
    queue(services, RESOLVED, clock, recipient="+8613900000002")
    await drive(services, rounds=1)
    first, second = rows(services)
    assert first.status == "pending" and "LimitExceeded" in first.last_error
    assert second.status == "dead" and "TemplateIncorrectOrUnapproved" in second.last_error


async def test_a_reply_pushed_twice_is_one_message_and_a_receipt_marks_delivery(gateway, services, fake_engine,
                                                                                fake_tencent, clock):
    reply = {"extend": "", "mobile": "13500000001", "nationcode": "86", "sign": SIGN_NAME, "text": "村口路灯坏了",
             "time": 1793610000}
    for _ in range(2):
        response = await gateway.post(f"/channels/tencent_sms/reply?token={CALLBACK}", json=reply)
        assert response.json() == {"result": 0, "errmsg": "OK"}
    await drive(services, rounds=1)
    assert [(t["sender"], t["message"]) for t in fake_engine.turns] == [("+8613500000001", "村口路灯坏了")]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == 1
    queue(services, RESOLVED, clock)
    await drive(services)
    receipt = [{"mobile": "13900000001", "nationcode": "86", "report_status": "FAIL", "errmsg": "E:BLACKLIST",
                "sid": fake_tencent.sent[-1]["SerialNo"]}]
    await gateway.post(f"/channels/tencent_sms/report?token={CALLBACK}", content=json.dumps(receipt))
    echo, notice = rows(services)  # the fake engine's echo is free text: no template carries it
    assert (echo.status, notice.status) == ("dead", "undelivered")
    assert (await gateway.post("/channels/tencent_sms/reply?token=nope", json=reply)).status_code == 403
