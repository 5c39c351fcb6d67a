"""并单 and its undoing over HTTP: from a ticket's page and from the queue's selected rows, each form with
the session's CSRF token, nothing outside the signed-in staff member's scope."""

import re

from tests.conftest import DUTY_OFFICER
from tests.core.helpers import ticket
from tests.core.workbench_factories import NEIGHBOUR_OUTSIDE_BUILDING, in_grid_1, in_hb_grid_2
from tests.web.conftest import signed_in


def two_in_grid_1(db, clock):
    kept = in_grid_1(db, clock)
    other = in_grid_1(db, clock, "小区门口垃圾三天没人收了", sender=NEIGHBOUR_OUTSIDE_BUILDING, category="sanitation")
    return kept, other


async def csrf_of(http, path="/staff/"):
    return re.search(r'name="csrf" value="([^"]+)"', (await http.get(path)).text).group(1)


async def test_a_ticket_merged_from_the_page_shows_on_the_kept_one_and_splits_back(http, clock):
    db = http.services.db
    kept, other = two_in_grid_1(db, clock)
    await signed_in(http)
    page = (await http.get(f"/staff/tickets/{kept}")).text
    assert f'<option value="{other}">' in page  # offered: an open ticket of the same grid
    csrf = await csrf_of(http, f"/staff/tickets/{kept}")
    answer = await http.post(f"/staff/tickets/{kept}/merge", data={"csrf": csrf, "target": other})
    assert answer.headers["location"] == f"/staff/tickets/{kept}?done=merge"
    shown = (await http.get(answer.headers["location"])).text
    assert "已并单" in shown and "并单（1）" in shown and "小区门口垃圾三天没人收了" in shown
    assert "已并入" in (await http.get(f"/staff/tickets/{other}")).text and ticket(db, other).status == "merged"

    answer = await http.post(f"/staff/tickets/{kept}/split", data={"csrf": csrf, "target": other})
    assert answer.headers["location"] == f"/staff/tickets/{kept}?done=split"
    assert ticket(db, other).status == "assigned" and ticket(db, other).merged_into_id is None
    assert "并单（" not in (await http.get(f"/staff/tickets/{kept}")).text


async def test_another_grids_ticket_is_not_found_to_merge_and_nothing_changes(http, clock):
    db = http.services.db
    ours, theirs = in_grid_1(db, clock), in_hb_grid_2(db, clock)
    await signed_in(http)
    csrf = await csrf_of(http, f"/staff/tickets/{ours}")
    refused = await http.post(f"/staff/tickets/{theirs}/merge", data={"csrf": csrf, "target": ours})
    assert refused.status_code == 404
    answer = await http.post(f"/staff/tickets/{ours}/merge", data={"csrf": csrf, "target": theirs})
    assert answer.headers["location"].endswith("error=not_found")
    assert "找不到该工单" in (await http.get(answer.headers["location"])).text
    assert ticket(db, theirs).status != "merged"


async def test_the_duty_officer_merges_two_grids_tickets_on_the_page_as_by_message(http, clock):
    # An overseer covering both grids merges across them, on the page as by message (blind test 34, DO3); a grid
    # worker never finds the other grid's ticket (above).
    db = http.services.db
    ours, theirs = in_grid_1(db, clock), in_hb_grid_2(db, clock)
    await signed_in(http, phone=DUTY_OFFICER)
    csrf = await csrf_of(http, f"/staff/tickets/{ours}")
    answer = await http.post(f"/staff/tickets/{ours}/merge", data={"csrf": csrf, "target": theirs})
    assert "两张工单不在同一网格" not in (await http.get(answer.headers["location"])).text
    assert ticket(db, theirs).status == "merged"


async def test_a_merge_or_split_without_the_sessions_csrf_token_changes_nothing(http, clock):
    db = http.services.db
    kept, other = two_in_grid_1(db, clock)
    await signed_in(http)
    assert (await http.post(f"/staff/tickets/{kept}/merge", data={"target": other})).status_code == 403
    assert (await http.post("/staff/bulk-merge", data={"numbers": [kept, other], "into": kept})).status_code == 403
    assert ticket(db, other).status == "assigned"


async def test_ticked_rows_are_merged_into_the_one_chosen_among_them(http, clock):
    db = http.services.db
    kept, other = two_in_grid_1(db, clock)
    third = in_grid_1(db, clock, "楼道里的灯不亮了", sender=NEIGHBOUR_OUTSIDE_BUILDING, category="housing_utilities")
    theirs = in_hb_grid_2(db, clock)
    await signed_in(http)
    queue = (await http.get("/staff/")).text
    assert 'formaction="/staff/bulk-merge"' in queue
    csrf = await csrf_of(http)
    answer = await http.post("/staff/bulk-merge", data={"csrf": csrf, "numbers": [kept, other, third, theirs],
                                                        "into": kept, "back": "folder=pending"})
    assert answer.headers["location"] == f"/staff/?folder=pending&merge_into={kept}&merge_done=2&merge_failed=1"
    assert "已把2件并入" in (await http.get(answer.headers["location"])).text
    assert ticket(db, other).status == ticket(db, third).status == "merged"
    assert ticket(db, theirs).status != "merged" and ticket(db, kept).status == "assigned"


async def test_a_bulk_merge_whose_target_was_not_ticked_merges_nothing(http, clock):
    db = http.services.db
    kept, other = two_in_grid_1(db, clock)
    await signed_in(http)
    answer = await http.post("/staff/bulk-merge", data={"csrf": await csrf_of(http), "numbers": [other],
                                                        "into": kept})
    assert "merge_error=pick" in answer.headers["location"]
    assert "至少勾选两件" in (await http.get(answer.headers["location"])).text
    assert ticket(db, other).status == "assigned"
