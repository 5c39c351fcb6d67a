"""A fake of the parts of Twilio's REST API gridbot uses, on loopback: creating messages, listing
them (newest first, filtered by To and From) and serving MMS media (behind the account's basic auth)."""

from __future__ import annotations

import base64
import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import LoopbackServer

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-auth-token-0123456789abcdef"


@dataclass
class FakeTwilio:
    sent: list[dict[str, str]] = field(default_factory=list)
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    # The next create() calls fail with (http status, twilio code), one per call.
    failures: list[tuple[int, int]] = field(default_factory=list)
    # The next create() calls to one number fail with (http status, twilio code), one per call.
    failures_for: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    media_requests: int = 0
    list_requests: int = 0
    server: LoopbackServer | None = None

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    def media_url(self, name: str) -> str:
        return f"{self.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/MM1/Media/{name}"

    def app(self) -> Starlette:
        async def create(request: Request) -> Response:
            if _auth(request) != (ACCOUNT_SID, AUTH_TOKEN):
                return JSONResponse({"code": 20003, "message": "Authenticate", "status": 401}, status_code=401)
            form = {k: str(v) for k, v in (await request.form()).multi_items()}
            planned = self.failures_for.get(form.get("To", ""))
            if planned or self.failures:
                status, code = planned.pop(0) if planned else self.failures.pop(0)
                return JSONResponse({"code": code, "message": "fake failure", "status": status}, status_code=status)
            sid = f"SM{next(self._ids):032d}"
            self.sent.append({**form, "sid": sid, "at": f"{time.monotonic():.6f}",
                              "date_created": format_datetime(datetime.now(UTC), usegmt=True)})
            return JSONResponse(_message(self.sent[-1]), status_code=201)

        async def listing(request: Request) -> Response:
            self.list_requests += 1
            if _auth(request) != (ACCOUNT_SID, AUTH_TOKEN):
                return JSONResponse({"code": 20003, "message": "Authenticate", "status": 401}, status_code=401)
            wanted = {key: request.query_params[key] for key in ("To", "From") if key in request.query_params}
            found = [m for m in reversed(self.sent) if all(m.get(k) == v for k, v in wanted.items())]
            size = int(request.query_params.get("PageSize", "50"))
            return JSONResponse({"messages": [_message(m) for m in found[:size]],
                                 "page": 0, "page_size": size, "start": 0, "end": min(size, len(found)) - 1,
                                 "first_page_uri": str(request.url.path), "next_page_uri": None,
                                 "previous_page_uri": None, "uri": str(request.url.path)})

        async def media(request: Request) -> Response:
            self.media_requests += 1
            if _auth(request) != (ACCOUNT_SID, AUTH_TOKEN):
                return Response(status_code=401)
            item = self.media.get(request.path_params["name"])
            if item is None:
                return Response(status_code=404)
            return Response(item[0], media_type=item[1])

        return Starlette(routes=[
            Route("/2010-04-01/Accounts/{sid}/Messages.json", create, methods=["POST"]),
            Route("/2010-04-01/Accounts/{sid}/Messages.json", listing, methods=["GET"]),
            Route("/2010-04-01/Accounts/{sid}/Messages/{msg}/Media/{name}", media, methods=["GET"]),
        ])

    def start(self) -> FakeTwilio:
        self.server = LoopbackServer(self.app()).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.stop()

    def bodies_to(self, number: str) -> list[str]:
        return [m["Body"] for m in self.sent if m["To"] == number]


def _auth(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if not header.startswith("Basic "):
        return None
    user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    return user, password


def _message(sent: dict[str, str]) -> dict[str, Any]:
    """A message as Twilio's API renders it, from what the fake recorded of its creation."""
    return {"sid": sent["sid"], "account_sid": ACCOUNT_SID, "to": sent.get("To"), "from": sent.get("From"),
            "body": sent.get("Body"), "status": "queued", "num_segments": "1", "direction": "outbound-api",
            "date_created": sent["date_created"],
            "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sent['sid']}.json"}
