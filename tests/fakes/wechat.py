"""A fake WeChat Official Account API on loopback (wechatpy's `API_BASE_URL` points at it): access tokens
(a new one invalidates the old, as WeChat's do), customer-service messages with the 45015 window,
subscription notices (43101 for a follower who did not accept one), temporary media, the menu. And
`Follower`, which writes callbacks as WeChat's servers do: plain or encrypted XML with the query string signed."""

from __future__ import annotations

import hashlib
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
from wechatpy.crypto import WeChatCrypto

from tests.fakes.server import LoopbackServer

APP_ID = "wx1234567890abcdef"
APP_SECRET = "fake-app-secret-for-tests"
TOKEN = "gridbotToken2026"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters


@dataclass
class FakeWeChat:
    sent: list[dict[str, Any]] = field(default_factory=list)  # accepted customer-service messages
    media: dict[str, bytes] = field(default_factory=dict)  # media_id → bytes
    outside_window: set[str] = field(default_factory=set)  # openids WeChat answers 45015 for
    token_fetches: int = 0
    media_downloads: int = 0
    menus: list[dict[str, Any]] = field(default_factory=list)
    subscribed: list[dict[str, Any]] = field(default_factory=list)  # accepted subscription notices (bizsend)
    refused: set[str] = field(default_factory=set)  # openids that did not accept a subscription: 43101
    subscribe_calls: int = 0
    stale_answers: int = 0  # the next N calls answer 40001 whatever the token (another process fetched one)
    server: LoopbackServer | None = None

    def __post_init__(self) -> None:
        self._tokens = itertools.count(1)
        self.valid_token = ""

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/cgi-bin/"

    def invalidate_token(self) -> None:
        """As if someone else fetched a token: the one gridbot holds stops working."""
        self.valid_token = f"elsewhere-{next(self._tokens)}"

    def reset(self) -> None:
        self.sent.clear()
        self.media.clear()
        self.outside_window.clear()
        self.menus.clear()
        self.subscribed.clear()
        self.refused.clear()
        self.token_fetches = self.media_downloads = self.stale_answers = self.subscribe_calls = 0

    def _token_error(self, request: Request) -> JSONResponse | None:
        if self.stale_answers:
            self.stale_answers -= 1
            return JSONResponse({"errcode": 40001, "errmsg": "invalid credential"})
        if request.query_params.get("access_token") != self.valid_token or not self.valid_token:
            return JSONResponse({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"})
        return None

    def app(self) -> Starlette:
        async def token(request: Request) -> Response:
            q = request.query_params
            if q.get("appid") != APP_ID or q.get("secret") != APP_SECRET:
                return JSONResponse({"errcode": 40125, "errmsg": "invalid appsecret"})
            self.token_fetches += 1
            self.valid_token = f"token-{next(self._tokens)}"
            return JSONResponse({"access_token": self.valid_token, "expires_in": 7200})

        async def custom_send(request: Request) -> Response:
            if (error := self._token_error(request)) is not None:
                return error
            body = json.loads(await request.body())
            if body.get("touser") in self.outside_window:
                return JSONResponse({"errcode": 45015, "errmsg": "response out of time limit"})
            self.sent.append(body)
            return JSONResponse({"errcode": 0, "errmsg": "ok"})

        async def subscribe_send(request: Request) -> Response:
            if (error := self._token_error(request)) is not None:
                return error
            self.subscribe_calls += 1
            body = json.loads(await request.body())
            if not body.get("template_id") or not isinstance(body.get("data"), dict):
                return JSONResponse({"errcode": 47003, "errmsg": "argument invalid!"})
            if any(len(str(v.get("value", ""))) > 20 for k, v in body["data"].items() if k.startswith("thing")):
                return JSONResponse({"errcode": 47003, "errmsg": "argument invalid! data.thing.value exceeds"})
            if body.get("touser") in self.refused:
                return JSONResponse({"errcode": 43101, "errmsg": "user refuse to accept the msg"})
            self.subscribed.append(body)
            return JSONResponse({"errcode": 0, "errmsg": "ok", "msgid": 3000000000 + len(self.subscribed)})

        async def media_get(request: Request) -> Response:
            if (error := self._token_error(request)) is not None:
                return error
            data = self.media.get(request.query_params.get("media_id", ""))
            if data is None:
                return JSONResponse({"errcode": 40007, "errmsg": "invalid media_id"})
            self.media_downloads += 1
            voice = data.startswith(b"#!AMR")
            return Response(data, media_type="audio/amr" if voice else "image/jpeg",
                            headers={"Content-Disposition": 'attachment; filename="{}"'.format(
                                "voice.amr" if voice else "photo.jpg")})

        async def menu_create(request: Request) -> Response:
            if (error := self._token_error(request)) is not None:
                return error
            self.menus.append(json.loads(await request.body()))
            return JSONResponse({"errcode": 0, "errmsg": "ok"})

        return Starlette(routes=[
            Route("/cgi-bin/token", token, methods=["GET"]),
            Route("/cgi-bin/message/custom/send", custom_send, methods=["POST"]),
            Route("/cgi-bin/message/subscribe/bizsend", subscribe_send, methods=["POST"]),
            Route("/cgi-bin/media/get", media_get, methods=["GET"]),
            Route("/cgi-bin/menu/create", menu_create, methods=["POST"]),
        ])

    def start(self) -> FakeWeChat:
        self.server = LoopbackServer(self.app()).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.stop()


_msg_ids = itertools.count(24000000000000001)


@dataclass
class Follower:
    """A follower's messages as WeChat's servers post them to the account's server URL."""

    openid: str
    token: str = TOKEN
    aes_key: str | None = AES_KEY
    appid: str = APP_ID
    now: float | None = None  # the callbacks' timestamp (defaults to the wall clock)

    @property
    def address(self) -> str:
        return f"wx:{self.openid}"

    def _xml(self, msg_type: str, fields: str, *, msg_id: int | None = None, create_time: int | None = None) -> str:
        created = create_time if create_time is not None else int(self.now or time.time())
        ident = "" if msg_type == "event" else f"<MsgId>{msg_id if msg_id is not None else next(_msg_ids)}</MsgId>"
        return (f"<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><FromUserName><![CDATA[{self.openid}]]>"
                f"</FromUserName><CreateTime>{created}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
                f"{fields}{ident}</xml>")

    def text(self, content: str, *, msg_id: int | None = None) -> str:
        return self._xml("text", f"<Content><![CDATA[{content}]]></Content>", msg_id=msg_id)

    def image(self, media_id: str) -> str:
        return self._xml("image", f"<PicUrl><![CDATA[http://mmbiz.example/{media_id}]]></PicUrl>"
                                  f"<MediaId><![CDATA[{media_id}]]></MediaId>")

    def voice(self, media_id: str, recognition: str = "") -> str:
        return self._xml("voice", f"<MediaId><![CDATA[{media_id}]]></MediaId><Format><![CDATA[amr]]></Format>"
                                  f"<Recognition><![CDATA[{recognition}]]></Recognition>")

    def location(self, lat: float, lon: float, label: str = "") -> str:
        return self._xml("location", f"<Location_X>{lat}</Location_X><Location_Y>{lon}</Location_Y>"
                                     f"<Scale>15</Scale><Label><![CDATA[{label}]]></Label>")

    def event(self, event: str, key: str = "", *, create_time: int | None = None) -> str:
        return self._xml("event", f"<Event><![CDATA[{event}]]></Event><EventKey><![CDATA[{key}]]></EventKey>",
                         create_time=create_time)

    def request(self, xml: str, *, token: str | None = None) -> tuple[str, bytes]:
        """(query string, body) for a POST: signed, and encrypted when the account has a key."""
        timestamp, nonce = str(int(self.now or time.time())), f"n{next(_msg_ids) % 100000}"
        signing = token if token is not None else self.token
        params = {"signature": sign(signing, timestamp, nonce), "timestamp": timestamp, "nonce": nonce,
                  "openid": self.openid}
        if not self.aes_key:
            return urlencode(params), xml.encode()
        crypto = WeChatCrypto(signing, self.aes_key, self.appid)
        wrapped = crypto.encrypt_message(xml, nonce, timestamp)
        encrypted = wrapped.split("<Encrypt><![CDATA[", 1)[1].split("]]>", 1)[0]
        params.update(encrypt_type="aes", msg_signature=sign(signing, timestamp, nonce, encrypted))
        body = f"<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
        return urlencode(params), body.encode()


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()
