"""Template SMS through Aliyun's SMS service (dysmsapi 2017-05-25) with its SDK, on the event loop.

A message goes out as the template that carries it (`sms_template.templates`: the payload names one,
or the bot's text is read into one); one no template carries could never go out, and is dead at once.
Each message has an idempotency key, Aliyun's OutId (from the number and the text, so the same message
tried again keeps it): a message whose sender died mid-send is looked up by it (`find_sent`) before it
is sent again. The SDK's own retries are off: the outbox retries. Mainland numbers only.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from alibabacloud_dysmsapi20170525 import models
from alibabacloud_dysmsapi20170525.client import Client, RuntimeOptions
from alibabacloud_tea_openapi.models import Config

from bot.channels.sms_template.templates import TemplateError, for_message, idempotency_key, is_mainland_mobile
from bot.common.clock import Clock
from bot.messaging.ports import Channel, SendError

log = logging.getLogger(__name__)
CHANNEL = "aliyun_sms"
# Aliyun's answers worth trying again later; any other code is the message's or the account's fault.
TRANSIENT = {"isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "isv.AMOUNT_NOT_ENOUGH", "isp.SYSTEM_ERROR",
             "isp.RAM_PERMISSION_DENY", "Throttling.User", "Throttling", "SignatureNonceUsed", "ServiceUnavailable"}


def mainland(recipient: str) -> str:
    if not is_mainland_mobile(recipient):
        raise SendError(f"not a mainland mobile number: {recipient[:4]}…", permanent=True)
    return recipient[3:]


out_id = idempotency_key  # Aliyun's OutId


class AliyunSmsChannel(Channel):
    name = CHANNEL

    def __init__(self, access_key_id: str, access_key_secret: str, sign_name: str, codes: dict[str, str], clock: Clock,
                 *, endpoint: str = "dysmsapi.aliyuncs.com", timeout_ms: int = 10000) -> None:
        protocol = "http" if endpoint.startswith(("127.", "localhost")) else "https"  # a fake on loopback only
        self.client = Client(Config(access_key_id=access_key_id, access_key_secret=access_key_secret,
                                    endpoint=endpoint, protocol=protocol))
        self.sign_name = sign_name
        self.codes = codes
        self.clock = clock
        self.timeout_ms = timeout_ms

    def _runtime(self) -> RuntimeOptions:
        return RuntimeOptions(autoretry=False, max_attempts=1, read_timeout=self.timeout_ms,
                              connect_timeout=self.timeout_ms)

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        phone = mainland(recipient)
        try:
            entry, values, _shown = for_message(text, payload, self.sign_name)
        except TemplateError as exc:
            raise SendError(f"template SMS: {exc}", permanent=True) from exc
        code = self.codes.get(entry.kind)
        if not code:
            raise SendError(f"template SMS: no approved template code set for {entry.kind}", permanent=True)
        request = models.SendSmsRequest(phone_numbers=phone, sign_name=self.sign_name, template_code=code,
                                        template_param=json.dumps(values, ensure_ascii=False),
                                        out_id=out_id(recipient, text))
        try:
            response = await self.client.send_sms_with_options_async(request, self._runtime())
        except Exception as exc:  # the SDK raises its own errors, and aiohttp's
            raise SendError(f"aliyun sms unreachable or refused: {_code_of(exc)}", permanent=False) from exc
        body = response.body
        if body.code != "OK":
            raise SendError(f"aliyun sms refused: {body.code}", permanent=body.code not in TRANSIENT)
        return str(body.biz_id)

    async def find_sent(self, recipient: str, text: str, since: datetime) -> str | None:
        """The BizId of a message with this OutId sent to the number since `since` (Aliyun keeps a day's
        sends per number and date)."""
        phone, key = mainland(recipient), out_id(recipient, text)
        day, today = since.date(), self.clock.now().date()
        while day <= today:
            request = models.QuerySendDetailsRequest(phone_number=phone, send_date=day.strftime("%Y%m%d"),
                                                     page_size=50, current_page=1)
            try:
                response = await self.client.query_send_details_with_options_async(request, self._runtime())
            except Exception as exc:
                raise SendError(f"aliyun sms unreachable: {_code_of(exc)}", permanent=False) from exc
            details = response.body.sms_send_detail_dtos
            for detail in (details.sms_send_detail_dto if details else None) or []:
                if detail.out_id == key:
                    return f"outid:{key}"
            day += timedelta(days=1)
        return None


def _code_of(exc: Exception) -> str:
    return str(getattr(exc, "code", None) or type(exc).__name__)
