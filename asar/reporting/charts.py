"""Small SVG chart module for the national report: bar, horizontal bar, stacked horizontal bar,
line, donut, and dots on a logarithmic axis (figures thousands of times apart).

Charts are plain inline SVG with real text (so WeasyPrint draws them as vectors and the text
stays selectable and translatable), in the Okabe–Ito palette (distinguishable with the common
colour-vision deficiencies), with a <title>/<desc> for screen readers. The numbers table next to
each chart is rendered by the report template from the same spec.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from asar.lib import formatting

# Okabe & Ito (2008), "Color Universal Design"; black is left out for the bars.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
FONT = "'Noto Sans', 'DejaVu Sans', sans-serif"
INK = "#1d2630"
MUTED = "#5b6770"
GRID = "#d6dde2"
WIDTH = 640

Number = int | float | Decimal


@dataclass
class Series:
    """One series; ``None`` is a value that does not exist (a month that has not come yet, an
    average over nobody) and is left out of the drawing, never drawn as zero."""

    name: str
    values: Sequence[Number | None]


@dataclass
class ChartSpec:
    kind: str  # "bar" | "hbar" | "stacked" | "line" | "donut" | "log"
    title: str
    categories: list[str]
    series: list[Series] = field(default_factory=list)
    unit: str = ""
    # Figures are sums of tenge: printed as money ('26,4 млн ₸') where the chart shortens them.
    money: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.categories or all(
            not any(float(v or 0) for v in s.values) for s in self.series
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "unit": self.unit,
            "categories": list(self.categories),
            "series": [
                {"name": s.name, "values": [_jsonable(v) for v in s.values]} for s in self.series
            ],
        }


def _jsonable(value: Number | None) -> int | float | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _present(values: Sequence[Number | None]) -> list[float]:
    return [float(v) for v in values if v is not None]


# Advance widths in em, generous enough for DejaVu Sans (the fallback a browser without Noto
# Sans uses, about 8 % wider), so a label measured to fit really fits.
_NARROW = set("ijlI.,:;'!|·")
_SEMI = set("frt()[]-– ")
_WIDE = set("mwMWшщжмюЖШЩЮМ—…₸%")


def _char_width(char: str) -> float:
    if char in _NARROW:
        return 0.3
    if char in _SEMI:
        return 0.42
    if char in _WIDE:
        return 0.95
    if char.isdigit():
        return 0.64
    if char.isupper():
        return 0.76
    return 0.64  # other lower-case letters, Latin, Cyrillic and Kazakh


def _text_width(text: str, size: float) -> float:
    return sum(_char_width(c) for c in text) * size


def _clip(text: str, size: float, room: float) -> str:
    if _text_width(text, size) <= room:
        return text
    while text and _text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, size: float, room: float, max_lines: int = 3) -> list[str]:
    """``text`` broken at spaces into lines at most ``room`` wide; only a label that does not
    fit even in ``max_lines`` lines loses its end (marked "…")."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _clip(" ".join(lines[max_lines - 1 :]), size, room)]
    return [_clip(line, size, room) for line in lines] or [""]


