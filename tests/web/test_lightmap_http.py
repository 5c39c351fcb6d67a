"""The 亮灯图 and grid pages over HTTP: each staff member sees the grids of their scope and no other (another
grid's page is a 404, as one that does not exist), every grid lit as its state says, and the grid page's
figures, workers, open tickets and household links."""

import re

from bot.core.staff_accounts import set_password
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY
from tests.core.lightmap_factories import TENTH, prepare
from tests.web.conftest import signed_in

GRID = re.compile(r'<a href="/staff/grids/([A-Z0-9-]+)" class="grid light-(\w+)" data-code="\1" data-light="\2">')


async def as_(http, clock, phone: str) -> None:
    if phone not in (WORKER, DUTY_OFFICER):
        with http.services.db.session() as s:
            set_password(s, clock, phone, "gridbot-demo", actor="test")
    http.cookies.clear()
    assert (await signed_in(http, phone=phone)).status_code == 303


def lit(page: str) -> dict[str, str]:
    return dict(GRID.findall(page))


def on_the_tenth(http, clock) -> dict[str, str]:
    clock.advance(seconds=(TENTH - clock.now()).total_seconds())
    return prepare(http.services.db, TENTH)


async def test_the_duty_officer_sees_every_grid_lit_as_its_state_says(http, clock):
    expected = on_the_tenth(http, clock)
    await as_(http, clock, DUTY_OFFICER)
    answer = await http.get("/staff/map")
    assert answer.status_code == 200
    grids = lit(answer.text)
    assert len(grids) == 13
    assert {code: grids[code] for code in expected} == expected
    assert {light for code, light in grids.items() if code not in expected} == {"green"}
    assert answer.text.count('class="dots dots-red"') == 1 and "h0" in answer.text  # the households' dots
    assert '<span data-households="red">18</span>' in answer.text  # every 10th of the 180 community households
    assert 'data-refresh-every="60"' in answer.text and "/staff/board" in answer.text
    assert "http://" not in answer.text.replace("http://www.w3.org", "")  # nothing from elsewhere


async def test_a_grid_worker_sees_only_his_grid_and_another_grids_page_is_not_found(http, clock):
    on_the_tenth(http, clock)
    await as_(http, clock, WORKER)
    answer = await http.get("/staff/map")
    assert lit(answer.text) == {"XF-G1": "red"}
    assert "XF-G2" not in answer.text and "河滨社区" not in answer.text
    for other in ("XF-G2", "HB-G2", "SQ-G1", "NOPE"):
        refused = await http.get(f"/staff/grids/{other}")
        assert refused.status_code == 404 and "找不到" in refused.text
    own = await http.get("/staff/grids/XF-G1")
    assert own.status_code == 200 and 'data-light="red"' in own.text


async def test_a_secretary_sees_the_four_grids_of_her_community(http, clock):
    on_the_tenth(http, clock)
    await as_(http, clock, COMMUNITY_SECRETARY)
    assert lit((await http.get("/staff/map")).text) == {"XF-G1": "red", "XF-G2": "yellow", "XF-G3": "red",
                                                         "XF-G4": "yellow"}
    assert (await http.get("/staff/grids/AJ-G1")).status_code == 404


async def test_a_grid_page_shows_its_figures_workers_open_tickets_and_households(http, clock):
    on_the_tenth(http, clock)
    await as_(http, clock, DUTY_OFFICER)
    page = (await http.get("/staff/grids/XF-G3")).text
    assert "逾期工单3件" in page and "网格员：" in page and "备岗网格员：" in page
    assert len(re.findall(r'href="/staff/tickets/T\d+"', page)) == 3
    assert page.count('class="badge red">逾期') == 3
    assert 'href="/staff/?grid=XF-G3&amp;folder=overdue"' in page
    assert len(re.findall(r'href="/staff/households/H\d{4}"', page)) == 15  # every household a dot
    assert [int(n) for n in re.findall(r'data-households="(?:red|yellow|green)">(\d+)<', page)] == [1, 3, 11]


async def test_the_map_is_for_signed_in_staff_only(http, clock):
    answer = await http.get("/staff/map")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/staff/login")


async def test_the_map_names_each_grid_and_community_and_labels_the_household_counts(http, clock):
    on_the_tenth(http, clock)
    await as_(http, clock, DUTY_OFFICER)
    page = (await http.get("/staff/map")).text
    svg = page[page.index("<svg"):page.index("</svg>")]
    labels = re.findall(r'class="label" font-size="\d+">([^<]+)</text>', svg)
    assert len(labels) == 13 and "第1网格" in labels and not any(label.isdigit() for label in labels)
    communities = re.findall(r'class="community" font-size="\d+">([^<]+)</text>', svg)
    assert {"幸福社区", "河滨社区"} <= set(communities) and len(communities) == len(set(communities)) >= 3
    assert "<title>幸福社区第1网格：红灯" in svg  # the hover title names the grid in full, once
    counts = page[page.index("住户"):page.index("更新于")]
    assert re.search(r'红色<span data-households="red">18</span>', counts)  # each count says its colour
    assert "黄色<span" in counts and "绿色<span" in counts
    legend = page[page.index('<section class="card legend">'):]
    assert "标签不决定颜色" in legend and "红色：空巢老人" not in legend  # no tag is said to make a colour
    assert "网格的灯看三项" in legend


async def test_a_secretarys_map_of_one_community_needs_no_community_label(http, clock):
    on_the_tenth(http, clock)
    await as_(http, clock, COMMUNITY_SECRETARY)
    page = (await http.get("/staff/map")).text
    assert 'class="community"' not in page
    assert re.findall(r'class="label" font-size="\d+">([^<]+)</text>', page) == [f"第{n}网格" for n in range(1, 5)]
