"""Template SMS through Tencent Cloud (sms 2021-01-11) with its SDK's async client, behind the same
templates as Aliyun (`sms_template.templates`): Tencent's templates number their variables ({1}, {2}…),
given in the order the template lists them. SessionContext carries the idempotency key. The SDK's own
retries are off (the outbox retries). Mainland numbers only."""

from __future__ import annotations

from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models
from tencentcloud.sms.v20210111.sms_client_async import SmsClient

from bot.channels.sms_template.templates import TemplateError, for_message, idempotency_key, is_mainland_mobile
from bot.messaging.ports import Channel, SendError

CHANNEL = "tencent_sms"
TRANSIENT_PREFIXES = ("LimitExceeded", "InternalError", "RequestLimitExceeded", "ResourceUnavailable")


class TencentSmsChannel(Channel):
    name = CHANNEL

    def __init__(self, secret_id: str, secret_key: str, app_id: str, sign_name: str, codes: dict[str, str], *,
                 region: str = "ap-guangzhou", endpoint: str = "sms.tencentcloudapi.com", timeout: int = 10) -> None:
        scheme = "http" if endpoint.startswith(("127.", "localhost")) else "https"  # a fake on loopback only
        profile = ClientProfile(httpProfile=HttpProfile(protocol=scheme, endpoint=endpoint, reqTimeout=timeout))
        self.client = SmsClient(credential.Credential(secret_id, secret_key), region, profile)
        self.app_id = app_id
        self.sign_name = sign_name
        self.codes = codes

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        if not is_mainland_mobile(recipient):
            raise SendError(f"not a mainland mobile number: {recipient[:4]}…", permanent=True)
        try:
            entry, values, _shown = for_message(text, payload, self.sign_name)
        except TemplateError as exc:
            raise SendError(f"template SMS: {exc}", permanent=True) from exc
        template_id = self.codes.get(entry.kind)
        if not template_id:
            raise SendError(f"template SMS: no approved template id set for {entry.kind}", permanent=True)
        request = models.SendSmsRequest()
        request.PhoneNumberSet = [recipient]
        request.SmsSdkAppId, request.SignName, request.TemplateId = self.app_id, self.sign_name, template_id
        request.TemplateParamSet = [values[var.name] for var in entry.vars]
        request.SessionContext = idempotency_key(recipient, text)
        try:
            response = await self.client.SendSms(request)
        except TencentCloudSDKException as exc:
            code = str(exc.get_code() or "")
            raise SendError(f"tencent sms refused: {code}", permanent=not code.startswith(TRANSIENT_PREFIXES)) from exc
        except Exception as exc:  # the network (httpx)
            raise SendError(f"tencent sms unreachable: {type(exc).__name__}", permanent=False) from exc
        [status] = response.SendStatusSet or [None]
        if status is None:
            raise SendError("tencent sms: no status in the answer", permanent=False)
        if status.Code != "Ok":
            code = str(status.Code)
            raise SendError(f"tencent sms refused: {code}", permanent=not code.startswith(TRANSIENT_PREFIXES))
        return str(status.SerialNo)