def nice_max(value: float) -> float:
    """Smallest 1/2/2.5/5 × 10ⁿ at least ``value`` (axis top)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * 10**exponent
        if top >= value:
            return float(top)
    return float(10 ** (exponent + 1))  # pragma: no cover


def _ticks(top: float) -> int:
    """Grid intervals giving round tick labels: 0–2.5 by 0.5, 0–50 by 10, 0–20 by 5."""
    leading = top / 10 ** math.floor(math.log10(top)) if top > 0 else 1
    return 4 if round(leading, 6) == 2 else 5


def _fmt(value: Number | None, language: str, decimals: int) -> str:
    """A figure with the chart's (or axis's) own number of decimals, so "5,0" stands beside
    "4,9" rather than "5" (``decimals`` from ``_decimals`` over everything shown together)."""
    if value is None:
        return "—"
    return formatting.number(value, language, decimals)


def _decimals(values: Any) -> int:
    return formatting.decimals_for(values, most=2)


def _spec_decimals(spec: ChartSpec) -> int:
    return _decimals(v for s in spec.series for v in s.values)


def _t(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 12,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}"{extra}>{escape(text)}</text>'
    )


def _legend(spec: ChartSpec, y: float) -> tuple[list[str], float]:
    if len(spec.series) < 2:
        return [], y
    parts, x = [], 8.0
    for i, s in enumerate(spec.series):
        w = 18 + _text_width(s.name, 11) + 16
        if x + w > WIDTH - 8:
            x, y = 8.0, y + 18
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="11" height="11" fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        parts.append(_t(x + 16, y, s.name, size=11))
        x += w
    return parts, y + 14


def _frame(spec: ChartSpec, height: float, body: list[str], uid: str, language: str) -> SafeString:
    decimals = _spec_decimals(spec)
    summary = "; ".join(
        f"{s.name}: "
        + ", ".join(
            f"{c} {_fmt(v, language, decimals)}"
            for c, v in zip(spec.categories, s.values, strict=False)
        )
        for s in spec.series
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'aria-labelledby="{uid}-t {uid}-d" font-family="{escape(FONT)}">'
        f'<title id="{uid}-t">{escape(spec.title)}</title>'
        f'<desc id="{uid}-d">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )
    # Safe: every text node above went through html.escape.
    return mark_safe(svg)


def _bar(spec: ChartSpec, uid: str, language: str) -> SafeString:
    legend, top = _legend(spec, 16)
    top += 10
    height = 300.0
    n_cat, n_ser = len(spec.categories), max(len(spec.series), 1)
    left, right = 64.0, 12.0
    slot = (WIDTH - left - right) / max(n_cat, 1)
    rotate = max((_text_width(c, 11) for c in spec.categories), default=0) > slot - 4
    bottom = 110.0 if rotate else 34.0
    plot_h = height - top - bottom
    top_value = nice_max(max((v for s in spec.series for v in _present(s.values)), default=0))
    body = list(legend)
    ticks = _ticks(top_value)
    tick_values = [top_value * i / ticks for i in range(ticks + 1)]
    tick_decimals, decimals = _decimals(tick_values), _spec_decimals(spec)
    for i, value in enumerate(tick_values):
        y = top + plot_h - plot_h * i / ticks
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(
            _t(
                left - 6,
                y + 4,
                _fmt(value, language, tick_decimals),
                size=10,
                anchor="end",
                fill=MUTED,
            )
        )
    bar_w = min(slot * 0.8 / n_ser, 48)
    for ci, cat in enumerate(spec.categories):
        x0 = left + slot * ci + (slot - bar_w * n_ser) / 2
        for si, s in enumerate(spec.series):
            figure = s.values[ci]
            if figure is None:
                continue  # no figure: no bar (the table says "—")
            v = float(figure)
            h = plot_h * v / top_value
            x = x0 + si * bar_w
            y = top + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{PALETTE[si % len(PALETTE)]}"/>'
            )
            if n_cat * n_ser <= 16 and v:
                body.append(
                    _t(
                        x + bar_w / 2 - 1,
                        y - 4,
                        _fmt(s.values[ci], language, decimals),
                        size=10,
                        anchor="middle",
                    )
                )
        cx = left + slot * ci + slot / 2
        if rotate:
            label = _clip(cat, 11, bottom / 0.6)
            body.append(
                _t(
                    cx,
                    top + plot_h + 14,
                    label,
                    size=11,
                    anchor="end",
                    extra=f' transform="rotate(-35 {cx:.1f} {top + plot_h + 14:.1f})"',
                )
            )
        else:
            body.append(_t(cx, top + plot_h + 18, cat, size=11, anchor="middle"))
    body.append(
        f'<line x1="{left}" x2="{WIDTH - right}" y1="{top + plot_h:.1f}" y2="{top + plot_h:.1f}" stroke="{INK}"/>'
    )
    if spec.unit:
        body.append(_t(8, top - 4, spec.unit, size=10, fill=MUTED))
    return _frame(spec, height, body, uid, language)


LABEL_SIZE = 11.0
LINE_H = 12.5  # line height of a wrapped category label
MAX_LABEL_ROOM = 290.0


def _lines_text(x: float, y_mid: float, lines: list[str], *, size: float, anchor: str) -> str:
    """Several lines of one label, centred vertically on ``y_mid``."""
    first = y_mid + 4 - (len(lines) - 1) * LINE_H / 2
    return "".join(
        _t(x, first + i * LINE_H, line, size=size, anchor=anchor) for i, line in enumerate(lines)
    )


def _hbar(spec: ChartSpec, uid: str, language: str, stacked: bool = False) -> SafeString:
    legend, top = _legend(spec, 16)
    top += 6
    n_ser = max(len(spec.series), 1)
    base_h = 22.0 if stacked or n_ser == 1 else 11.0 * n_ser + 8
    # Long names (Kazakh and Russian directions) wrap onto up to three lines, never cut off.
    widest = max((_text_width(c, LABEL_SIZE) for c in spec.categories), default=0)
    label_room = min(widest, MAX_LABEL_ROOM)
    labels = [wrap(c, LABEL_SIZE, label_room) for c in spec.categories]
    row_hs = [max(base_h, LINE_H * len(lines) + 6) for lines in labels]
    if stacked:
        totals = [
            sum(float(s.values[i] or 0) for s in spec.series) for i in range(len(spec.categories))
        ]
        shown = totals
    else:
        shown = [v for s in spec.series for v in _present(s.values)]
        totals = shown
    decimals = _decimals([*shown, *(v for s in spec.series for v in _present(s.values))])
    value_room = max((_text_width(_fmt(v, language, decimals), 10) for v in shown), default=0)
    left, right = label_room + 16, value_room + 12
    plot_w = WIDTH - left - right
    top_value = nice_max(max(totals, default=0))
    body = list(legend)
    height = top + sum(row_hs) + 12
    y0 = top
    for ci, lines in enumerate(labels):
        row_h = row_hs[ci]
        body.append(_lines_text(left - 8, y0 + row_h / 2, lines, size=LABEL_SIZE, anchor="end"))
        x = left
        bh = (base_h - 6) / (1 if stacked else n_ser)
        first_bar = y0 + (row_h - (base_h - 6)) / 2
        for si, s in enumerate(spec.series):
            figure = s.values[ci]
            if figure is None:
                continue
            v = float(figure)
            w = plot_w * v / top_value
            colour = PALETTE[si % len(PALETTE)]
            if stacked:
                body.append(
                    f'<rect x="{x:.1f}" y="{first_bar:.1f}" width="{w:.1f}" height="{bh:.1f}" fill="{colour}"/>'
                )
                x += w
            else:
                by = first_bar + si * bh
                body.append(
                    f'<rect x="{left:.1f}" y="{by:.1f}" width="{w:.1f}" height="{bh - 1:.1f}" fill="{colour}"/>'
                )
                body.append(
                    _t(
                        left + w + 4,
                        by + bh / 2 + 4,
                        _fmt(s.values[ci], language, decimals),
                        size=10,
                    )
                )
        if stacked:
            body.append(
                _t(x + 4, y0 + row_h / 2 + 4, _fmt(totals[ci], language, decimals), size=10)
            )
        y0 += row_h
    body.append(
        f'<line x1="{left}" x2="{left}" y1="{top:.1f}" y2="{height - 12:.1f}" stroke="{INK}"/>'
    )
    if spec.unit:
        body.append(_t(left, height - 1, spec.unit, size=10, fill=MUTED))
        height += 4
    return _frame(spec, height, body, uid, language)


def _line(spec: ChartSpec, uid: str, language: str) -> SafeString:
    legend, top = _legend(spec, 16)
    top += 14
    height, left, right, bottom = 280.0, 64.0, 16.0, 34.0
    plot_h, plot_w = height - top - bottom, WIDTH - left - right
    n = len(spec.categories)
    top_value = nice_max(max((v for s in spec.series for v in _present(s.values)), default=0))
    step = plot_w / max(n - 1, 1)
    body = list(legend)
    ticks = _ticks(top_value)
    tick_decimals = _decimals(top_value * i / ticks for i in range(ticks + 1))
    decimals = _spec_decimals(spec)
    for i in range(ticks + 1):
        y = top + plot_h - plot_h * i / ticks
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(
            _t(
                left - 6,
                y + 4,
                _fmt(top_value * i / ticks, language, tick_decimals),
                size=10,
                anchor="end",
                fill=MUTED,
            )
        )
    for ci, cat in enumerate(spec.categories):
        body.append(_t(left + ci * step, top + plot_h + 18, cat, size=10, anchor="middle"))
    for si, s in enumerate(spec.series):
        colour = PALETTE[si % len(PALETTE)]
        # A missing value breaks the line: the months around it are not joined through a zero.
        runs: list[list[tuple[float, float, Number]]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
                continue
            runs[-1].append((left + i * step, top + plot_h - plot_h * float(v) / top_value, v))
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in run)
                body.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                )
            for x, y, v in run:
                body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
                if len(spec.series) == 1 and float(v):
                    body.append(_t(x, y - 8, _fmt(v, language, decimals), size=9, anchor="middle"))
    if spec.unit:
        body.append(_t(8, top - 6, spec.unit, size=10, fill=MUTED))
    return _frame(spec, height, body, uid, language)


def _donut(spec: ChartSpec, uid: str, language: str) -> SafeString:
    values = [float(v or 0) for v in spec.series[0].values] if spec.series else []
    total = sum(values) or 1.0
    cx, cy, r_out, r_in = 130.0, 130.0, 110.0, 62.0
    body: list[str] = []
    angle = -math.pi / 2
    for i, v in enumerate(values):
        if v <= 0:
            continue
        sweep = 2 * math.pi * v / total
        colour = PALETTE[i % len(PALETTE)]
        if sweep >= 2 * math.pi - 1e-9:
            body.append(
                f'<circle cx="{cx}" cy="{cy}" r="{(r_out + r_in) / 2}" fill="none" stroke="{colour}" stroke-width="{r_out - r_in}"/>'
            )
        else:
            a2 = angle + sweep
            large = 1 if sweep > math.pi else 0
            p = [
                (cx + r_out * math.cos(angle), cy + r_out * math.sin(angle)),
                (cx + r_out * math.cos(a2), cy + r_out * math.sin(a2)),
                (cx + r_in * math.cos(a2), cy + r_in * math.sin(a2)),
                (cx + r_in * math.cos(angle), cy + r_in * math.sin(angle)),
            ]
            body.append(
                f'<path d="M{p[0][0]:.2f},{p[0][1]:.2f} A{r_out},{r_out} 0 {large} 1 {p[1][0]:.2f},{p[1][1]:.2f} '
                f'L{p[2][0]:.2f},{p[2][1]:.2f} A{r_in},{r_in} 0 {large} 0 {p[3][0]:.2f},{p[3][1]:.2f} Z" '
                f'fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
            )
        angle += sweep
    decimals = _decimals([*values, sum(values)])
    body.append(
        _t(
            cx,
            cy + 6,
            _fmt(sum(values), language, decimals),
            size=16,
            anchor="middle",
            weight="bold",
        )
    )
    y = 40.0
    for i, (cat, v) in enumerate(zip(spec.categories, values, strict=True)):
        share = formatting.percent(v / total, language)
        figure = f"{_fmt(v, language, decimals)} · {share}"
        room = WIDTH - 8 - _text_width(figure, 12) - 12 - 298
        lines = wrap(cat, 12, room, max_lines=2)
        body.append(
            f'<rect x="280" y="{y - 10:.1f}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        body.extend(_t(298, y + j * 15, line, size=12) for j, line in enumerate(lines))
        body.append(_t(WIDTH - 8, y, figure, size=12, anchor="end", fill=MUTED))
        y += 22 + 15 * (len(lines) - 1)
    height = max(270.0, y + 4)
    return _frame(spec, height, body, uid, language)


def _log_dots(spec: ChartSpec, uid: str, language: str) -> SafeString:
    """One dot per category on a logarithmic axis, its figure printed beside it: for values
    thousands of times apart (the value scenarios: millions against hundreds of billions),
    where a linear bar of the smallest would be invisible. Dots, not bars: on a logarithmic
    axis the length of a bar depends only on where the axis starts, so it would mislead."""
    values = spec.series[0].values if spec.series else []
    shown = [float(v) for v in values if v is not None and float(v) > 0]
    lo = 10 ** math.floor(math.log10(min(shown)))
    hi = 10 ** math.ceil(math.log10(max(shown)))
    if hi <= lo:
        hi = lo * 10
    label = formatting.money_kzt_compact if spec.money else formatting.compact
    left = max(_text_width(c, 12) for c in spec.categories) + 20
    right, top, row_h = 16.0, 14.0, 34.0
    plot_w = WIDTH - left - right
    bottom = top + row_h * len(spec.categories)

    def x_of(v: float) -> float:
        return left + plot_w * (math.log10(v) - math.log10(lo)) / math.log10(hi / lo)

    body: list[str] = []
    decade = lo
    while decade <= hi * 1.0001:
        x = x_of(decade)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="{GRID}"/>'
        )
        anchor = "start" if decade == lo else "end" if decade >= hi else "middle"
        body.append(
            _t(x, bottom + 15, label(decade, language, 0), size=10, anchor=anchor, fill=MUTED)
        )
        decade *= 10
    for i, (cat, v) in enumerate(zip(spec.categories, values, strict=False)):
        y = top + row_h * i + row_h / 2
        body.append(_t(left - 10, y + 4, cat, size=12, anchor="end"))
        body.append(
            f'<line x1="{left:.1f}" x2="{WIDTH - right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-dasharray="2 3"/>'
        )
        if v is None or float(v) <= 0:
            body.append(_t(left + 6, y + 4, "—", size=12, fill=MUTED))
            continue
        x = x_of(float(v))
        colour = PALETTE[i % len(PALETTE)]
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>')
        text = label(v, language, 1)  # all three with one decimal: "21,0 млн", "2,5 млрд"
        # The figure sits right of its dot, or left of it when the dot is near the right end.
        if x + 12 + _text_width(text, 12) <= WIDTH - 4:
            body.append(_t(x + 12, y + 4, text, size=12, weight="bold"))
        else:
            body.append(_t(x - 12, y + 4, text, size=12, weight="bold", anchor="end"))
    body.append(
        f'<line x1="{left:.1f}" x2="{WIDTH - right:.1f}" y1="{bottom:.1f}" y2="{bottom:.1f}" '
        f'stroke="{INK}"/>'
    )
    height = bottom + 24
    if spec.unit:
        lines = wrap(spec.unit, 10, WIDTH - 16, max_lines=2)
        body.extend(
            _t(8, height + 4 + 13 * j, line, size=10, fill=MUTED) for j, line in enumerate(lines)
        )
        height += 8 + 13 * len(lines)
    return _frame(spec, height, body, uid, language)


_RENDERERS = {
    "bar": _bar,
    "hbar": _hbar,
    "stacked": lambda spec, uid, lang: _hbar(spec, uid, lang, stacked=True),
    "line": _line,
    "donut": _donut,
    "log": _log_dots,
}


def render(spec: ChartSpec, *, uid: str, language: str) -> SafeString:
    """The chart as an inline <svg> element (empty string for a chart without data)."""
    if spec.is_empty:
        return mark_safe("")
    return _RENDERERS[spec.kind](spec, uid, language)
