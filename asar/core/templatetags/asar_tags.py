"""Template helpers available in every template (registered as builtins)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from asar.lib import formatting
from asar.lib.i18n import localized

register = template.Library()


@register.filter
def loc(obj: Any, field: str) -> str:
    """``{{ position|loc:"title" }}`` — text in the visitor's language, falling back."""
    return localized(obj, field)


@register.filter
def num(value: int | float | Decimal | None) -> str:
    return "" if value is None else formatting.number(value)


@register.filter
def kzt(value: int | float | Decimal | None) -> str:
    return "" if value is None else formatting.money_kzt(value)


@register.filter
def longdate(value: dt.date | None) -> str:
    return "" if value is None else formatting.date(value)


@register.filter
def moment(value: dt.datetime | None) -> str:
    """``{{ agreement.accepted_at|moment }}`` — date and time in the visitor's language."""
    return "" if value is None else formatting.datetime(value)


@register.filter
def monthyear(value: dt.date | None) -> str:
    """``{{ report.period|monthyear }}`` — 'октябрь 2026 г.'."""
    return "" if value is None else formatting.month_year(value)


@register.filter
def shortdate(value: dt.date | None) -> str:
    return "" if value is None else formatting.date(value, fmt="medium")


@register.simple_tag
def daterange(start: dt.date | None, end: dt.date | None, fmt: str = "medium") -> str:
    """``{% daterange a.first a.last %}`` — one range, the shared year and month written once,
    a single day when both are the same."""
    return "" if start is None else formatting.date_range(start, end, fmt=fmt)
