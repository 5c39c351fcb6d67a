"""Open311 GeoReport v2 over the tickets, checked against the spec's shapes and errors, and against
what a public-works tracker may publish: the public view, private categories, keys and their scopes,
the date window."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.app.gateway import create_app
from bot.app.services import build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import lifecycle
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import POINT_IN_GRID_1, RESIDENT, WORKER
from tests.core.helpers import RULES

KEY = "test-key-123"  # may file (an entry without scopes, as before scopes existed)
READER = "reader-key-456"  # may read everything, may not file
BASE = "/open311/v2"
PRIVATE = ["dispute", "public_security", "health", "elderly_care", "education", "employment"]


@pytest.fixture
def client(settings: Settings, demo_db: Database, clock: FakeClock) -> TestClient:
    keys = [SecretStr(KEY), SecretStr(f"{READER}:read_private")]
    services = build_services(settings.model_copy(update={"open311_api_keys": keys}), clock)
    return TestClient(create_app(services, run_workers=False))


def file_request(client: TestClient, **form) -> str:
    data = {"api_key": KEY, "service_code": "roads", "lat": str(POINT_IN_GRID_1[0]), "long": str(POINT_IN_GRID_1[1]),
            "description": "路灯坏了好几天了", **form}
    response = client.post(f"{BASE}/requests.json", data=data)
    assert response.status_code == 200, response.text
    return response.json()[0]["service_request_id"]


def fetch(client: TestClient, number: str, key: str | None = None) -> dict:
    response = client.get(f"{BASE}/requests/{number}.json", params={"api_key": key} if key else {})
    assert response.status_code == 200, response.text
    [found] = response.json()
    return found


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


def test_filing_a_request_opens_a_ticket_a_read_private_key_reads_in_full(client):
    number = file_request(client, phone="13900000001")
    assert number.startswith("T")
    found = fetch(client, number, READER)
    assert found["status"] == "open"
    assert found["agency_responsible"] == "幸福社区第1网格"
    assert found["description"] == "路灯坏了好几天了"
    assert (found["lat"], found["long"]) == POINT_IN_GRID_1
    assert found["requested_datetime"].endswith("+00:00")
    assert found["status_notes"] == "已派单"


def test_the_public_view_shows_category_status_grid_dates_and_a_street_level_point_only(client):
    number = file_request(client, phone="13900000001", address_string="阳光小区5栋2单元301",
                          description="我是张三13900000001，5栋门口路灯坏了")
    public = fetch(client, number)
    assert public["service_code"] == "roads" and public["status"] == "open" and public["status_notes"] == "已派单"
    assert public["description"] == "道路设施"
    assert public["address"] == public["agency_responsible"] == "幸福社区第1网格"
    assert public["media_url"] is None
    assert public["requested_datetime"] and public["expected_datetime"]
    for exact, shown in zip(POINT_IN_GRID_1, (public["lat"], public["long"]), strict=True):
        assert shown == round(shown, 3) and abs(shown - exact) <= 0.0005
    raw = client.get(f"{BASE}/requests.json").text
    assert "张三" not in raw and "13900000001" not in raw and "301" not in raw


def test_public_status_notes_are_the_status_words_without_the_resolution_note(client, demo_db, clock):
    number = file_request(client)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "已修好，住户李四13900000002家门口那盏")
    assert fetch(client, number)["status_notes"] == "已办结"
    assert fetch(client, number, READER)["status_notes"] == "已办结：已修好，住户李四13900000002家门口那盏"


@pytest.mark.parametrize("code", ["housing_utilities", "other"])
def test_home_and_catch_all_categories_are_listed_without_a_point(client, code):
    number = file_request(client, service_code=code, description="我家漏水")
    public = fetch(client, number)
    assert (public["lat"], public["long"]) == (None, None)
    assert public["description"] != "我家漏水"
    assert (fetch(client, number, READER)["lat"], fetch(client, number, READER)["long"]) == POINT_IN_GRID_1


@pytest.mark.parametrize("code", PRIVATE)
def test_a_private_category_is_absent_without_a_read_private_key(client, code):
    number = file_request(client, service_code=code, description="3栋402有人贩毒")
    for key in (None, KEY):
        params = {"api_key": key} if key else {}
        assert client.get(f"{BASE}/requests.json", params=params).json() == []
        assert client.get(f"{BASE}/requests.json", params={**params, "service_code": code}).json() == []
        assert client.get(f"{BASE}/requests.json", params={**params, "service_request_id": number}).json() == []
        assert client.get(f"{BASE}/requests/{number}.json", params=params).status_code == 404
    seen = fetch(client, number, READER)
    assert seen["description"] == "3栋402有人贩毒" and seen["service_code"] == code


def test_a_read_key_that_is_not_configured_is_403(client):
    for key in ("nope", "密钥", f"{READER}:read_private"):
        response = client.get(f"{BASE}/requests.json", params={"api_key": key})
        assert response.status_code == 403 and response.json()[0]["code"] == 403


def test_filing_without_a_key_with_a_wrong_one_or_a_read_only_one_is_403(client):
    form = {"service_code": "roads", "address_string": "阳光小区"}
    no_key = client.post(f"{BASE}/requests.json", data=form)
    wrong = client.post(f"{BASE}/requests.json", data={"api_key": "nope", **form})
    unicode = client.post(f"{BASE}/requests.json", data={"api_key": "密钥", **form})
    reader = client.post(f"{BASE}/requests.json", data={"api_key": READER, **form})
    assert no_key.status_code == wrong.status_code == unicode.status_code == reader.status_code == 403
    assert no_key.json()[0] == {"code": 403, "description": "api_key is missing or not valid"}
    assert reader.json()[0] == {"code": 403, "description": "this api_key may not file requests"}


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


def test_a_raw_utf8_body_is_read_as_utf8_with_or_without_a_content_type(client):
    body = f"api_key={KEY}&service_code=roads&address_string=阳光小区&description=路灯坏了，请尽快修".encode()
    for headers in ({"content-type": "application/x-www-form-urlencoded"}, {}):
        response = client.post(f"{BASE}/requests.json", content=body, headers=headers)
        assert response.status_code == 200, response.text
        assert fetch(client, response.json()[0]["service_request_id"], READER)["description"] == "路灯坏了，请尽快修"


def test_a_body_in_a_declared_charset_is_read_in_it_and_an_undecodable_one_is_400(client):
    body = f"api_key={KEY}&service_code=roads&address_string=阳光小区&description=井盖丢了".encode("gbk")
    gbk = client.post(f"{BASE}/requests.json", content=body,
                      headers={"content-type": "application/x-www-form-urlencoded; charset=GBK"})
    assert fetch(client, gbk.json()[0]["service_request_id"], READER)["description"] == "井盖丢了"
    bad = client.post(f"{BASE}/requests.json", content=body,
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert bad.status_code == 400 and "utf-8" in bad.json()[0]["description"]


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


def test_ids_outside_the_date_window_are_not_returned(client, clock):
    number = file_request(client)
    filed = clock.now()
    clock.advance(days=91)
    assert client.get(f"{BASE}/requests.json", params={"service_request_id": number}).json() == []
    assert client.get(f"{BASE}/requests/{number}.json").status_code == 404
    window = {"start_date": (filed - timedelta(days=1)).isoformat()}
    assert client.get(f"{BASE}/requests/{number}.json", params=window).json()[0]["service_request_id"] == number


def test_more_than_fifty_ids_at_once_is_400(client):
    ids = ",".join(f"T{n}" for n in range(1000, 1051))
    response = client.get(f"{BASE}/requests.json", params={"service_request_id": ids})
    assert response.status_code == 400 and "50" in response.json()[0]["description"]
    fifty = ",".join(f"T{n}" for n in range(1000, 1050))
    assert client.get(f"{BASE}/requests.json", params={"service_request_id": fifty}).status_code == 200


@pytest.mark.parametrize("window", [
    {"start_date": "2026-01-01T00:00:00+00:00", "end_date": "2026-04-02T00:00:00+00:00"},
    {"start_date": "2026-03-01T00:00:00+00:00", "end_date": "2026-02-01T00:00:00+00:00"},
    {"start_date": "2026-11-01T00:00:00"},
])
def test_a_window_over_ninety_days_backwards_or_without_a_zone_is_400(client, window):
    response = client.get(f"{BASE}/requests.json", params=window)
    assert response.status_code == 400 and response.json()[0]["code"] == 400


@pytest.mark.parametrize("window", [{"start_date": "9999-12-31T00:00:00Z"}, {"end_date": "0001-01-01T00:00:00Z"},
                                    {"start_date": "0001-01-01T00:00:00+00:00", "end_date": "0001-01-02T00:00:00Z"}])
def test_a_window_at_either_end_of_the_calendar_is_searched_not_a_500(client, window):
    response = client.get(f"{BASE}/requests.json", params=window)
    assert response.status_code == 200 and response.json() == []


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00"])
def test_a_date_outside_the_years_one_to_9999_in_utc_is_400_not_a_500(client, moment):
    response = client.get(f"{BASE}/requests.json", params={"start_date": moment})
    assert response.status_code == 400 and "UTC" in response.json()[0]["description"]


def test_a_multipart_form_files_a_request_and_its_file_parts_are_not_read(client):
    form = {"api_key": KEY, "service_code": "roads", "address_string": "阳光小区", "description": "井盖丢了"}
    photo = {"media": ("p.jpg", b"\xff\xd8 photo", "image/jpeg")}
    response = client.post(f"{BASE}/requests.json", data=form, files=photo)
    assert response.status_code == 200
    assert fetch(client, response.json()[0]["service_request_id"], READER)["description"] == "井盖丢了"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_malformed_multipart_body_is_the_specs_400_in_the_format_asked(client, fmt):
    for content_type in ("multipart/form-data; boundary=xx", "multipart/form-data"):
        response = client.post(f"{BASE}/requests.{fmt}", content=b"--yy\r\ngarbage",
                               headers={"Content-Type": content_type})
        assert response.status_code == 400 and response.headers["content-type"].startswith(f"application/{fmt}")
        assert "multipart" in response.text


def test_a_multipart_body_over_64_kib_is_413_like_any_other(client):
    form = {"api_key": KEY, "service_code": "roads", "address_string": "阳光小区"}
    response = client.post(f"{BASE}/requests.json", data=form, files={"media": ("p.jpg", b"x" * 70_000, "image/jpeg")})
    assert response.status_code == 413 and response.json()[0]["code"] == 413


def test_an_urlencoded_body_over_64_kib_is_413_and_files_nothing(client, demo_db):
    with demo_db.session() as s:
        before = s.scalar(select(func.count()).select_from(Ticket))
    form = {"api_key": KEY, "service_code": "roads", "address_string": "阳光小区", "description": "路" * 30_000}
    response = client.post(f"{BASE}/requests.json", data=form)
    assert response.status_code == 413 and response.json()[0]["code"] == 413
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == before


def test_an_address_is_the_grid_in_public_and_as_given_in_full(client):
    created = client.post(f"{BASE}/requests.json", data={"api_key": KEY, "service_code": "sanitation",
                                                          "address_string": "河畔花园3栋", "description": "垃圾"})
    number = created.json()[0]["service_request_id"]
    assert fetch(client, number)["address"] == fetch(client, number)["agency_responsible"] == "河滨社区第1网格"
    assert fetch(client, number, READER)["address"] == "河畔花园3栋"


def test_an_unknown_request_is_404(client):
    response = client.get(f"{BASE}/requests/T999999.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_services_requests_and_errors_come_as_xml_per_the_spec(client):
    services = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert services.tag == "services" and services[0].tag == "service"
    assert {s.findtext("service_code") for s in services} >= {"roads", "dispute"}
    assert services[0].findtext("metadata") == "false" and services[0].findtext("service_name")
    definition = ET.fromstring(client.get(f"{BASE}/services/roads.xml").content)
    assert definition.tag == "service_definition" and definition.findtext("service_code") == "roads"

    filed = client.post(f"{BASE}/requests.xml", data={"api_key": KEY, "service_code": "roads",
                                                       "address_string": "阳光小区", "description": "路灯<坏了>&"})
    assert filed.headers["content-type"].startswith("application/xml")
    number = ET.fromstring(filed.content).find("request").findtext("service_request_id")
    listed = ET.fromstring(client.get(f"{BASE}/requests.xml").content)
    assert listed.tag == "service_requests" and [r.findtext("service_request_id") for r in listed] == [number]
    [mine] = ET.fromstring(client.get(f"{BASE}/requests/{number}.xml", params={"api_key": READER}).content)
    assert mine.tag == "request" and mine.findtext("description") == "路灯<坏了>&"
    assert mine.findtext("lat") == ""

    missing = client.get(f"{BASE}/requests/T999999.xml")
    errors = ET.fromstring(missing.content)
    assert missing.status_code == 404 and errors.tag == "errors"
    assert errors.find("error").findtext("code") == "404" and errors.find("error").findtext("description")
    assert client.get(f"{BASE}/requests.csv").status_code == 404


def test_control_characters_in_a_residents_text_still_give_well_formed_xml(client):
    number = file_request(client, description="路灯\x07坏了\x1b")
    [mine] = ET.fromstring(client.get(f"{BASE}/requests/{number}.xml", params={"api_key": READER}).content)
    assert mine.findtext("description") == "路灯\ufffd坏了\ufffd"


def test_a_nul_character_is_400_not_a_database_error(client):
    filed = client.post(f"{BASE}/requests.json", data={"api_key": KEY, "service_code": "roads",
                                                        "address_string": "阳光小区", "description": "路灯\x00坏了"})
    searched = client.get(f"{BASE}/requests.json", params={"service_request_id": "T1\x00"})
    assert filed.status_code == searched.status_code == 400


def test_the_reporter_phone_is_stored_in_e164(client, demo_db):
    number = file_request(client, phone="139 0000 0001")
    with demo_db.session() as s:
        assert s.query(Ticket).filter_by(number=number).one().reporter_address == RESIDENT
