"""What the platform itself measures, per region and month, to show beside reported figures.

The platform's figures are a lower bound (not every volunteer uses Asar yet), so a report
below them is inconsistent, and their ratio says how much of the region's volunteering the
platform already covers. Hours and active volunteers come from ``asar.hours.selectors``;
organisations, positions and volunteer profiles are read-only queries on their models.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

from django.db.models import Q
from django.utils import timezone

from asar.geo.models import age_group_for
from asar.hours import selectors as hours_selectors
from asar.opportunities.models import Position
from asar.organizations.models import Organization
from asar.volunteers.models import VolunteerProfile

# Report element ← platform measure.
MEASURED_CODES = (
    "volunteers_total",
    "volunteers_women",
    "volunteers_men",
    "age_14_15",
    "age_16_18",
    "age_19_29",
    "age_30_35",
    "age_36_59",
    "age_60_plus",
    "emp_schoolchildren",
    "emp_students",
    "emp_employed",
    "emp_unemployed",
    "emp_retired",
    "emp_other",
    "orgs_registered",
    "orgs_initiative_groups",
    "orgs_new",
    "volunteer_hours",
    "positions_opened",
)

_AGE_CODE = {
    "14-15": "age_14_15",
    "16-18": "age_16_18",
    "19-29": "age_19_29",
    "30-35": "age_30_35",
    "36-59": "age_36_59",
    "60+": "age_60_plus",
}
_EMPLOYMENT_CODE = {
    "schoolchild": "emp_schoolchildren",
    "student": "emp_students",
    "employed": "emp_employed",
    "unemployed": "emp_unemployed",
    "retired": "emp_retired",
    "other": "emp_other",
}


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _aware_end(last_day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))


def _aware_start(first_day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(first_day, dt.time()))


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def measures(*, region_id: int, year: int, month: int) -> dict[str, int]:
    """Platform figures for the region and month, keyed by report element code."""
    first, last = _month_bounds(year, month)
    # An active volunteer has recorded hours in the region during the month (the hours
    # domain's definition, shared with the national report).
    volunteer_ids = set(
        hours_selectors.active_volunteer_ids(region_id=region_id, year=year, month=month)
    )
    result: dict[str, int] = dict.fromkeys(MEASURED_CODES, 0)
    result["volunteers_total"] = len(volunteer_ids)
    profiles = VolunteerProfile.objects.filter(id__in=volunteer_ids).values_list(
        "gender", "birth_date", "employment"
    )
    genders: Counter[str] = Counter()
    for gender, birth, employment in profiles:
        genders[gender] += 1
        group = age_group_for(_age_on(birth, last))
        if group:
            result[_AGE_CODE[group]] += 1
        result[_EMPLOYMENT_CODE.get(employment, "emp_other")] += 1
    result["volunteers_women"] = genders["female"]
    result["volunteers_men"] = genders["male"]

    end = _aware_end(last)
    orgs = Organization.objects.filter(
        home_region_id=region_id,
        verification=Organization.Verification.VERIFIED,
        created_at__lt=end,
    )
    result["orgs_registered"] = orgs.filter(kind=Organization.Kind.REGISTERED).count()
    result["orgs_initiative_groups"] = orgs.filter(kind=Organization.Kind.INITIATIVE_GROUP).count()
    result["orgs_new"] = orgs.filter(created_at__gte=_aware_start(first)).count()

    minutes = hours_selectors.confirmed_minutes(region_id=region_id, date_from=first, date_to=last)
    result["volunteer_hours"] = minutes // 60
    start = _aware_start(first)
    result["positions_opened"] = (
        Position.objects.filter(region_id=region_id)
        .filter(
            Q(published_at__gte=start, published_at__lt=end)
            | Q(
                published_at__isnull=True,
                status="published",
                created_at__gte=start,
                created_at__lt=end,
            )
        )
        .count()
    )
    return result


def coverage(reported: dict[str, int | None], measured: dict[str, int]) -> dict[str, float | None]:
    """Platform ÷ reported per element (None where nothing was reported)."""
    ratios: dict[str, float | None] = {}
    for code in MEASURED_CODES:
        value = reported.get(code)
        ratios[code] = None if not value else round(measured.get(code, 0) / value, 3)
    return ratios
