"""A fake Aliyun SMS API (dysmsapi 2017-05-25, RPC style) on loopback, for the SDK's endpoint: SendSms
(with the account's approved signature and templates only, as Aliyun checks them) and QuerySendDetails.
Failures can be queued per call: `failures` holds (Code, Message) answers for the next calls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.sms_provider import FakeSmsProvider

ACCESS_KEY_ID = "LTAI-fake-key-id"
ACCESS_KEY_SECRET = "fake-access-key-secret"
SIGN_NAME = "网格通"
CODES = {"ticket_received": "SMS_100001", "ticket_registered": "SMS_100002", "ticket_assigned": "SMS_100003",
         "ticket_progress": "SMS_100004", "ticket_resolved": "SMS_100005", "urge_escalated": "SMS_100006",
         "vote_open": "SMS_100007", "vote_result": "SMS_100008", "notice": "SMS_100009",
         "one_time_code": "SMS_100010", "contact_grid_worker": "SMS_100011", "vote_recorded": "SMS_100012",
         "optout_confirmed": "SMS_100013", "optin_confirmed": "SMS_100014", "sms_help": "SMS_100015"}


@dataclass
class FakeAliyunSms(FakeSmsProvider):
    first_id: int = 900001

    def app(self) -> Starlette:
        async def rpc(request: Request) -> Response:
            params: dict[str, Any] = dict(request.query_params)
            params.update(dict(await request.form()))
            # The SDK signs with ACS3-HMAC-SHA256: the key id in Authorization, the action in a header.
            authorization = request.headers.get("authorization", "")
            if f"Credential={ACCESS_KEY_ID}," not in authorization:
                return JSONResponse({"Code": "InvalidAccessKeyId.NotFound", "Message": "access key not found"},
                                    status_code=404)
            action = request.headers.get("x-acs-action") or params.get("Action")
            if action == "SendSms":
                if self.failures:
                    code, message = self.failures.pop(0)
                    return JSONResponse({"Code": code, "Message": message, "RequestId": "r-fail"})
                if params.get("SignName") != SIGN_NAME:
                    return JSONResponse({"Code": "isv.SMS_SIGNATURE_ILLEGAL", "Message": "签名不合法"})
                if params.get("TemplateCode") not in CODES.values():
                    return JSONResponse({"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模板不合法"})
                biz_id = f"{next(self._ids)}^0"
                self.sent.append({**params, "TemplateParam": json.loads(params.get("TemplateParam") or "{}"),
                                  "BizId": biz_id})
                return JSONResponse({"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": "r-ok"})
            if action == "QuerySendDetails":
                found = [s for s in self.sent if s["PhoneNumbers"] == params.get("PhoneNumber")]
                details = [{"PhoneNum": s["PhoneNumbers"], "OutId": s.get("OutId", ""), "SendStatus": 3,
                            "TemplateCode": s["TemplateCode"], "Content": s.get("_content", "")} for s in found]
                return JSONResponse({"Code": "OK", "Message": "OK", "TotalCount": str(len(details)),
                                     "SmsSendDetailDTOs": {"SmsSendDetailDTO": details}, "RequestId": "r-q"})
            return JSONResponse({"Code": "InvalidAction", "Message": "no such action"}, status_code=400)

        return Starlette(routes=[Route("/", rpc, methods=["GET", "POST"])])
