"""The ticket's small map: the grid's outline and the point, as SVG drawn here (nothing fetched)."""

import re

from bot.app.demo import _rect
from bot.web.map_svg import HEIGHT, WIDTH, ticket_map


def test_the_point_is_drawn_inside_the_grids_outline():
    svg = str(ticket_map(_rect(0, 0), 25.4025, 103.3025, "幸福社区第1网格"))
    xs = [float(x) for x in re.findall(r"(\d+\.\d),\d+\.\d", svg)]
    ys = [float(y) for y in re.findall(r"\d+\.\d,(\d+\.\d)", svg)]
    cx, cy = (float(v) for v in re.search(r'cx="([\d.]+)" cy="([\d.]+)"', svg).groups())
    assert min(xs) < cx < max(xs) and min(ys) < cy < max(ys)
    assert all(0 <= x <= WIDTH for x in xs) and all(0 <= y <= HEIGHT for y in ys)


def test_no_outline_and_no_point_draws_nothing_and_a_label_is_escaped():
    assert str(ticket_map(None, None, None)) == ""
    svg = str(ticket_map(None, 25.4, 103.3, '<script>"x"</script>'))
    assert "<circle" in svg and "<script>" not in svg and "http" not in svg


def test_household_dots_grow_when_a_grid_has_few_households_and_shrink_when_it_has_many():
    from bot.web.lightmap_svg import dot_size

    few, seed = dot_size(1000, 13, 204), dot_size(1000, 128, 11_512)
    assert few > seed >= 3.0 and few * 375 / 1000 >= 5  # at least 5 px a dot on a phone in the small demo
    assert dot_size(1000, 1, 1) == 16.0  # never bigger than this
    assert dot_size(1000, 13, 0) == dot_size(1000, 13, 13)  # no households: no division by zero
