"""A fake Tencent Cloud SMS API (sms 2021-01-11, TC3 signed JSON) on loopback for the SDK's endpoint:
SendSms with the account's approved signature and templates only. `failures` holds (Code, Message)
answers for the next sends."""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.sms_provider import FakeSmsProvider

SECRET_ID = "AKID-fake-secret-id"
SECRET_KEY = "fake-secret-key"
APP_ID = "1400000001"
SIGN_NAME = "网格通"
TEMPLATE_IDS = {kind: str(2000000 + n) for n, kind in enumerate([
    "ticket_received", "ticket_registered", "ticket_assigned", "ticket_progress", "ticket_resolved",
    "urge_escalated", "vote_open", "vote_recorded", "vote_result", "notice", "optout_confirmed", "optin_confirmed",
    "sms_help", "one_time_code", "contact_grid_worker"])}


@dataclass
class FakeTencentSms(FakeSmsProvider):
    first_id: int = 1

    def app(self) -> Starlette:
        async def api(request: Request) -> Response:
            if f"Credential={SECRET_ID}/" not in request.headers.get("authorization", ""):
                return _error("AuthFailure.SecretIdNotFound", "secret id not found")
            if request.headers.get("x-tc-action") != "SendSms":
                return _error("InvalidAction", "no such action")
            body = json.loads(await request.body())
            if self.failures:
                code, message = self.failures.pop(0)
                return _error(code, message)
            if body.get("SignName") != SIGN_NAME or body.get("SmsSdkAppId") != APP_ID:
                return _error("FailedOperation.SignatureIncorrectOrUnapproved", "签名未审批或格式错误")
            if body.get("TemplateId") not in TEMPLATE_IDS.values():
                return _error("FailedOperation.TemplateIncorrectOrUnapproved", "模板未审批或内容不匹配")
            serial = f"2433:{next(self._ids)}"
            self.sent.append({**body, "SerialNo": serial})
            statuses = [{"SerialNo": serial, "PhoneNumber": phone, "Fee": 1, "Code": "Ok", "Message": "send success",
                         "SessionContext": body.get("SessionContext"), "IsoCode": "CN"}
                        for phone in body["PhoneNumberSet"]]
            return JSONResponse({"Response": {"SendStatusSet": statuses, "RequestId": "req-ok"}})

        return Starlette(routes=[Route("/", api, methods=["POST"])])


def _error(code: str, message: str) -> JSONResponse:
    return JSONResponse({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": "req-err"}})
