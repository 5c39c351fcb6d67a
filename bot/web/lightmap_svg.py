"""The 亮灯图 drawn on the server as SVG: every grid's polygon (the registry's GeoJSON, WGS84) filled by its
light and linked to its page, households as small dots in their 三色 on layers the page switches with CSS.
No tiles, no script, nothing fetched; the SVG scales to the width of a phone.

The overview draws each colour's dots as one path of zero-length round-capped strokes (a few bytes a
household, and clicks go through to the grid beneath); a grid's own map draws each household as a link
to its page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from bot.core.grid_lights import LIGHT_NAMES, GridState
from bot.core.household_spots import Dot
from bot.web.map_svg import polygon_rings as _rings

COLOURS = ("red", "yellow", "green")
COLOUR_NAMES = {"red": "红色", "yellow": "黄色", "green": "绿色"}


@dataclass(frozen=True)
class Projection:
    """Lon/lat to SVG units: equirectangular, a degree of longitude shrunk by cos(latitude), north up."""

    min_x: float
    max_y: float
    shrink: float
    scale: float
    pad: float
    width: float
    height: float

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], width: float, pad: float, max_height: float) -> Projection:
        """The projection showing `bounds` (min lon, min lat, max lon, max lat) at most width × max_height."""
        min_x, min_y, max_x, max_y = bounds
        shrink = math.cos(math.radians((min_y + max_y) / 2))
        span_x = max((max_x - min_x) * shrink, 1e-6)
        span_y = max(max_y - min_y, 1e-6)
        scale = min((width - 2 * pad) / span_x, (max_height - 2 * pad) / span_y)
        return cls(min_x, max_y, shrink, scale, pad, span_x * scale + 2 * pad, span_y * scale + 2 * pad)

    def at(self, lon: float, lat: float) -> tuple[float, float]:
        return self.pad + (lon - self.min_x) * self.shrink * self.scale, self.pad + (self.max_y - lat) * self.scale


def _points(ring: Sequence[tuple[float, float]], proj: Projection) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (proj.at(lon, lat) for lon, lat in ring))


def _centre(rings: list[list[tuple[float, float]]], proj: Projection) -> tuple[float, float]:
    ring = max(rings, key=len)
    xs, ys = zip(*(proj.at(lon, lat) for lon, lat in ring[:-1] or ring), strict=True)
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _grid_shape(grid: GridState, rings: list[list[tuple[float, float]]], proj: Projection, label: str,
                size: float) -> str:
    full = grid.name if grid.name.startswith(grid.community) else f"{grid.community}{grid.name}"
    tip = f"{full}：{LIGHT_NAMES[grid.light]}（{'；'.join(grid.reasons)}）"
    polygons = "".join(f'<polygon points="{_points(ring, proj)}"/>' for ring in rings)
    x, y = _centre(rings, proj)
    code = escape(grid.code)
    return (f'<a href="/staff/grids/{code}" class="grid light-{grid.light}" data-code="{code}"'
            f' data-light="{grid.light}"><title>{escape(tip)}</title>{polygons}'
            f'<text x="{x:.1f}" y="{y:.1f}" class="label" font-size="{size:.0f}">{escape(label)}</text></a>')


def _fit(grids: list[GridState], dots: list[Dot], width: float, max_height: float) -> Projection | None:
    xs = [x for grid in grids for ring in _rings(grid.polygon) for x, _ in ring]
    ys = [y for grid in grids for ring in _rings(grid.polygon) for _, y in ring]
    if dots:  # (no list of 11,512 points: generators over the dots)
        xs += [min(d.lon for d in dots), max(d.lon for d in dots)]
        ys += [min(d.lat for d in dots), max(d.lat for d in dots)]
    return Projection.fit((min(xs), min(ys), max(xs), max(ys)), width, 8, max_height) if xs else None


def _short(grid: GridState) -> str:
    """The grid's short name for its label, without its community's: 幸福社区第3网格 → 第3网格."""
    return grid.name.removeprefix(grid.community) or grid.name or grid.code


def _community_labels(grids: list[GridState], proj: Projection, size: float) -> str:
    """Each community's name along the top of its grids, centred over them (when the map holds more than one),
    clear of the grids' own labels at their middles."""
    centres: dict[str, list[tuple[float, float]]] = {}
    tops: dict[str, float] = {}
    for grid in grids:
        rings = _rings(grid.polygon)
        if rings and grid.community:
            centres.setdefault(grid.community, []).append(_centre(rings, proj))
            top = min(proj.at(lon, lat)[1] for ring in rings for lon, lat in ring)
            tops[grid.community] = min(tops.get(grid.community, top), top)
    if len(centres) < 2:
        return ""
    return "".join(
        f'<text x="{sum(x for x, _ in at) / len(at):.1f}" y="{tops[name] + size * 0.8:.1f}"'
        f' class="community" font-size="{size:.0f}">{escape(name)}</text>' for name, at in centres.items())


