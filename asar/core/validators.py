"""Checks of values every domain takes from people (volunteers' and organisations' phones)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PHONE_CHARACTERS = frozenset("0123456789+()- ")


def clean_phone(value: str) -> str:
    """A phone number as typed (spaces, brackets and dashes allowed), or a ValidationError:
    10 to 15 digits, an optional leading "+"."""
    cleaned = " ".join(value.split())
    digits = sum(c.isdigit() for c in cleaned)
    if not set(cleaned) <= PHONE_CHARACTERS or "+" in cleaned[1:] or not 10 <= digits <= 15:
        raise ValidationError(
            _("Enter a phone number of 10 to 15 digits, e.g. +7 701 234 56 78."), code="phone"
        )
    return cleaned
