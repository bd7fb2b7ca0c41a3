"""Reads of the hours ledger. Aggregates used by monitoring and reporting are computed in the
database (one GROUP BY each), never by looping over entries in Python.

Counting rule: only ``confirmed`` entries are "confirmed hours"; independent good deeds are
``self_reported`` and always reported separately; pending and rejected entries never count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from asar.accounts.models import User
from asar.accounts.roles import AnyUser
from asar.geo.models import Direction
from asar.hours import summary
from asar.hours.models import HourEntry, MonthlyTotal, Shift, VolunteerMonth
from asar.opportunities.models import Application, Position
from asar.organizations.models import Organization
from asar.organizations.permissions import organizations_coordinated_by
from asar.volunteers.models import VolunteerProfile


def _entries(
    *,
    status: str,
    year: int | None = None,
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[HourEntry]:
    qs = HourEntry.objects.filter(status=status)
    if year is not None:
        # A date range rather than __year keeps the (status, date, region) index usable.
        qs = qs.filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    if volunteer_id is not None:
        qs = qs.filter(volunteer_id=volunteer_id)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    return qs


def _sum(qs: QuerySet[HourEntry] | QuerySet[MonthlyTotal]) -> int:
    return int(qs.aggregate(total=Sum("minutes"))["total"] or 0)


SUMMARISED = (HourEntry.Status.CONFIRMED, HourEntry.Status.SELF_REPORTED)


def monthly_totals(
    *, statuses: tuple[str, ...], year: int, region_id: int | None = None
) -> QuerySet[MonthlyTotal] | None:
    """The year's rows of the trigger-maintained aggregate (exact, same transaction as the
    ledger), or None where it does not exist (SQLite) or cannot answer (uncounted statuses)."""
    if not summary.available() or not set(statuses) <= set(SUMMARISED):
        return None
    qs = MonthlyTotal.objects.filter(
        status__in=statuses, month__gte=dt.date(year, 1, 1), month__lte=dt.date(year, 12, 1)
    )
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    return qs


def volunteer_months(*, year: int, region_id: int | None = None) -> QuerySet[VolunteerMonth] | None:
    """One row per volunteer active (counted entries) in a month of the year, in the region or
    (``region_id`` None) the whole country; None where the summaries do not exist."""
    if not summary.available():
        return None
    rows = VolunteerMonth.objects.filter(
        entries__gt=0, month__gte=dt.date(year, 1, 1), month__lte=dt.date(year, 12, 1)
    )
    if region_id is None:
        return rows.filter(region__isnull=True)  # the country-wide rows
    return rows.filter(region_id=region_id)


def _whole_months(first: dt.date | None, last: dt.date | None) -> bool:
    """From the first day of a month to the last day of a month (the summaries' grain)."""
    if first is None or last is None or first.day != 1:
        return False
    return (last + dt.timedelta(days=1)).day == 1


def _counted_sum(
    status: str,
    *,
    year: int | None,
    region_id: int | None,
    organization_id: int | None,
    volunteer_id: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> int:
    if organization_id is None and volunteer_id is None and summary.available():
        totals = None
        if year is not None and date_from is None and date_to is None:
            totals = monthly_totals(statuses=(status,), year=year, region_id=region_id)
        elif year is None and status in SUMMARISED and _whole_months(date_from, date_to):
            totals = MonthlyTotal.objects.filter(
                status=status, month__gte=date_from, month__lte=date_to
            )
            if region_id is not None:
                totals = totals.filter(region_id=region_id)
        if totals is not None:
            return _sum(totals)
    return _sum(
        _entries(
            status=status,
            year=year,
            region_id=region_id,
            organization_id=organization_id,
            volunteer_id=volunteer_id,
            date_from=date_from,
            date_to=date_to,
        )
    )


def confirmed_minutes(
    *,
    year: int | None = None,
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> int:
    """Minutes confirmed by the organisations' coordinators."""
    return _counted_sum(
        HourEntry.Status.CONFIRMED,
        year=year,
        region_id=region_id,
        organization_id=organization_id,
        volunteer_id=volunteer_id,
        date_from=date_from,
        date_to=date_to,
    )


def self_reported_minutes(
    *,
    year: int | None = None,
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> int:
    """Minutes of independent good deeds (no organisation, hence nobody to confirm them)."""
    return _counted_sum(
        HourEntry.Status.SELF_REPORTED,
        year=year,
        region_id=region_id,
        organization_id=organization_id,
        volunteer_id=volunteer_id,
        date_from=date_from,
        date_to=date_to,
    )


def minutes_by_region_month(
    *, year: int, status: str = HourEntry.Status.CONFIRMED
) -> dict[tuple[int, int], int]:
    """(region_id, month) → minutes for one year."""
    totals = monthly_totals(statuses=(status,), year=year)
    if totals is not None:
        rows = (
            totals.annotate(month_number=ExtractMonth("month"))
            .values("region_id", "month_number")
            .annotate(total=Sum("minutes"))
            .order_by()
        )
        return {(r["region_id"], int(r["month_number"])): int(r["total"]) for r in rows}
    entries = (
        _entries(status=status, year=year)
        .annotate(month=ExtractMonth("date"))
        .values("region_id", "month")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return {(row["region_id"], int(row["month"])): int(row["total"]) for row in entries}


def region_month_totals(
    *, year: int, region_id: int | None = None
) -> dict[tuple[int, int], dict[str, int]]:
    """(region_id, month) → confirmed and self-reported minutes, for the months with any."""
    confirmed = minutes_by_region_month(year=year, status=HourEntry.Status.CONFIRMED)
    self_reported = minutes_by_region_month(year=year, status=HourEntry.Status.SELF_REPORTED)
    keys = {
        key
        for key in confirmed.keys() | self_reported.keys()
        if key[0] is not None and (region_id is None or key[0] == region_id)
    }
    return {
        key: {
            "confirmed_minutes": confirmed.get(key, 0),
            "self_reported_minutes": self_reported.get(key, 0),
        }
        for key in keys
    }


def minutes_by_direction(
    *, year: int, region_id: int | None = None, status: str = HourEntry.Status.CONFIRMED
) -> dict[int, int]:
    """direction_id → minutes for one year (optionally one region)."""
    totals = monthly_totals(statuses=(status,), year=year, region_id=region_id)
    rows = (
        (totals if totals is not None else _entries(status=status, year=year, region_id=region_id))
        .values("direction_id")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return {row["direction_id"]: int(row["total"]) for row in rows}


def active_volunteer_ids(*, region_id: int, year: int, month: int) -> QuerySet[Any]:
    """IDs of volunteers with a confirmed or self-reported entry in that region and month
    (a values_list queryset, usable as a subquery: ``filter(id__in=...)``)."""
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if summary.available():  # one summary row per active volunteer, region and month
        return (
            VolunteerMonth.objects.filter(region_id=region_id, month=first, entries__gt=0)
            .values_list("volunteer_id", flat=True)
            .order_by()
        )
    return (
        HourEntry.objects.filter(
            region_id=region_id,
            date__gte=first,
            date__lte=last,
            status__in=[HourEntry.Status.CONFIRMED, HourEntry.Status.SELF_REPORTED],
        )
        .values_list("volunteer_id", flat=True)
        .distinct()
        .order_by()
    )


# --- reads for the pages and the API (always scoped by the acting user) ---------------------


def entries_of_volunteer(*, volunteer_id: int) -> QuerySet[HourEntry]:
    return HourEntry.objects.filter(volunteer_id=volunteer_id).select_related(
        "organization", "position", "direction", "region"
    )


def review_queue(
    *, user: User, organization_id: int | None = None, status: str = HourEntry.Status.PENDING
) -> QuerySet[HourEntry]:
    """Entries waiting for this coordinator: only their organisations' entries, and never their
    own (another coordinator confirms those)."""
    org_ids = organizations_coordinated_by(user).values("id")
    qs = HourEntry.objects.filter(organization_id__in=org_ids, status=status).exclude(
        volunteer__user_id=user.pk
    )
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    return qs.select_related("volunteer", "organization", "position", "direction").order_by(
        "date", "id"
    )


def totals_of_volunteer(*, volunteer_id: int) -> dict[str, Any]:
    """Confirmed and self-reported time of one volunteer by year, direction and organisation."""
    counted = HourEntry.objects.filter(
        volunteer_id=volunteer_id,
        status__in=[HourEntry.Status.CONFIRMED, HourEntry.Status.SELF_REPORTED],
    )
    by_status = dict(
        counted.values("status").annotate(total=Sum("minutes")).values_list("status", "total")
    )
    by_year = list(
        counted.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            confirmed=Sum("minutes", filter=Q(status=HourEntry.Status.CONFIRMED)),
            self_reported=Sum("minutes", filter=Q(status=HourEntry.Status.SELF_REPORTED)),
        )
        .order_by("-year")
    )
    confirmed = counted.filter(status=HourEntry.Status.CONFIRMED)
    direction_rows = list(
        confirmed.values("direction_id").annotate(minutes=Sum("minutes")).order_by("-minutes")
    )
    directions = Direction.objects.in_bulk([row["direction_id"] for row in direction_rows])
    by_direction = [{**row, "direction": directions[row["direction_id"]]} for row in direction_rows]
    organization_rows = list(
        confirmed.values("organization_id").annotate(minutes=Sum("minutes")).order_by("-minutes")
    )
    organizations = Organization.objects.in_bulk(
        [row["organization_id"] for row in organization_rows]
    )
    by_organization = [
        {**row, "organization": organizations[row["organization_id"]]} for row in organization_rows
    ]
    return {
        "confirmed": int(by_status.get(HourEntry.Status.CONFIRMED) or 0),
        "self_reported": int(by_status.get(HourEntry.Status.SELF_REPORTED) or 0),
        "pending": _sum(HourEntry.objects.filter(volunteer_id=volunteer_id, status="pending")),
        "by_year": by_year,
        "by_direction": by_direction,
        "by_organization": by_organization,
    }


def totals_of_organization(*, organization_id: int) -> list[Mapping[str, Any]]:
    """Confirmed minutes and volunteers of one organisation per year."""
    return list(
        HourEntry.objects.filter(organization_id=organization_id, status=HourEntry.Status.CONFIRMED)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(minutes=Sum("minutes"), volunteers=Count("volunteer_id", distinct=True))
        .order_by("-year")
    )


def loggable_applications(*, volunteer_id: int) -> QuerySet[Application]:
    """Positions the volunteer may log time on (accepted, active or completed)."""
    from asar.hours.services import WORKING_STATUSES

    return (
        Application.objects.filter(volunteer_id=volunteer_id, status__in=WORKING_STATUSES)
        .select_related("position__organization")
        .order_by("-accepted_at", "-id")
    )


def group_candidates(*, position_id: int) -> QuerySet[VolunteerProfile]:
    """Volunteers a coordinator can log an event for: accepted to the position."""
    from asar.hours.services import WORKING_STATUSES

    return VolunteerProfile.objects.filter(
        applications__position_id=position_id, applications__status__in=WORKING_STATUSES
    ).order_by("last_name", "first_name")


def coordinated_positions(*, user: AnyUser) -> QuerySet[Position]:
    return (
        Position.objects.filter(organization__in=organizations_coordinated_by(user))
        .select_related("organization")
        .order_by("-start_date")
    )


def silent_volunteers(
    *, today: dt.date, organization_ids: Any = None, days: int = 30
) -> QuerySet[VolunteerProfile]:
    """Volunteers with an accepted or active position and no diary entry for ``days`` days
    (optionally only those working for the given organisations). Someone accepted less than
    ``days`` days ago has not been silent that long yet, so they are not listed."""
    from asar.hours.services import ONGOING_STATUSES

    since = dt.datetime.combine(
        today - dt.timedelta(days=days - 1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    applications = Application.objects.filter(status__in=ONGOING_STATUSES).filter(
        Q(accepted_at__isnull=True) | Q(accepted_at__lt=since)
    )
    if organization_ids is not None:
        applications = applications.filter(position__organization_id__in=organization_ids)
    recent = HourEntry.objects.filter(date__gt=today - dt.timedelta(days=days)).values(
        "volunteer_id"
    )
    return (
        VolunteerProfile.objects.filter(
            pk__in=applications.values("volunteer_id"), user__is_active=True
        )
        .exclude(pk__in=recent)
        .annotate(last_entry=Max("hour_entries__date"))
        .order_by("last_name", "first_name", "id")
    )


def silent_placements_for(
    *, user: AnyUser, today: dt.date, days: int = 30
) -> QuerySet[Application]:
    """The placements behind ``silent_volunteers`` in the organisations ``user`` coordinates:
    one row per position a silent volunteer was accepted to, with the acceptance and the
    volunteer's last diary entry (``last_entry``), so the coordinator knows whom to call about
    what."""
    from asar.hours.services import ONGOING_STATUSES

    organization_ids = organizations_coordinated_by(user).values("id")
    silent = silent_volunteers(today=today, organization_ids=organization_ids, days=days)
    since = dt.datetime.combine(
        today - dt.timedelta(days=days - 1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    last_entry = (
        HourEntry.objects.filter(volunteer_id=OuterRef("volunteer_id"))
        .order_by("-date")
        .values("date")[:1]
    )
    return (
        Application.objects.filter(
            volunteer__in=silent.values("pk"),
            status__in=ONGOING_STATUSES,
            position__organization_id__in=organization_ids,
        )
        .filter(Q(accepted_at__isnull=True) | Q(accepted_at__lt=since))
        .select_related("volunteer", "position__organization")
        .annotate(last_entry=Subquery(last_entry))
        .order_by(
            "volunteer__last_name", "volunteer__first_name", "volunteer_id", "accepted_at", "pk"
        )
    )


def shifts_for_coordinator(*, user: AnyUser) -> QuerySet[Shift]:
    return (
        Shift.objects.filter(position__organization__in=organizations_coordinated_by(user))
        .select_related("position__organization")
        .annotate(
            arrived=Count("check_ins", distinct=True),
        )
        .order_by("-date", "-starts_at", "-id")
    )


def shifts_of_volunteer(*, volunteer_id: int, since: dt.date) -> QuerySet[Shift]:
    """Shifts of positions the volunteer is accepted to (for the calendar and reminders) that
    start on ``since`` or later, or started the day before and end on it (a night shift)."""
    from asar.hours.services import ONGOING_STATUSES

    return (
        Shift.objects.filter(
            Q(date__gte=since) | Q(date=since - dt.timedelta(days=1), ends_next_day=True),
            position__applications__volunteer_id=volunteer_id,
            position__applications__status__in=ONGOING_STATUSES,
        )
        .select_related("position__organization")
        .distinct()
        .order_by("date", "starts_at")
    )
