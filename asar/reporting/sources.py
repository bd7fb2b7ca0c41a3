"""The one place where reporting reads other domains (hours, volunteers, organisations,
positions, the front offices' monitoring, the help line).

Everything returns plain dicts of IDs and whole numbers, so the report, the valuation and the
tests do not depend on other apps' models. Sources that do not exist (yet) return ``None``,
which the report shows as "no data" — never as zero.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from asar.geo.models import Direction, Region, age_group_for
from asar.hours import selectors as hours_selectors
from asar.hours.models import HourEntry
from asar.opportunities.models import Position
from asar.organizations.models import Organization
from asar.volunteers.models import VolunteerProfile

CONFIRMED = HourEntry.Status.CONFIRMED
SELF_REPORTED = HourEntry.Status.SELF_REPORTED
# Statuses that count as volunteer work done; pending and rejected entries never count.
COUNTED = (CONFIRMED, SELF_REPORTED)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- reference data ------------------------------------------------------------------------


def regions() -> list[Region]:
    return list(Region.objects.order_by("iso_code"))


def directions() -> list[Direction]:
    return list(Direction.objects.order_by("number"))


# --- hours ledger --------------------------------------------------------------------------


def _hours(
    *,
    year: int,
    statuses: tuple[str, ...],
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
) -> QuerySet[HourEntry]:
    first, last = year_bounds(year)
    qs = HourEntry.objects.filter(status__in=statuses, date__gte=first, date__lte=last)
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    if volunteer_id is not None:
        qs = qs.filter(volunteer_id=volunteer_id)
    return qs


def minutes_total(
    *,
    year: int,
    status: str,
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
) -> int:
    """Confirmed or self-reported minutes, through the hours domain's own counting rule."""
    read = (
        hours_selectors.confirmed_minutes
        if status == CONFIRMED
        else hours_selectors.self_reported_minutes
    )
    return read(
        year=year,
        region_id=region_id,
        organization_id=organization_id,
        volunteer_id=volunteer_id,
    )


