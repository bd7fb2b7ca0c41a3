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
