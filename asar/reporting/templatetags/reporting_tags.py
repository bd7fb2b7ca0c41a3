"""Formatting of report table cells by column kind, in the active language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from asar.lib import formatting

register = template.Library()


@register.filter
def cell(value: Any, kind: str) -> str:
    """``{{ value|cell:"money" }}`` — kinds: text, int, hours, money, rate, pct; "hours.1"
    is hours with one decimal (a column's figures share their decimals)."""
    if value is None or value == "":
        return "—"
    kind, _dot, decimals = kind.partition(".")
    if kind == "hours" and decimals:
        return formatting.number(Decimal(value), decimals=int(decimals))
    if kind == "text":
        return str(value)
    if kind == "money":
        return formatting.money_kzt(Decimal(value))
    if kind == "rate":
        return formatting.money_kzt(Decimal(value), digits=2)
    if kind == "pct":
        return formatting.percent(Decimal(value))
    if kind == "hours":
        return formatting.number(Decimal(value))
    return formatting.number(value)


@register.filter
def at(sequence: Any, index: int) -> Any:
    """``{{ row|at:forloop.counter0 }}`` — the item at ``index``."""
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return None


@register.filter
def rate_kzt(value: Any) -> str:
    return "" if value is None else formatting.money_kzt(Decimal(value), digits=2)


@register.filter
def value_lines(lines: Any) -> list[dict[str, Any]]:
    """``{{ year.lines|value_lines }}`` — valued lines as rows in the active language."""
    from asar.reporting.report import lines_for_display

    return lines_for_display(list(lines))


@register.inclusion_tag("reporting/_value_by_year.html", takes_context=True)
def organization_value_by_year(context: template.Context, organization: Any) -> dict[str, Any]:
    """``{% organization_value_by_year org %}`` — the value an organisation's volunteers gave,
    year by year, for its public page. Renders nothing for a visitor who may not see it
    (reporting decides who may: see ``selectors.organization_value_by_year``)."""
    from asar.reporting.selectors import organization_value_by_year as read

    request = context.get("request")
    viewer = getattr(request, "user", None) or AnonymousUser()
    return {"value": read(viewer=viewer, organization=organization)}
