"""The 亮灯图 in Debian's chromium: every grid in the colour of its light for a prepared state, the layers
switched without a request, a click on a grid opening its page, the lights refreshing by themselves, a grid
worker's map holding his grid alone; nothing asked of anything but 127.0.0.1 (the `page` fixture fails the
test otherwise). Screenshots at 375 and 1280 px in var/screenshots/."""

from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.lightmap_factories import prepare, ticket_in
from tests.web.conftest import screenshot, sign_in

FILLS = {"red": "rgb(239, 154, 154)", "yellow": "rgb(255, 224, 130)", "green": "rgb(165, 214, 167)"}


def national(phone: str) -> str:
    return phone.removeprefix("+86")


def shown(page) -> dict[str, tuple[str, str]]:
    """{grid code: (its light, its polygon's fill as drawn)} for every grid on the map."""
    return page.eval_on_selector_all("svg a.grid", """grids => Object.fromEntries(grids.map(g => [
        g.dataset.code, [g.dataset.light, getComputedStyle(g.querySelector('polygon')).fill]]))""")


def test_the_map_shows_every_grid_in_the_colour_of_its_light_and_a_click_opens_it(gateway, page):
    expected = prepare(gateway.services.db, gateway.clock.now(), visits=False)
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.click("nav >> text=亮灯图")
    assert page.url == f"{gateway.url}/staff/map"
    grids = shown(page)
    assert len(grids) == 13
    for code, (light, fill) in grids.items():
        assert light == expected.get(code, "green"), code
        assert fill == FILLS[light], code
    assert page.inner_text("[data-lights=red] b") == "2" and page.inner_text("[data-lights=yellow] b") == "1"
    screenshot(page, "lightmap")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the map scales to a phone
    page.click("svg a.grid[data-code=XF-G3]")
    page.wait_for_url(f"{gateway.url}/staff/grids/XF-G3")
    assert "幸福社区第3网格" in page.inner_text("h1") and page.inner_text("h1 .lamp") == "红灯"
    assert page.locator(".tickets .ticket").count() == 3
    screenshot(page, "lightmap-grid")
    page.click(".ticket >> nth=0")
    assert "/staff/tickets/T" in page.url


def test_the_household_layers_switch_without_a_request(gateway, page):
    prepare(gateway.services.db, gateway.clock.now(), visits=False)
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.goto(f"{gateway.url}/staff/map")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    red = page.locator(".dots-red")
    assert red.is_visible()
    assert page.locator(".dots-red path").get_attribute("d").count("h0") == 18  # every 10th of the 180
    page.click("label[for=layer-red]")
    assert not red.is_visible() and page.locator(".dots-green").is_visible()
    page.click("label[for=layer-grids]")
    assert shown(page)["XF-G1"][1] == "rgb(255, 255, 255)"  # the lights off: outlines only
    screenshot(page, "lightmap-layers")
    page.click("label[for=layer-red]")
    assert red.is_visible() and asked == []


def test_the_lights_refresh_by_themselves_keeping_the_layers(gateway, page):
    db, now = gateway.services.db, gateway.clock.now()
    prepare(db, now, visits=False)
    sign_in(page, gateway, national(DUTY_OFFICER))
    page.goto(f"{gateway.url}/staff/map")
    page.click("label[for=layer-green]")
    assert shown(page)["XF-G2"][0] == "yellow"
    ticket_in(db, "XF-G2", now, status="acknowledged", priority="immediate")  # an emergency comes in
    page.evaluate("window.gridbotRefreshMap()")  # what the page does every 60 s
    page.wait_for_function("document.querySelector('a.grid[data-code=XF-G2]').dataset.light === 'red'")
    assert not page.locator(".dots-green").is_visible()  # the switch kept its state
    assert page.inner_text("[data-lights=red] b") == "3"


def test_a_grid_workers_map_holds_his_grid_alone(gateway, page):
    prepare(gateway.services.db, gateway.clock.now(), visits=False)
    sign_in(page, gateway, national(WORKER))
    page.goto(f"{gateway.url}/staff/map")
    assert shown(page) == {"XF-G1": ["red", FILLS["red"]]}
    screenshot(page, "lightmap-worker")
    page.click("svg a.grid[data-code=XF-G1]")
    page.wait_for_url(f"{gateway.url}/staff/grids/XF-G1")
    page.click(".dots-red a >> nth=0")  # a household's dot opens its page (built beside this one)
    assert "/staff/households/H" in page.url
    assert page.goto(f"{gateway.url}/staff/grids/HB-G2").status == 404