def minutes_by_region_direction(
    *,
    year: int,
    status: str,
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
) -> dict[tuple[int, int], int]:
    """(region_id, direction_id) → minutes: the grain at which work is valued."""
    if organization_id is None and volunteer_id is None:
        totals = hours_selectors.monthly_totals(statuses=(status,), year=year, region_id=region_id)
        if totals is not None:
            rows = (
                totals.values("region_id", "direction_id").annotate(total=Sum("minutes")).order_by()
            )
            return {(r["region_id"], r["direction_id"]): int(r["total"]) for r in rows}
    entries = (
        _hours(
            year=year,
            statuses=(status,),
            region_id=region_id,
            organization_id=organization_id,
            volunteer_id=volunteer_id,
        )
        .values("region_id", "direction_id")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return {(r["region_id"], r["direction_id"]): int(r["total"]) for r in entries}


def minutes_by_year_region_direction(
    *, status: str, organization_id: int | None = None, volunteer_id: int | None = None
) -> dict[int, dict[tuple[int, int], int]]:
    """year → (region_id, direction_id) → minutes of one organisation or one volunteer, in
    one query: their value year by year."""
    if organization_id is None and volunteer_id is None:
        raise ValueError("an organisation or a volunteer")  # never the whole country at once
    qs = HourEntry.objects.filter(status=status)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    if volunteer_id is not None:
        qs = qs.filter(volunteer_id=volunteer_id)
    rows = (
        qs.annotate(year=ExtractYear("date"))
        .values("year", "region_id", "direction_id")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    result: dict[int, dict[tuple[int, int], int]] = {}
    for r in rows:
        result.setdefault(int(r["year"]), {})[(r["region_id"], r["direction_id"])] = int(r["total"])
    return result


def minutes_by_region_month(
    *, year: int, status: str, region_id: int | None = None
) -> dict[tuple[int, int], int]:
    data = hours_selectors.minutes_by_region_month(year=year, status=status)
    if region_id is None:
        return data
    return {key: value for key, value in data.items() if key[0] == region_id}


def minutes_by_direction(*, year: int, status: str, region_id: int | None = None) -> dict[int, int]:
    return hours_selectors.minutes_by_direction(year=year, region_id=region_id, status=status)


def minutes_by_form(*, year: int, region_id: int | None = None) -> dict[str, int]:
    totals = hours_selectors.monthly_totals(statuses=COUNTED, year=year, region_id=region_id)
    rows = (
        (totals if totals is not None else _hours(year=year, statuses=COUNTED, region_id=region_id))
        .values("form")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return {r["form"]: int(r["total"]) for r in rows}


def monthly_activity(*, year: int, region_id: int | None = None) -> dict[int, tuple[int, int]]:
    """month → (counted minutes, distinct volunteers with counted minutes)."""
    months = hours_selectors.volunteer_months(year=year, region_id=region_id)
    if months is not None:
        rows = (
            months.annotate(month_number=ExtractMonth("month"))
            .values("month_number")
            .annotate(total=Sum("minutes"), people=Count("id"))  # one row per volunteer
            .order_by()
        )
        return {int(r["month_number"]): (int(r["total"]), int(r["people"])) for r in rows}
    entries = (
        _hours(year=year, statuses=COUNTED, region_id=region_id)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(total=Sum("minutes"), people=Count("volunteer_id", distinct=True))
        .order_by()
    )
    return {int(r["month"]): (int(r["total"]), int(r["people"])) for r in entries}


def active_volunteer_count(*, year: int, region_id: int | None = None) -> int:
    months = hours_selectors.volunteer_months(year=year, region_id=region_id)
    if months is not None:
        return months.values("volunteer_id").distinct().count()
    return (
        _hours(year=year, statuses=COUNTED, region_id=region_id)
        .values("volunteer_id")
        .distinct()
        .count()
    )


def skills_of_active_volunteers(*, year: int, region_id: int | None = None) -> dict[int, int]:
    """skill_id → number of volunteers with counted hours in the year who have that skill."""
    active = _hours(year=year, statuses=COUNTED, region_id=region_id).values("volunteer_id")
    rows = (
        VolunteerProfile.skills.through.objects.filter(volunteerprofile_id__in=active)
        .values("skill_id")
        .annotate(people=Count("volunteerprofile_id", distinct=True))
        .order_by()
    )
    return {r["skill_id"]: int(r["people"]) for r in rows}


def skill_names() -> dict[int, Any]:
    from asar.volunteers.models import Skill

    return {s.id: s for s in Skill.objects.all()}


# --- volunteers ----------------------------------------------------------------------------


def _profiles(*, year: int, region_id: int | None) -> QuerySet[VolunteerProfile]:
    """The year's volunteers: profiles registered by the end of the year, and anyone who
    recorded counted hours in it (e.g. hours imported for a profile created later)."""
    first, last = year_bounds(year)
    months = hours_selectors.volunteer_months(year=year)
    if months is not None:
        # One probe of the summary's (volunteer, month) key per profile: "IN (every active
        # volunteer)" did not fit work_mem at national scale and ran for minutes (bench).
        active: Any = Exists(months.filter(volunteer_id=OuterRef("pk")))
    else:
        active = Q(
            id__in=HourEntry.objects.filter(
                status__in=COUNTED, date__gte=first, date__lte=last
            ).values("volunteer_id")
        )
    qs = VolunteerProfile.objects.filter(Q(created_at__date__lte=last) | active)
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    return qs


def registered_volunteers(*, year: int, region_id: int | None = None) -> int:
    """The year's volunteers on the platform (see ``_profiles``)."""
    return _profiles(year=year, region_id=region_id).count()


def volunteers_by(field: str, *, year: int, region_id: int | None = None) -> dict[Any, int]:
    """Registered volunteers by ``gender``, ``employment`` or ``region_id``."""
    rows = (
        _profiles(year=year, region_id=region_id).values(field).annotate(n=Count("id")).order_by()
    )
    return {r[field]: int(r["n"]) for r in rows}


def volunteers_by_age_group(*, year: int, region_id: int | None = None) -> dict[str, int]:
    """Age groups at the end of the year (only birth dates are read, never names)."""
    end = year_bounds(year)[1]
    counts: Counter[str] = Counter()
    for birth in _profiles(year=year, region_id=region_id).values_list("birth_date", flat=True):
        age = end.year - birth.year - int((end.month, end.day) < (birth.month, birth.day))
        counts[age_group_for(age) or "under-14"] += 1
    return dict(counts)


# --- organisations and positions ----------------------------------------------------------


def organizations_by_kind(*, year: int, region_id: int | None = None) -> dict[str, int]:
    """Organisations (not refused verification) on the platform by the end of the year, or
    whose volunteers have counted hours in it, by kind."""
    first, last = year_bounds(year)
    active = HourEntry.objects.filter(
        status__in=COUNTED, date__gte=first, date__lte=last, organization__isnull=False
    ).values("organization_id")
    qs = Organization.objects.filter(Q(created_at__date__lte=last) | Q(id__in=active)).exclude(
        verification=Organization.Verification.REJECTED
    )
    if region_id is not None:
        qs = qs.filter(Q(home_region_id=region_id) | Q(regions__id=region_id)).distinct()
    rows = qs.values("kind").annotate(n=Count("id", distinct=True)).order_by()
    return {r["kind"]: int(r["n"]) for r in rows}


def positions_by_direction(*, year: int, region_id: int | None = None) -> dict[int, int]:
    """Published or closed positions starting in the year, by direction."""
    first, last = year_bounds(year)
    qs = Position.objects.filter(
        start_date__gte=first,
        start_date__lte=last,
        status__in=[Position.Status.PUBLISHED, Position.Status.CLOSED],
    )
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    rows = qs.values("direction_id").annotate(n=Count("id")).order_by()
    return {r["direction_id"]: int(r["n"]) for r in rows}


# --- front offices (monitoring) ------------------------------------------------------------


def _monitoring_selectors() -> Any | None:
    try:
        return importlib.import_module("asar.monitoring.selectors")
    except ModuleNotFoundError:
        return None


def front_office_totals(*, year: int, region_id: int | None = None) -> dict[str, int] | None:
    """Data element code → the front offices' approved figure for the year; None = no data."""
    module = _monitoring_selectors()
    read = getattr(module, "reported_totals", None)
    if read is None:
        return None
    totals = read(year=year, region_id=region_id)
    return {str(k): int(v) for k, v in totals.items()} if totals else None


def front_office_hours_by_region_month(
    *, year: int, region_id: int | None = None
) -> dict[tuple[int, int], int] | None:
    """(region_id, month) → minutes of volunteer work in the front offices' APPROVED monthly
    reports (only figures an analyst accepted are valued); None = no such report."""
    module = _monitoring_selectors()
    if module is None or not hasattr(module, "approved_reports"):
        return None
    data: dict[tuple[int, int], int] = {}
    for report in module.approved_reports(year=year, region_id=region_id):
        hours = module.report_values(report).get("volunteer_hours")
        if isinstance(hours, int) and hours > 0:
            # Front offices report whole hours; the platform counts minutes.
            data[(report.region_id, report.month)] = hours * 60
    return data or None


def front_office_common_events(*, year: int, region_id: int | None = None) -> Counter[str] | None:
    """Event names the front offices listed as their month's most common (one per line), by
    how many approved monthly reports name them; None = no such report."""
    module = _monitoring_selectors()
    if module is None or not hasattr(module, "approved_reports"):
        return None
    counts: Counter[str] = Counter()
    seen = False
    for report in module.approved_reports(year=year, region_id=region_id):
        seen = True
        text = module.report_values(report).get("events_common")
        if isinstance(text, str):
            names = {" ".join(line.split()).strip(" .;,-–•") for line in text.splitlines()}
            counts.update(name[:1].upper() + name[1:] for name in names if name)
    return counts if seen else None


def front_office_completeness(*, year: int) -> Any | None:
    module = _monitoring_selectors()
    read = getattr(module, "completeness_matrix", None)
    return read(year=year) if read is not None else None


def front_office_findings(*, year: int) -> Any | None:
    module = _monitoring_selectors()
    read = getattr(module, "findings_summary", None)
    return read(year=year) if read is not None else None


# --- help line -----------------------------------------------------------------------------


def helpline_appeals(*, year: int, region_id: int | None = None) -> dict[str, Any] | None:
    """Appeals by channel and purpose; no help-line domain exists yet, hence no data."""
    return None
