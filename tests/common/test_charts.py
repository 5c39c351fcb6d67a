"""SVG charts: well-formed, escaped, bars and points in proportion, gaps for missing values."""

import xml.etree.ElementTree as ET

from bot.common.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_in_proportion_and_a_missing_value_has_no_bar():
    svg = ET.fromstring(bar_chart([("幸福社区", 1.0), ("河滨社区", 0.5), ("安居社区", None)], title="办结及时率"))
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] > 0 and widths[2] == 0
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[0] == "办结及时率" and "100%" in texts and "50%" in texts and "—" in texts
    assert svg.get("aria-label") == "办结及时率" and svg.get("width") == "100%"


def test_labels_are_escaped_and_nothing_outside_is_referenced():
    markup = bar_chart([("<script>alert(1)</script>", 3)], title="a&b", unit="件")
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    ET.fromstring(markup)  # well-formed
    assert "href" not in markup and "http://" not in markup.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_line_breaks_where_a_month_has_no_value():
    svg = ET.fromstring(line_chart([("2026-09", 0.8), ("2026-10", 0.9), ("2026-11", None), ("2026-12", 0.7)],
                                   title="满意率"))
    assert len(list(svg.iter(f"{SVG}circle"))) == 3
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert labels[-2:] == ["2026-09", "2026-12"]
