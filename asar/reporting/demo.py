"""Demo data of reporting: the survey inputs of the maximum scenario for the years that have
demo hours. The wage table itself comes from the data migration (real published figures).

Demo volunteers and organisations are all created on the day the demo is loaded, while their
hours go back years; the report's "registered by the end of the year" would then equal "active
in the year". Those with hours are moved to have joined shortly before their first hours."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TypeVar

from django.db.models import Min
from django.utils import timezone

from asar.hours.models import HourEntry
from asar.organizations.models import Organization
from asar.reporting.models import SurveyEstimate
from asar.volunteers.models import VolunteerProfile
from asar.volunteers.validators import MIN_AGE, turns

# The 2023 national volunteer survey: one volunteer gives 300–400 hours a year on average.
SURVEY_HOURS_PER_VOLUNTEER = Decimal(350)
SURVEY_SOURCE = "National volunteer survey 2023 (260 volunteers): 300–400 hours a year each"


Joiner = TypeVar("Joiner", VolunteerProfile, Organization)


def _joined_before_first_hours(rng: random.Random) -> int:
    return _move_joined(VolunteerProfile, "volunteer_id", rng) + _move_joined(
        Organization, "organization_id", rng
    )


def _move_joined(model: type[Joiner], key: str, rng: random.Random) -> int:
    first = dict(
        HourEntry.objects.filter(**{f"{key}__isnull": False})
        .values_list(key)
        .annotate(first=Min("date"))
        .order_by()
    )
    rows = list(model.objects.filter(pk__in=first))
    for row in rows:
        day = first[row.pk] - dt.timedelta(days=rng.randint(1, 120))
        if isinstance(row, VolunteerProfile):
            # Nobody registers before turning 14 (the registry's rule).
            day = max(day, turns(row.birth_date, MIN_AGE))
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 20))))
        row.created_at = min(row.created_at, moment)
    model.objects.bulk_update(rows, ["created_at"], batch_size=500)
    return len(rows)


def load(*, rng: random.Random, scale: float) -> str:
    _joined_before_first_hours(rng)
    years = sorted({d.year for d in HourEntry.objects.dates("date", "year")}) or [2023]
    for year in years:
        SurveyEstimate.objects.get_or_create(
            year=year,
            defaults={
                # Empty: the front offices' count (or the platform's) is the basis.
                "volunteers": None,
                "hours_per_volunteer_year": SURVEY_HOURS_PER_VOLUNTEER,
                "source": SURVEY_SOURCE,
            },
        )
    return f"survey inputs for {', '.join(map(str, years))}"
