"""Factories of the reporting tests: hour entries and the wage table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from asar.hours.models import HourEntry
from asar.reporting.models import WageRate
from asar.volunteers.models import VolunteerProfile
from tests import factories as f


def hour_entry(
    volunteer: VolunteerProfile,
    *,
    day: dt.date,
    minutes: int,
    status: str,
    organization: object | None = None,
    region: str = "KZ-75",
    direction: str = "education",
    form: str = "offline",
) -> HourEntry:
    extra = {"rejection_reason": "Not done"} if status == HourEntry.Status.REJECTED else {}
    return HourEntry.objects.create(
        volunteer=volunteer,
        organization=organization,
        region=f.region(region),
        date=day,
        form=form,
        direction=f.direction(direction),
        minutes=minutes,
        status=status,
        source="coordinator" if organization else "volunteer",
        **extra,
    )


def wage(
    year: int, monthly: int | str, *, region: str | None = None, direction: str | None = None
) -> WageRate:
    return WageRate.objects.create(
        year=year,
        region=f.region(region) if region else None,
        direction=f.direction(direction) if direction else None,
        monthly_wage_kzt=Decimal(monthly),
        source="test figure",
    )


def registered_on(obj: object, day: dt.date) -> None:
    """Backdate ``created_at`` (auto_now_add) of a profile or organisation."""
    stamp = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
    type(obj).objects.filter(pk=obj.pk).update(created_at=stamp)  # type: ignore[attr-defined]
