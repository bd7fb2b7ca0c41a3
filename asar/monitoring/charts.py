"""Small inline SVG charts (no JavaScript, readable without colours: points carry titles)."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from asar.lib.formatting import number

WIDTH, HEIGHT, PAD = 640, 180, 34


def _points(values: list[float | None], top: float) -> list[tuple[float, float] | None]:
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    return [
        None
        if v is None
        else (PAD + i * step, HEIGHT - PAD - (v / top if top else 0) * (HEIGHT - 2 * PAD))
        for i, v in enumerate(values)
    ]


def _path(points: list[tuple[float, float] | None]) -> str:
    parts, pen = [], "M"
    for point in points:
        if point is None:
            pen = "M"  # a missing month breaks the line instead of inventing a value
            continue
        parts.append(f"{pen}{point[0]:.1f},{point[1]:.1f}")
        pen = "L"
    return " ".join(parts)


def line_chart(series: list[tuple[int, int, int | None]]) -> SafeString:
    """One line per year over twelve months, the later year in blue, the earlier in grey."""
    years = sorted({y for y, _m, _v in series})
    values = [v for _y, _m, v in series if v is not None]
    top = max(values) * 1.1 if values else 1
    out = [
        f'<svg class="mon-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" class="axis"/>',
        # The scale: the top value and zero, so a reader sees how far apart the lines are.
        f'<text x="4" y="{PAD - 8}" class="lbl">{escape(number(round(top)))}</text>',
        f'<text x="4" y="{HEIGHT - PAD + 4}" class="lbl">0</text>',
    ]
    step = (WIDTH - 2 * PAD) / 11
    for m in range(12):
        out.append(
            f'<text x="{PAD + m * step:.1f}" y="{HEIGHT - 10}" class="lbl" text-anchor="middle">{m + 1}</text>'
        )
    for index, year in enumerate(years):
        line = [float(v) if v is not None else None for y, _m, v in series if y == year]
        points = _points(line, top)
        css = "cur" if index == len(years) - 1 else "prev"
        out.append(f'<path d="{_path(points)}" class="{css}" fill="none"/>')
        for month, (point, value) in enumerate(zip(points, line, strict=True), start=1):
            if point is not None:
                out.append(
                    f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3" class="{css}">'
                    f"<title>{year}-{month:02d}: {escape(number(int(value or 0)))}</title></circle>"
                )
        # The legend above the plot, one year after the other (never on top of the lines).
        x = WIDTH - PAD - 110 + index * 60
        out.append(
            f'<path d="M{x},{PAD - 12} h16" class="{css}" fill="none"/>'
            f'<text x="{x + 20}" y="{PAD - 8}" class="lbl">{year}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def rates_chart(trend: list[dict[str, Any]]) -> SafeString:
    """Completeness (blue) and timeliness (green) by month, in percent."""
    if not trend:
        return mark_safe("")
    months = [t["month"] for t in trend]
    out = [
        f'<svg class="mon-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" class="axis"/>',
        f'<text x="4" y="{PAD + 4}" class="lbl">100%</text>',
        f'<text x="4" y="{HEIGHT // 2 + 4}" class="lbl">50%</text>',
        f'<text x="4" y="{HEIGHT - PAD + 4}" class="lbl">0%</text>',
    ]
    for key, css in (("completeness", "cur"), ("timeliness", "ok")):
        points = _points([float(t[key]) if t[key] is not None else None for t in trend], 100)
        out.append(f'<path d="{_path(points)}" class="{css}" fill="none"/>')
        for month, point, item in zip(months, points, trend, strict=True):
            if point is not None:
                out.append(
                    f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3" class="{css}">'
                    f"<title>{month:02d}: {item[key]}%</title></circle>"
                )
    step = (WIDTH - 2 * PAD) / max(len(months) - 1, 1)
    for i, month in enumerate(months):
        out.append(
            f'<text x="{PAD + i * step:.1f}" y="{HEIGHT - 10}" class="lbl" text-anchor="middle">{month}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))
