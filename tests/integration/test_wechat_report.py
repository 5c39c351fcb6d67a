"""A resident on the WeChat Official Account, through the real engine and action server, in safe mode
(every callback AES-encrypted and signed as WeChat's servers do): a text report becomes a ticket and the
reply goes out by the customer-service API; a location, then a photo, then a sentence make a ticket
located in the grid holding the point, with the photo downloaded through the media API.

WeChat's API is the fake on loopback (WECHAT_API_BASE_URL); the gateway and worker are this test's
own, configured for the Official Account, in place of the session stack's for the duration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import POINT_IN_GRID_1, WORKER
from tests.fakes.images import jpeg
from tests.fakes.wechat import AES_KEY, APP_ID, APP_SECRET, TOKEN, FakeWeChat, Follower
from tests.integration.stack import Stack
from tests.waiting import eventually_sync

pytestmark = pytest.mark.engine
PHOTO = jpeg("a pile of rubbish by the road")


@pytest.fixture
def wechat_stack(stack: Stack) -> Iterator[tuple[Stack, FakeWeChat]]:
    wechat = FakeWeChat().start()
    env = {"WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET, "WECHAT_TOKEN": TOKEN,
           "WECHAT_ENCODING_AES_KEY": AES_KEY, "WECHAT_API_BASE_URL": wechat.base_url,
           "WECHAT_RATE_PER_SECOND": "1000"}
    try:
        with stack.gateway_with(env):
            yield stack, wechat
    finally:
        wechat.stop()


def deliver(stack: Stack, follower: Follower, xml: str) -> None:
    query, body = follower.request(xml)
    response = httpx.post(f"{stack.gateway_url}/channels/wechat?{query}", content=body, timeout=15,
                          headers={"Content-Type": "text/xml"})
    assert (response.status_code, response.text) == (200, "success")


def wait_for(found: Any, timeout: float = 60.0) -> Any:
    return eventually_sync(found, timeout=timeout, interval=0.2)


def ticket_of(db: Database, address: str) -> Any:
    def find() -> Ticket | None:
        with db.session() as s:
            row = s.scalar(select(Ticket).where(Ticket.reporter_address == address).order_by(Ticket.id.desc()))
            if row is not None:
                _ = (row.unit, row.photos)
            return row
    return find


def test_an_encrypted_text_becomes_a_ticket_answered_by_the_customer_service_api(wechat_stack):
    stack, wechat = wechat_stack
    follower = Follower("oResident_text_01")
    db = Database(stack.settings.resolved_database_url)
    try:
        text = follower.text("阳光小区3栋门口的路灯坏了好几天了", msg_id=31000001)
        for _ in range(3):  # WeChat's retries: one message, one ticket
            deliver(stack, follower, text)
        opened = wait_for(ticket_of(db, follower.address))
        assert "路灯" in opened.text
        replies = wait_for(lambda: [m["text"]["content"] for m in wechat.sent
                                    if m["touser"] == follower.openid and opened.number in m["text"]["content"]])
        assert re.search(r"T\d{4,}", replies[0])
        with db.session() as s:
            count = len(s.scalars(select(Ticket.id).where(Ticket.reporter_address == follower.address)).all())
        assert count == 1
    finally:
        db.dispose()


def test_a_location_and_a_photo_from_the_account_make_a_located_ticket_with_the_photo(wechat_stack):
    stack, wechat = wechat_stack
    wechat.media["MEDIA_RUBBISH"] = PHOTO
    follower = Follower("oResident_photo_01")
    db = Database(stack.settings.resolved_database_url)
    try:
        deliver(stack, follower, follower.location(*POINT_IN_GRID_1, label="阳光小区"))
        deliver(stack, follower, follower.image("MEDIA_RUBBISH"))
        wait_for(lambda: len([m for m in wechat.sent if m["touser"] == follower.openid]) >= 2)
        deliver(stack, follower, follower.text("路边垃圾堆了好几天没人清运"))
        opened = wait_for(ticket_of(db, follower.address))
        assert (opened.lat, opened.lon) == POINT_IN_GRID_1
        assert opened.unit.name == "幸福社区第1网格"
        [photo] = opened.photos
        stored = stack.settings.var_dir / "photos" / photo.photo_id[:2] / photo.photo_id
        assert stored.read_bytes() == PHOTO
        assert wechat.media_downloads == 1
        told = wait_for(lambda: [m["text"] for m in stack.outbox(WORKER) if opened.number in m["text"]])
        assert "附照片1张" in told[0]
        wait_for(lambda: [m for m in wechat.sent if m["touser"] == follower.openid
                          and opened.number in m["text"]["content"]])
    finally:
        db.dispose()
