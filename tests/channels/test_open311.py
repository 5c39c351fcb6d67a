"""Open311 GeoReport v2 over the tickets, checked against the spec's shapes and errors."""

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.app.gateway import create_app
from bot.app.services import build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.store.db import Database
from tests.conftest import POINT_IN_GRID_1, RESIDENT

KEY = "test-key-123"
BASE = "/open311/v2"


@pytest.fixture
def client(settings: Settings, demo_db: Database, clock: FakeClock) -> TestClient:
    services = build_services(settings.model_copy(update={"open311_api_keys": [SecretStr(KEY)]}), clock)
    return TestClient(create_app(services, run_workers=False))


def file_request(client: TestClient, **form) -> dict:
    data = {"api_key": KEY, "service_code": "roads", "lat": str(POINT_IN_GRID_1[0]), "long": str(POINT_IN_GRID_1[1]),
            "description": "路灯坏了好几天了", **form}
    response = client.post(f"{BASE}/requests.json", data=data)
    assert response.status_code == 200, response.text
    return response.json()[0]


def test_services_list_every_category_with_the_spec_fields(client):
    services = client.get(f"{BASE}/services.json").json()
    assert {s["service_code"] for s in services} >= {"roads", "sanitation", "dispute", "other"}
    for s in services:
        assert set(s) == {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
        assert s["type"] == "realtime" and s["metadata"] is False


def test_a_service_definition_has_attributes_and_an_unknown_one_is_404(client):
    assert client.get(f"{BASE}/services/roads.json").json() == {"service_code": "roads", "attributes": []}
    missing = client.get(f"{BASE}/services/weather.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_filing_a_request_opens_a_ticket_routed_by_its_location(client):
    created = file_request(client, phone="13900000001")
    assert created["service_request_id"].startswith("T")
    [found] = client.get(f"{BASE}/requests/{created['service_request_id']}.json").json()
    assert found["status"] == "open"
    assert found["agency_responsible"] == "幸福社区第1网格"
    assert found["description"] == "路灯坏了好几天了"
    assert (found["lat"], found["long"]) == POINT_IN_GRID_1
    assert found["requested_datetime"].endswith("+00:00")
    assert found["status_notes"] == "已派单"


def test_filing_without_a_key_or_with_a_wrong_one_is_403(client):
    no_key = client.post(f"{BASE}/requests.json", data={"service_code": "roads", "address_string": "阳光小区"})
    wrong = client.post(f"{BASE}/requests.json", data={"api_key": "nope", "service_code": "roads",
                                                        "address_string": "阳光小区"})
    assert no_key.status_code == wrong.status_code == 403
    assert no_key.json()[0] == {"code": 403, "description": "api_key is missing or not valid"}


@pytest.mark.parametrize("form, reason", [
    ({"service_code": "weather", "address_string": "阳光小区"}, "service_code"),
    ({"service_code": "roads"}, "location"),
    ({"service_code": "roads", "lat": "north", "long": "1"}, "numbers"),
    ({"service_code": "roads", "address_string": "阳光小区", "description": "长" * 4001}, "description"),
    ({"service_code": "roads", "address_string": "阳光小区", "phone": "hello"}, "phone"),
])
def test_a_bad_request_is_400_with_the_reason(client, form, reason):
    response = client.post(f"{BASE}/requests.json", data={"api_key": KEY, **form})
    assert response.status_code == 400
    assert reason in response.json()[0]["description"]


def test_requests_can_be_filtered_by_code_and_status(client):
    file_request(client)
    file_request(client, service_code="sanitation", description="垃圾没人收")
    roads = client.get(f"{BASE}/requests.json", params={"service_code": "roads"}).json()
    assert [r["service_code"] for r in roads] == ["roads"]
    assert client.get(f"{BASE}/requests.json", params={"status": "closed"}).json() == []
    assert len(client.get(f"{BASE}/requests.json", params={"status": "open"}).json()) == 2


def test_the_default_window_is_ninety_days(client, clock):
    file_request(client)
    clock.advance(days=91)
    assert client.get(f"{BASE}/requests.json").json() == []


def test_an_address_names_the_grid_for_a_request_without_coordinates(client):
    created = client.post(f"{BASE}/requests.json", data={"api_key": KEY, "service_code": "sanitation",
                                                          "address_string": "河畔花园3栋", "description": "垃圾"})
    [found] = client.get(f"{BASE}/requests/{created.json()[0]['service_request_id']}.json").json()
    assert found["agency_responsible"] == "河滨社区第1网格" and found["address"] == "河畔花园3栋"


def test_an_unknown_request_is_404(client):
    response = client.get(f"{BASE}/requests/T999999.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_a_date_without_a_zone_is_400(client):
    response = client.get(f"{BASE}/requests.json", params={"start_date": "2026-11-01T00:00:00"})
    assert response.status_code == 400


def test_the_reporter_phone_is_stored_in_e164(client, settings):
    created = file_request(client, phone="139 0000 0001")
    from bot.store.db import Database
    from bot.store.models import Ticket

    db = Database(settings.resolved_database_url)
    with db.session() as s:
        ticket = s.query(Ticket).filter_by(number=created["service_request_id"]).one()
        assert ticket.reporter_address == RESIDENT
    db.dispose()
