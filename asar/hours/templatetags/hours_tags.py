"""``{% load hours_tags %}`` — minutes shown as hours in the visitor's number format."""

from __future__ import annotations

from decimal import Decimal

from django import template

from asar.lib import formatting

register = template.Library()


@register.filter
def hours(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return formatting.number((Decimal(int(minutes)) / 60).quantize(Decimal("0.01")).normalize())


@register.filter
def status_badge(status: str) -> str:
    return {"confirmed": "ok", "rejected": "bad", "pending": "warn"}.get(status, "")
