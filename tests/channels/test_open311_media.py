"""Open311 media_url: a ticket's first photo, served by the API; photos on no ticket are not."""

from fastapi.testclient import TestClient

from bot.app.gateway import create_app
from bot.app.services import build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import reports
from bot.messaging.ports import Inbound
from bot.store.db import Database
from tests.conftest import RESIDENT
from tests.core.helpers import RULES, make_report

BASE = "/open311/v2"
JPEG = b"\xff\xd8\xff\xe0 a small photo of a broken street lamp"


def test_a_tickets_photo_is_its_media_url_and_can_be_fetched(settings: Settings, demo_db: Database,
                                                            clock: FakeClock):
    services = build_services(settings.model_copy(update={"public_base_url": "https://grid.example.org"}), clock)
    photo = services.photos.save(JPEG)
    stray = services.photos.save(JPEG + b" on no ticket")
    message_id, _ = services.inbox.store(Inbound("simulator", "p1", RESIDENT, "路灯坏了", {"photos": [photo]}))
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report(source_message_id=message_id), RULES).ticket.number
        bare = reports.submit(s, clock, make_report("楼道里堆满了杂物", category="fire_safety"), RULES).ticket.number
    client = TestClient(create_app(services, run_workers=False))

    [found] = client.get(f"{BASE}/requests/{number}.json").json()
    assert found["media_url"] == f"https://grid.example.org{BASE}/media/{photo}"
    fetched = client.get(found["media_url"].removeprefix("https://grid.example.org"))
    assert fetched.status_code == 200 and fetched.content == JPEG
    assert fetched.headers["content-type"] == "image/jpeg"
    assert client.get(f"{BASE}/requests/{bare}.json").json()[0]["media_url"] is None
    assert client.get(f"{BASE}/media/{stray}").status_code == 404
    assert client.get(f"{BASE}/media/{'0' * 64}").status_code == 404
