"""A small map of where a ticket is, drawn on the server as SVG: its grid's outline (the registry's
polygon) and the reported point. No tiles, no script, nothing fetched: it works offline and on any phone."""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 320, 200, 14


def polygon_rings(polygon: dict[str, Any] | None) -> list[list[tuple[float, float]]]:
    if not polygon:
        return []
    kind, coords = polygon.get("type"), polygon.get("coordinates") or []
    if kind == "Polygon":
        return [[(float(x), float(y)) for x, y, *_ in coords[0]]] if coords else []
    if kind == "MultiPolygon":
        return [[(float(x), float(y)) for x, y, *_ in part[0]] for part in coords if part]
    return []


def ticket_map(polygon: dict[str, Any] | None, lat: float | None, lon: float | None, label: str = "") -> Markup:
    """The SVG, or nothing when there is neither an outline nor a point."""
    rings = polygon_rings(polygon)
    point = (lon, lat) if lat is not None and lon is not None else None
    xs = [x for ring in rings for x, _ in ring] + ([point[0]] if point else [])
    ys = [y for ring in rings for _, y in ring] + ([point[1]] if point else [])
    if not xs:
        return Markup("")
    shrink = math.cos(math.radians(sum(ys) / len(ys)))  # a degree of longitude is shorter than one of latitude
    span_x = max((max(xs) - min(xs)) * shrink, 1e-4)
    span_y = max(max(ys) - min(ys), 1e-4)
    scale = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)
    left = (WIDTH - span_x * scale) / 2
    top = (HEIGHT - span_y * scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - min(xs)) * shrink * scale, top + (max(ys) - y) * scale

    shapes = []
    for ring in rings:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in (at(x, y) for x, y in ring))
        shapes.append(f'<polygon points="{path}" fill="#e3eefb" stroke="#0b63c5" stroke-width="2"/>')
    if point:
        px, py = at(*point)
        shapes.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="7" fill="#c62828" stroke="#fff" stroke-width="2"/>')
    title = f"<title>{escape(label)}</title>" if label else ""
    return Markup(f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}">'
                  f'{title}{"".join(shapes)}</svg>')
