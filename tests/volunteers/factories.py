"""Identifiers and form payloads for volunteer tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from asar.lib import kz_ids
from tests import factories as f


def iin_for(birth: dt.date, *, male: bool = False, serial: int = 1) -> str:
    """A valid IIN for ``birth`` (first serial with a computable check digit)."""
    century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (0 if male else 1)
    for n in range(serial, serial + 200):
        first11 = f"{birth:%y%m%d}{century}{n:04d}"
        iin = kz_ids.with_check_digit(first11)
        if iin is not None:
            return iin
    raise AssertionError("no valid IIN found")


def bad_checksum(iin: str) -> str:
    return iin[:11] + str((int(iin[11]) + 1) % 10)


def years_ago(years: int, days: int = 0) -> dt.date:
    today = dt.date.today()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - dt.timedelta(days=days)


def registration_payload(**overrides: Any) -> dict[str, Any]:
    """A valid registration form POST for an adult."""
    data: dict[str, Any] = {
        "email": "aigerim@example.kz",
        "password1": "tulip-garden-2024",
        "password2": "tulip-garden-2024",
        "first_name": "Айгерим",
        "last_name": "Сапарова",
        "patronymic": "",
        "region": f.region("KZ-75").pk,
        "settlement": "Алматы",
        "gender": "female",
        "birth_date": "1998-03-14",
        "employment": "employed",
        "education": "higher",
        "languages": ["kk", "ru"],
        "skills": [],
        "other_skills": "",
        "hours_per_week": "6",
        "availability": ["weekends"],
        "health_restrictions": "",
        "phone": "",
        "iin": "",
        "personal_data_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
