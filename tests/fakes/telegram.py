"""A fake Telegram Bot API on loopback for PTB's `base_url`/`base_file_url`: getMe, sendMessage,
answerCallbackQuery, getFile and file downloads, deleteWebhook and getUpdates."""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import LoopbackServer

TOKEN = "123456:FAKE-token_for-tests"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "网格通", "username": "gridbot_test_bot"}


@dataclass
class FakeTelegram:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # file_id → bytes
    updates: list[dict[str, Any]] = field(default_factory=list)  # served by getUpdates
    file_downloads: int = 0
    server: LoopbackServer | None = None

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/bot"

    @property
    def base_file_url(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/file/bot"

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def app(self) -> Starlette:
        async def method(request: Request) -> Response:
            if request.path_params["token"] != TOKEN:
                return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401)
            name = request.path_params["method"]
            params = await _params(request)
            self.calls.append((name, params))
            if name == "getMe":
                return _ok(BOT_USER)
            if name == "sendMessage":
                chat_id = int(params["chat_id"])
                return _ok({"message_id": next(self._ids), "date": 1764400000, "text": params.get("text", ""),
                            "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER})
            if name in ("answerCallbackQuery", "deleteWebhook", "setWebhook"):
                return _ok(True)
            if name == "getFile":
                file_id = params["file_id"]
                if file_id not in self.files:
                    return JSONResponse({"ok": False, "error_code": 400, "description": "Bad Request: file not found"},
                                        status_code=400)
                return _ok({"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(self.files[file_id]),
                            "file_path": f"photos/{file_id}.jpg"})
            if name == "getUpdates":
                offset = int(params.get("offset") or 0)
                pending = [u for u in self.updates if u["update_id"] >= offset]
                if not pending:
                    await asyncio.sleep(min(float(params.get("timeout") or 0), 0.2))
                return _ok(pending)
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)

        async def download(request: Request) -> Response:
            if request.path_params["token"] != TOKEN:
                return Response(status_code=401)
            self.file_downloads += 1
            file_id = request.path_params["path"].rsplit("/", 1)[-1].removesuffix(".jpg")
            return Response(self.files.get(file_id, b""), media_type="image/jpeg")

        return Starlette(routes=[
            Route("/bot{token}/{method}", method, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", download, methods=["GET"]),
        ])

    def start(self) -> FakeTelegram:
        self.server = LoopbackServer(self.app()).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.stop()


def _ok(result: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result})


async def _params(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.body()
        return json.loads(body) if body else {}
    form = await request.form()
    params: dict[str, Any] = {}
    for key, value in form.multi_items():
        text = str(value)
        try:
            params[key] = json.loads(text) if text[:1] in "{[" else text
        except ValueError:
            params[key] = text
    return params
