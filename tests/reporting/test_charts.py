from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from asar.reporting import charts
from asar.reporting.charts import ChartSpec, Series

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own generated SVG


@pytest.mark.parametrize("kind", ["bar", "hbar", "stacked", "line", "donut", "log"])
def test_every_kind_is_valid_accessible_svg_with_real_text(kind: str) -> None:
    spec = ChartSpec(
        kind,
        "Волонтерлер <саны> & үлесі",
        ["Әйелдер", "Ерлер", "Ұйымдар"],
        [Series("Өңір", [3, 1, Decimal("2.5")]), Series("Ғылым", [1, 2, 0])][
            : 1 if kind in ("donut", "log") else 2
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


def test_line_leaves_out_missing_values_instead_of_drawing_zeros() -> None:
    # e.g. hours per volunteer: nobody in January, the year not over after March
    spec = ChartSpec(
        "line", "t", ["J", "F", "M", "A", "M", "J"], [Series("s", [None, 2, 4, None, 3, None])]
    )
    root = _parse(charts.render(spec, uid="l", language="en"))
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == 3
    lines = [p.get("points").split() for p in root.iter(f"{SVG}polyline")]
    assert [len(points) for points in lines] == [2]  # February–March; May stands alone
    axis = max(float(c.get("cy")) for c in circles)
    assert axis < float(circles[0].get("cy")) + 1000  # sanity
    # no point sits on the zero line
    zero_y = max(float(line.get("y1")) for line in root.iter(f"{SVG}line"))
    assert all(float(c.get("cy")) < zero_y - 1 for c in circles)


def test_bar_without_a_figure_draws_no_bar() -> None:
    spec = ChartSpec("bar", "t", ["2021", "2022"], [Series("a", [5, 6]), Series("b", [None, 4])])
    root = _parse(charts.render(spec, uid="n", language="en"))
    assert len(list(root.iter(f"{SVG}rect"))) == 3 + 2  # three bars + two legend swatches


def _font() -> object:
    from pathlib import Path

    from PIL import ImageFont

    # DejaVu Sans is the widest font the charts name (the fallback for Noto Sans).
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, 11)
    pytest.skip("DejaVu Sans is not installed")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_long_direction_names_wrap_and_are_never_cut(language: str) -> None:
    from asar.geo.models import Direction
    from asar.lib.i18n import localized

    font = _font()
    names = [localized(d, "name", language) for d in Direction.objects.order_by("number")]
    spec = ChartSpec(
        "hbar",
        "t",
        names,
        [Series("a", [1_000_000] * len(names)), Series("b", [3] * len(names))],
    )
    root = _parse(charts.render(spec, uid="w", language=language))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    # every word of every name is there, in order, and nothing is replaced by "…"
    assert " ".join(t.text for t in labels).split() == " ".join(names).split()
    width = float(root.get("width"))
    for t in labels:
        assert float(t.get("x")) - font.getlength(t.text) >= 0, t.text  # type: ignore[attr-defined]
    # the value labels stay inside the chart too
    for t in root.iter(f"{SVG}text"):
        if t.get("text-anchor") == "start" and t.text and t.text[0].isdigit():
            assert float(t.get("x")) + font.getlength(t.text) <= width, t.text  # type: ignore[attr-defined]
    # wrapped lines of one label do not overlap the next label
    ys = [float(t.get("y")) for t in labels]
    assert all(b - a >= 12 for a, b in itertools.pairwise(ys))


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in _parse(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", ["bar", "hbar", "line"])
def test_figures_of_one_chart_share_their_decimals(kind: str) -> None:
    """Shares of 4.9 % and 5 % read "4,9" and "5,0" — never "4,9" beside "5"."""
    series = [Series("Платформа", [17.4, 5.0, 4.9]), Series("Фронт-офистер", [4.6, 5.0, 2.0])]
    spec = ChartSpec(
        kind,
        "Үлесі, %",
        ["Білім", "Экология", "Спорт"],
        series[:1] if kind == "line" else series,  # a line labels its points when alone
        unit="%",
    )
    svg = charts.render(spec, uid="p", language="kk")
    texts = _texts(svg)
    assert {"17,4", "5,0", "4,9"} <= set(texts)
    if kind == "hbar":  # no axis: every figure is a value label
        assert {"4,6", "2,0"} <= set(texts) and "5" not in texts and "2" not in texts
    desc = _parse(svg).find(f"{SVG}desc").text
    assert "Экология 5,0" in desc and "Спорт 4,9" in desc


def test_axis_ticks_share_their_decimals() -> None:
    spec = ChartSpec("bar", "t", ["a", "b"], [Series("s", [2, 1])])
    texts = _texts(charts.render(spec, uid="a", language="ru"))
    assert {"0,0", "0,5", "1,0", "1,5", "2,0"} <= set(texts)  # axis 0–2 by 0.5
    whole = _texts(
        charts.render(ChartSpec("bar", "t", ["a"], [Series("s", [40])]), uid="w", language="en")
    )
    assert {"0", "10", "20", "30", "40", "50"} <= set(whole) and "40.0" not in whole


def test_table_columns_of_hours_share_their_decimals() -> None:
    from django.template import Context, Template
    from django.utils.translation import override

    from asar.reporting.report import Table

    table = Table(
        ["Бағыт", "Сағат", "Үлесі"],
        [["a", Decimal(2534), Decimal("0.5")], ["b", Decimal("2280.5"), Decimal("0.05")]],
        ["text", "hours", "pct"],
    )
    template = Template(
        "{% load reporting_tags %}{% for row in t.cells %}{% for v, k in row %}"
        "{{ v|cell:k }}|{% endfor %}{% endfor %}"
    )
    with override("ru"):
        cells = template.render(Context({"t": table})).split("|")
    assert cells[:6] == ["a", "2\xa0534,0", "50,0\xa0%", "b", "2\xa0280,5", "5,0\xa0%"]
    whole = Table(["x", "h"], [["a", Decimal(12)], ["b", Decimal(40)]], ["text", "hours"])
    assert [k for _v, k in whole.cells[0]] == ["text", "hours.0"]


def test_figures_thousands_of_times_apart_are_dots_on_a_labelled_log_axis() -> None:
    """Minimum 3.7 million against maximum 162 billion tenge: on a linear axis the minimum is
    an invisible sliver. Each scenario is a dot with its figure; the axis is in decades."""
    spec = ChartSpec(
        "log",
        "Value",
        ["Минимум", "Вероятный", "Максимум"],
        [Series("₸", [Decimal("3700000"), Decimal("2526896053"), Decimal("162000000000")])],
        unit="Логарифмическая шкала",
        money=True,
    )
    svg = charts.render(spec, uid="v", language="ru")
    root = _parse(svg)
    dots = [float(c.get("cx")) for c in root.iter(f"{SVG}circle")]
    assert len(dots) == 3 and not list(root.iter(f"{SVG}rect"))  # dots, no bars
    texts = _texts(svg)
    assert {"3,7\xa0млн\xa0₸", "2,5\xa0млрд\xa0₸", "162,0\xa0млрд\xa0₸"} <= set(texts)
    decades = ["1\xa0млн\xa0₸", "10\xa0млн\xa0₸", "100\xa0млн\xa0₸", "1\xa0млрд\xa0₸"]
    assert set(decades) | {"10\xa0млрд\xa0₸", "100\xa0млрд\xa0₸", "1\xa0трлн\xa0₸"} <= set(texts)
    assert "Логарифмическая шкала" in texts
    # Positions follow the logarithm: a decade is the same distance everywhere.
    import math

    per_decade = (dots[2] - dots[0]) / math.log10(162e9 / 3.7e6)
    assert dots[1] - dots[0] == pytest.approx(per_decade * math.log10(2526896053 / 3.7e6), abs=0.2)
    assert dots[0] - 20 > min(float(t.get("x1")) for t in root.iter(f"{SVG}line"))
    # The last figure does not run off the chart: it is written to the left of its dot.
    assert all(float(t.get("x")) <= charts.WIDTH for t in root.iter(f"{SVG}text"))


def test_compact_money_in_three_languages() -> None:
    from asar.lib import formatting

    assert formatting.money_kzt_compact(21006086, "kk") == "21,0\xa0млн\xa0₸"
    assert formatting.money_kzt_compact(184653437696, "ru") == "184,7\xa0млрд\xa0₸"
    assert formatting.money_kzt_compact(2526896053, "en") == "₸2.5B"
    assert formatting.money_kzt_compact(100000, "ru", 0) == "100\xa0тыс.\xa0₸"  # CLDR's quotes gone
    assert formatting.money_kzt_compact(100000, "kk", 0) == "100\xa0мың\xa0₸"  # not "100 м."
    assert formatting.money_kzt_compact(999960000, "en") == "₸1.0B"  # not "₸1,000.0M"
    assert formatting.money_kzt_compact(950, "kk") == "950\xa0₸"
