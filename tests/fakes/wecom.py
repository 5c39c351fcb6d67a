"""A fake WeCom API on loopback (the enterprise client's `API_BASE_URL`): gettoken, message/send (text and
text cards), user/get (members' mobiles). And `Member`, who writes encrypted callbacks as WeCom's servers do."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from wechatpy.enterprise.crypto import WeChatCrypto

from tests.fakes.server import LoopbackServer
from tests.fakes.wechat import sign

CORP_ID = "ww0123456789abcdef"
AGENT_ID = 1000002
SECRET = "fake-wecom-app-secret"
TOKEN = "wecomToken2026"
AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut"  # 43 characters


@dataclass
class FakeWeCom:
    sent: list[dict[str, Any]] = field(default_factory=list)
    mobiles: dict[str, str] = field(default_factory=dict)  # userid → mobile
    token_fetches: int = 0
    server: LoopbackServer | None = None

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self.valid_token = ""

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/cgi-bin/"

    def reset(self) -> None:
        self.sent.clear()
        self.mobiles.clear()
        self.token_fetches = 0

    def app(self) -> Starlette:
        def stale(request: Request) -> JSONResponse | None:
            if not self.valid_token or request.query_params.get("access_token") != self.valid_token:
                return JSONResponse({"errcode": 40014, "errmsg": "invalid access_token"})
            return None

        async def gettoken(request: Request) -> Response:
            if request.query_params.get("corpid") != CORP_ID or request.query_params.get("corpsecret") != SECRET:
                return JSONResponse({"errcode": 40001, "errmsg": "invalid secret"})
            self.token_fetches += 1
            self.valid_token = f"wecom-token-{next(self._ids)}"
            return JSONResponse({"errcode": 0, "errmsg": "ok", "access_token": self.valid_token, "expires_in": 7200})

        async def send(request: Request) -> Response:
            if (error := stale(request)) is not None:
                return error
            body = json.loads(await request.body())
            unknown = [u for u in body["touser"].split("|") if u not in self.mobiles]
            if unknown:
                return JSONResponse({"errcode": 0, "errmsg": "ok", "invaliduser": "|".join(unknown)})
            self.sent.append(body)
            return JSONResponse({"errcode": 0, "errmsg": "ok", "msgid": f"msg-{next(self._ids)}"})

        async def user_get(request: Request) -> Response:
            if (error := stale(request)) is not None:
                return error
            userid = request.query_params.get("userid", "")
            if userid not in self.mobiles:
                return JSONResponse({"errcode": 60111, "errmsg": "userid not found"})
            return JSONResponse({"errcode": 0, "errmsg": "ok", "userid": userid, "mobile": self.mobiles[userid]})

        return Starlette(routes=[Route("/cgi-bin/gettoken", gettoken), Route("/cgi-bin/user/get", user_get),
                                 Route("/cgi-bin/message/send", send, methods=["POST"])])

    def start(self) -> FakeWeCom:
        self.server = LoopbackServer(self.app()).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.stop()


_ids = itertools.count(7100000000000001)


@dataclass
class Member:
    userid: str
    now: float | None = None

    def text(self, content: str, *, msg_id: int | None = None) -> str:
        created = int(self.now or time.time())
        return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{self.userid}]]>"
                f"</FromUserName><CreateTime>{created}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id or next(_ids)}</MsgId>"
                f"<AgentID>{AGENT_ID}</AgentID></xml>")

    def request(self, xml: str, *, token: str = TOKEN) -> tuple[str, bytes]:
        timestamp, nonce = str(int(self.now or time.time())), f"n{next(_ids) % 100000}"
        wrapped = WeChatCrypto(token, AES_KEY, CORP_ID).encrypt_message(xml, nonce, timestamp)
        encrypted = wrapped.split("<Encrypt><![CDATA[", 1)[1].split("]]>", 1)[0]
        query = {"msg_signature": sign(token, timestamp, nonce, encrypted), "timestamp": timestamp, "nonce": nonce}
        body = f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt>" \
               f"<AgentID><![CDATA[{AGENT_ID}]]></AgentID></xml>"
        return urlencode(query), body.encode()

    def url_check(self, echo: str, *, token: str = TOKEN) -> dict[str, str]:
        timestamp, nonce = str(int(self.now or time.time())), "n-check"
        wrapped = WeChatCrypto(token, AES_KEY, CORP_ID).encrypt_message(echo, nonce, timestamp)
        echostr = wrapped.split("<Encrypt><![CDATA[", 1)[1].split("]]>", 1)[0]
        return {"msg_signature": sign(token, timestamp, nonce, echostr), "timestamp": timestamp, "nonce": nonce,
                "echostr": echostr}
