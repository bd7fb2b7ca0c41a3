from __future__ import annotations

import datetime as dt

from django import template

from asar.lib import formatting

register = template.Library()


@register.filter
def isodate(value: str | None, fmt: str = "long") -> str:
    """An ISO date string from a certificate, written out in the current language."""
    if not value:
        return ""
    return formatting.date(dt.date.fromisoformat(value), fmt=fmt)


@register.simple_tag
def isorange(start: str | None, end: str | None, fmt: str = "long") -> str:
    """``{% isorange c.period.from c.period.to %}`` — two ISO dates as one range."""
    if not start:
        return ""
    return formatting.date_range(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None, fmt=fmt
    )
