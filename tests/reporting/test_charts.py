from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from asar.reporting import charts
from asar.reporting.charts import ChartSpec, Series

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own generated SVG


@pytest.mark.parametrize("kind", ["bar", "hbar", "stacked", "line", "donut"])
def test_every_kind_is_valid_accessible_svg_with_real_text(kind: str) -> None:
    spec = ChartSpec(
        kind,
        "Волонтерлер <саны> & үлесі",
        ["Әйелдер", "Ерлер", "Ұйымдар"],
        [Series("Өңір", [3, 1, Decimal("2.5")]), Series("Ғылым", [1, 2, 0])][
            : 1 if kind == "donut" else 2
        ],
    )
    root = _parse(charts.render(spec, uid="x1", language="kk"))
    assert root.get("role") == "img"
    assert (
        root.find(f"{SVG}title").text == "Волонтерлер <саны> & үлесі"
    )  # escaped, then parsed back
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Әйелдер" in texts or "Әйелдер" in root.find(f"{SVG}desc").text
    assert all(c.startswith("#") for c in (e.get("fill") for e in root.iter(f"{SVG}rect")) if c)


def test_bar_heights_are_proportional() -> None:
    spec = ChartSpec("bar", "t", ["a", "b"], [Series("s", [10, 5])])
    root = _parse(charts.render(spec, uid="b", language="en"))
    bars = list(root.iter(f"{SVG}rect"))
    assert len(bars) == 2
    assert float(bars[0].get("height")) == pytest.approx(2 * float(bars[1].get("height")), rel=0.01)


def test_donut_legend_gives_shares_in_the_language() -> None:
    spec = ChartSpec("donut", "t", ["Әйелдер", "Ерлер"], [Series("s", [3, 1])])
    svg = charts.render(spec, uid="d", language="kk")
    assert "75,0%" in svg and "25,0%" in svg


def test_empty_chart_renders_nothing() -> None:
    assert (
        charts.render(ChartSpec("bar", "t", ["a"], [Series("s", [0])]), uid="e", language="kk")
        == ""
    )


def test_nice_axis_tops() -> None:
    assert [charts.nice_max(v) for v in (0, 7, 38, 80, 101, 2400)] == [
        1.0,
        10.0,
        50.0,
        100.0,
        200.0,
        2500.0,
    ]