def dot_size(width: float, grids: int, households: int) -> float:
    """A household dot's diameter (SVG units): a grid's households cover about a third of a typical grid,
    so a few households are big dots, easy to see and tap at 375 px, and many stay apart."""
    across = width / max(grids, 1) ** 0.5  # a typical grid's width
    each = households / max(grids, 1)
    return max(3.0, min(16.0, across * (0.3 / max(each, 1)) ** 0.5))


def overview(grids: list[GridState], dots: list[Dot], width: int = 1000) -> Markup:
    """Every grid lit, and every household's dot on its colour's layer."""
    proj = _fit(grids, dots, width, width * 1.2)
    if proj is None:
        return Markup("")
    across = proj.width / max(len(grids), 1) ** 0.5  # a typical grid's width: labels fit in it
    label = max(9.0, min(28.0, across / 4.5))
    drawn = []
    for grid in grids:
        rings = _rings(grid.polygon)
        if rings:
            drawn.append(_grid_shape(grid, rings, proj, _short(grid), label))
    dot = dot_size(proj.width, len(grids), len(dots))
    paths: dict[str, list[str]] = {colour: [] for colour in COLOURS}
    pad, min_x, max_y, across, down = proj.pad, proj.min_x, proj.max_y, proj.shrink * proj.scale, proj.scale
    for d in dots:  # Projection.at inlined: this runs for every household
        if d.colour in paths:
            paths[d.colour].append(f"M{pad + (d.lon - min_x) * across:.1f} {pad + (max_y - d.lat) * down:.1f}h0")
    layers = [f'<g class="dots dots-{colour}"><path d="{"".join(paths[colour])}" stroke-width="{dot:.1f}"/></g>'
              for colour in COLOURS]
    return Markup(f'<svg class="lightmap-svg" viewBox="0 0 {proj.width:.0f} {proj.height:.0f}" role="img" '
                  f'aria-label="亮灯图：{len(grids)}个网格"><g class="grids">{"".join(drawn)}</g>'
                  f'{"".join(layers)}<g class="communities">{_community_labels(grids, proj, label * 1.4)}</g></svg>')


def grid_map(grid: GridState, dots: list[Dot], width: int = 480) -> Markup:
    """One grid lit, each household a dot linked to its page (/staff/households/{code})."""
    proj = _fit([grid], dots, width, width)
    rings = _rings(grid.polygon)
    if proj is None:
        return Markup("")
    shapes = [f'<g class="grid light-{grid.light}" data-light="{grid.light}">'
              + "".join(f'<polygon points="{_points(ring, proj)}"/>' for ring in rings) + "</g>"] if rings else []
    for colour in COLOURS:
        circles = "".join(
            '<a href="/staff/households/{code}"><circle cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{code} {name}</title>'
            "</circle></a>".format(code=escape(d.code), x=x, y=y, name=COLOUR_NAMES[colour])
            for d in dots if d.colour == colour for x, y in (proj.at(d.lon, d.lat),))
        shapes.append(f'<g class="dots dots-{colour} linked">{circles}</g>')
    return Markup(f'<svg class="lightmap-svg grid-map" viewBox="0 0 {proj.width:.0f} {proj.height:.0f}" role="img" '
                  f'aria-label="{escape(grid.name)}">{"".join(shapes)}</svg>')

