"""Small server-rendered SVG charts from plain numbers (the workbench's statistics): horizontal bars,
which keep long Chinese labels readable 375 px wide, and a line over months. No script, no outside
font or request: the markup scales to its container (`viewBox`, width 100%) and takes the page's font.
Every label is escaped; a missing value (None) is drawn as "—" with no bar or point."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, VALUE_WIDTH = 18, 8, 120, 56
COLOURS = ("#2b6cb0", "#c53030", "#2f855a", "#b7791f")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.0f}%"
    return f"{value:.1f}{unit}" if value != int(value) else f"{int(value)}{unit}"


def bar_chart(items: Sequence[tuple[str, float | None]], *, title: str, unit: str = "%",
              max_value: float | None = None, width: int = 360) -> str:
    """Horizontal bars, one per (label, value). `unit` "%" reads values as fractions (0.85 → 85%) on a
    0–1 scale; otherwise the scale runs to `max_value` or the largest value."""
    top = max_value if max_value is not None else (1.0 if unit == "%" else max((v or 0 for _, v in items), default=0))
    room = width - LABEL_WIDTH - VALUE_WIDTH
    height = 28 + len(items) * (BAR_HEIGHT + BAR_GAP)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="{escape(title)}" class="chart">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    for index, (label, value) in enumerate(items):
        y = 28 + index * (BAR_HEIGHT + BAR_GAP)
        length = 0.0 if not value or top <= 0 else min(value / top, 1.0) * room
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" font-size="12" text-anchor="end">'
                     f'{escape(label[:10])}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                     f'fill="{COLOURS[0]}"><title>{escape(label)} {_fmt(value, unit)}</title></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 13}" font-size="12">{_fmt(value, unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(points: Sequence[tuple[str, float | None]], *, title: str, unit: str = "%",
               max_value: float | None = None, width: int = 360, height: int = 180) -> str:
    """A line through (label, value) points left to right (months), with the first and last labels
    and each point's value on hover; gaps where a value is None."""
    top = max_value if max_value is not None else (1.0 if unit == "%" else max((v or 0 for _, v in points),
                                                                               default=0))
    left, right, upper, lower = 8, 8, 28, 22
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / max(len(points) - 1, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="{escape(title)}" class="chart">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
             f'<line x1="{left}" y1="{upper + plot_h}" x2="{width - right}" y2="{upper + plot_h}" stroke="#999"/>']
    segment: list[str] = []
    segments: list[list[str]] = []
    for index, (label, value) in enumerate(points):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        x = left + index * step
        y = upper + plot_h - (min(value / top, 1.0) * plot_h if top > 0 else 0)
        segment.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOURS[0]}">'
                     f'<title>{escape(label)} {_fmt(value, unit)}</title></circle>')
    if segment:
        segments.append(segment)
    for run in segments:
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{COLOURS[0]}" stroke-width="2"/>')
    if points:
        parts.append(f'<text x="{left}" y="{height - 6}" font-size="11">{escape(points[0][0])}</text>')
        if len(points) > 1:
            parts.append(f'<text x="{width - right}" y="{height - 6}" font-size="11" text-anchor="end">'
                         f'{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)
