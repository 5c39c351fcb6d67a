"""Open311 media_url: a ticket's first photo, served by the API to keys with the read_private scope,
with the type its bytes say and nosniff; photos on no ticket and stored bytes that are no image are
never served."""

import hashlib

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.app.gateway import create_app
from bot.app.services import Services, build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import reports
from bot.messaging.ports import Inbound
from bot.store.db import Database
from tests.conftest import RESIDENT
from tests.core.helpers import RULES, make_report

BASE = "/open311/v2"
PUBLIC = "https://grid.example.org"
READER, FILER = "reader-key", "filer-key"
JPEG = b"\xff\xd8\xff\xe0 a small photo of a broken street lamp"
PNG = b"\x89PNG\r\n\x1a\n a small photo of a pothole"
HTML = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture
def services(settings: Settings, demo_db: Database, clock: FakeClock) -> Services:
    keys = [SecretStr(f"{READER}:read_private"), SecretStr(FILER)]
    return build_services(settings.model_copy(update={"public_base_url": PUBLIC, "open311_api_keys": keys}), clock)


def ticket_with_photo(services: Services, data: bytes, message: str, *, checked: bool = True) -> tuple[str, str]:
    photo = services.photos.save(data) if checked else stored_unchecked(services, data)
    message_id, _ = services.inbox.store(Inbound("simulator", message, RESIDENT, "路灯坏了", {"photos": [photo]}))
    with services.db.session() as s:
        number = reports.submit(s, services.clock, make_report(source_message_id=message_id), RULES).ticket.number
    return number, photo


def test_a_tickets_photo_is_its_media_url_for_a_read_private_key_and_served_with_nosniff(services):
    number, photo = ticket_with_photo(services, JPEG, "p1")
    with services.db.session() as s:
        bare = reports.submit(s, services.clock, make_report("楼道里堆满了杂物", category="fire_safety"), RULES)
    client = TestClient(create_app(services, run_workers=False))

    [found] = client.get(f"{BASE}/requests/{number}.json", params={"api_key": READER}).json()
    assert found["media_url"] == f"{PUBLIC}{BASE}/media/{photo}"
    fetched = client.get(found["media_url"].removeprefix(PUBLIC), params={"api_key": READER})
    assert fetched.status_code == 200 and fetched.content == JPEG
    assert fetched.headers["content-type"] == "image/jpeg"
    assert fetched.headers["x-content-type-options"] == "nosniff"
    [without] = client.get(f"{BASE}/requests/{bare.ticket.number}.json", params={"api_key": READER}).json()
    assert without["media_url"] is None


def test_photos_are_not_published_without_a_read_private_key(services):
    number, photo = ticket_with_photo(services, JPEG, "p1")
    client = TestClient(create_app(services, run_workers=False))
    assert client.get(f"{BASE}/requests/{number}.json").json()[0]["media_url"] is None
    for params in ({}, {"api_key": FILER}, {"api_key": "nope"}):
        assert client.get(f"{BASE}/media/{photo}", params=params).status_code == 403


def test_the_content_type_comes_from_the_bytes(services):
    _, photo = ticket_with_photo(services, PNG, "p2")
    client = TestClient(create_app(services, run_workers=False))
    fetched = client.get(f"{BASE}/media/{photo}", params={"api_key": READER})
    assert fetched.status_code == 200 and fetched.headers["content-type"] == "image/png"


def stored_unchecked(services: Services, data: bytes) -> str:
    """Bytes stored as a photo before photos were checked by their content."""
    photo = hashlib.sha256(data).hexdigest()
    services.photos.path_of(photo).parent.mkdir(parents=True, exist_ok=True)
    services.photos.path_of(photo).write_bytes(data)
    return photo


def test_stored_bytes_that_are_no_image_are_never_served(services):
    _, html = ticket_with_photo(services, HTML, "p3", checked=False)
    client = TestClient(create_app(services, run_workers=False))
    refused = client.get(f"{BASE}/media/{html}", params={"api_key": READER})
    assert refused.status_code == 404 and b"alert" not in refused.content


def test_photos_on_no_ticket_and_unknown_ids_are_404(services):
    stray = services.photos.save(JPEG + b" on no ticket")
    client = TestClient(create_app(services, run_workers=False))
    for photo_id in (stray, "0" * 64, "..", "%2e%2e"):
        assert client.get(f"{BASE}/media/{photo_id}", params={"api_key": READER}).status_code == 404
