"""The simulator takes a photo only if its bytes are an image."""

import base64

import pytest
from sqlalchemy import func, select

from bot.store.message_models import InboxMessage
from tests.conftest import RESIDENT
from tests.fakes.images import HTML, PNG


@pytest.fixture
def channel_settings(channel_settings):
    return channel_settings.model_copy(update={"simulator_wait_seconds": 0})


def inbox_count(services) -> int:
    with services.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(InboxMessage)))


async def test_an_html_file_sent_as_a_photo_is_refused_with_a_422_and_nothing_is_stored(gateway, services):
    body = {"from": RESIDENT, "text": "路灯坏了", "photo": base64.b64encode(HTML).decode()}
    response = await gateway.post("/channels/simulator", json=body)
    assert response.status_code == 422
    assert "photo must be a JPEG, PNG, GIF or WEBP image" in response.text
    assert inbox_count(services) == 0
    assert not services.photos.folder.exists() or not any(services.photos.folder.rglob("*"))


async def test_a_png_photo_is_stored_and_its_type_known_from_its_bytes(gateway, services):
    body = {"from": RESIDENT, "text": "路灯坏了", "photo": base64.b64encode(PNG).decode()}
    response = await gateway.post("/channels/simulator", json=body)
    assert response.status_code == 202
    with services.db.session() as s:
        [photo_id] = s.scalar(select(InboxMessage.payload))["photos"]
    assert services.photos.content_type_of(photo_id) == "image/png"
