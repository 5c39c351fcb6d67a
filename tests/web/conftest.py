"""The workbench in a real browser: the gateway on a free loopback port (uvicorn in a thread, SQLite with
the demo, no engine), Debian's chromium driven by Playwright (never `playwright install`), every request
routed and any that leaves 127.0.0.1 failing the test; screenshots of pages at 375 and 1280 px."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from bot.app.demo_staff import DEMO_PASSWORD
from bot.app.gateway import create_app
from bot.app.services import Services, build_services
from bot.common.clock import Clock
from bot.common.settings import ROOT, Settings
from bot.core.staff_accounts import set_password
from tests.conftest import DUTY_OFFICER, WORKER
from tests.waiting import eventually_sync

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "var" / "screenshots"
WIDTHS = (375, 1280)
# A 1×1 PNG, as a phone's camera would send a (much larger) picture.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8"
                    "cf00000301010018dd8db40000000049454e44ae426082")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Gateway:
    url: str
    services: Services
    clock: Clock = field(default_factory=Clock)


@pytest.fixture
def gateway(tmp_path: Path, sqlite_templates) -> Iterator[Gateway]:
    url = sqlite_templates.copy("demo", tmp_path / "gridbot.db")
    settings = Settings(var_dir=tmp_path / "var", database_url=url, _env_file=None)  # type: ignore[call-arg]
    services = build_services(settings)
    with services.db.session() as s:  # the two the tests sign in as (an argon2 hash costs ~0.1-1 s)
        for phone in (WORKER, DUTY_OFFICER):
            set_password(s, Clock(), phone, DEMO_PASSWORD, actor="test")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(services, run_workers=False), host="127.0.0.1", port=port,
                                          log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    eventually_sync(lambda: server.started)
    yield Gateway(f"http://127.0.0.1:{port}", services)
    server.should_exit = True
    thread.join(timeout=30)


# Module-scoped: the sync API runs an event loop on this thread while it is started, so it must be
# stopped before the async tests of other modules run theirs.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
    yield launched
    launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) whose every request is checked: anything not for 127.0.0.1
    is stopped and fails the test."""
    outside: list[str] = []

    def only_loopback(route: Route) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800}, locale="zh-CN")
    context.route("**/*", only_loopback)
    opened = context.new_page()
    yield opened
    context.close()
    assert outside == [], f"the pages asked for something outside 127.0.0.1: {outside}"


def screenshot(page: Page, name: str) -> None:
    """The page as it is, full length, at a phone's width and a desktop's (var/screenshots/NAME-375.png …)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})


def sign_in(page: Page, gateway: Gateway, phone: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{gateway.url}/staff/login")
    page.fill("input[name=phone]", phone)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


@pytest.fixture
async def http(settings: Settings, demo_db, clock):
    """The gateway in-process (no server, no browser) with the worker's and the duty officer's passwords
    set; requests come from 127.0.0.1."""
    import httpx

    from bot.common.clock import FakeClock

    assert isinstance(clock, FakeClock)
    services = build_services(settings, clock)
    with services.db.session() as s:
        for phone in (WORKER, DUTY_OFFICER):
            set_password(s, clock, phone, DEMO_PASSWORD, actor="test")
    transport = httpx.ASGITransport(app=create_app(services, run_workers=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        client.services = services  # type: ignore[attr-defined]
        yield client
    await services.aclose()


async def signed_in(client, phone: str = WORKER, password: str = DEMO_PASSWORD, next_url: str = "/staff/"):
    """Sign in through the form as a browser would; returns the form's answer (a 303 when it worked)."""
    import re

    form = await client.get("/staff/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    return await client.post("/staff/login", data={"phone": phone, "password": password, "csrf": csrf,
                                                   "next": next_url})
