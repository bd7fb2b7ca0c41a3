"""Reads of the monitoring domain. Tenant reads take the acting user; the national
aggregates (used by the reporting domain) are explicit about which statuses they count."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Case, Count, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from asar.accounts import roles
from asar.geo.models import Region
from asar.hours import selectors as hours_selectors
from asar.lib.i18n import sorted_by_name
from asar.monitoring.models import (
    DataElement,
    DataValue,
    Finding,
    MonitoringSettings,
    MonthlyReport,
    deadline_for,
)


def visible_region_ids(user: roles.AnyUser) -> set[int] | None:
    """None = every region (analysts); otherwise the operator's regions."""
    if roles.is_analyst(user):
        return None
    return roles.operator_region_ids(user) if user.is_authenticated else set()


def visible_regions(user: roles.AnyUser) -> QuerySet[Region]:
    ids = visible_region_ids(user)
    regions = Region.objects.all()
    return regions if ids is None else regions.filter(id__in=ids)


def reports_for(
    user: roles.AnyUser,
    *,
    year: int | None = None,
    region_id: int | None = None,
    status: str | None = None,
) -> QuerySet[MonthlyReport]:
    qs = MonthlyReport.objects.select_related("region")
    ids = visible_region_ids(user)
    if ids is not None:
        qs = qs.filter(region_id__in=ids)
    if year is not None:
        qs = qs.filter(year=year)
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        open_findings=Count(
            "findings",
            filter=Q(findings__state=Finding.State.OPEN) & ~Q(findings__severity="info"),
        )
    )


# Most serious first, then the latest period: what a reader should look at first.
FINDINGS_ORDER = (
    Case(
        When(severity=Finding.Severity.CRITICAL, then=Value(0)),
        When(severity=Finding.Severity.WARNING, then=Value(1)),
        default=Value(2),
    ).asc(),
    "-report__year",
    "-report__month",
    "report__region__name_en",
    "kind",
    "element_code",
)


def findings_for(
    user: roles.AnyUser,
    *,
    year: int | None = None,
    region_id: int | None = None,
    state: str | None = None,
    severity: str | None = None,
    report_id: int | None = None,
    kind: str | None = None,
) -> QuerySet[Finding]:
    qs = Finding.objects.select_related("report", "report__region")
    ids = visible_region_ids(user)
    if ids is not None:
        qs = qs.filter(report__region_id__in=ids)
    if year is not None:
        qs = qs.filter(report__year=year)
    if region_id is not None:
        qs = qs.filter(report__region_id=region_id)
    if state:
        qs = qs.filter(state=state)
    if severity:
        qs = qs.filter(severity=severity)
    if report_id is not None:
        qs = qs.filter(report_id=report_id)
    if kind:
        qs = qs.filter(kind=kind)
    ordering = Finding._meta.ordering
    assert ordering  # Finding.Meta has one
    return qs.order_by(*ordering, "id")  # a stable order pages well


def report_values(report: MonthlyReport) -> dict[str, int | str | None]:
    return {
        v.element.code: (v.number if v.element.is_number else v.text)
        for v in report.values.select_related("element")
    }


def catalogue_by_group() -> list[tuple[str, str, list[DataElement]]]:
    """[(group code, group label, elements)] in catalogue order."""
    groups: dict[str, list[DataElement]] = defaultdict(list)
    for element in DataElement.objects.all():
        groups[element.group].append(element)
    labels = dict(DataElement.Group.choices)
    return [(code, str(labels.get(code, code)), groups[code]) for code in labels if groups[code]]


def latest_reported_year(today: dt.date | None = None) -> int:
    """The year the analyst's pages open on: the latest with a received report. In January
    nothing of the new year is due yet, so last year is what there is to read."""
    today = today or timezone.localdate()
    latest = (
        MonthlyReport.objects.filter(status__in=MonthlyReport.RECEIVED, year__lte=today.year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or today.year


# --- for the reporting domain -------------------------------------------------------


def approved_reports(*, year: int, region_id: int | None = None) -> QuerySet[MonthlyReport]:
    qs = MonthlyReport.objects.filter(year=year, status=MonthlyReport.Status.APPROVED)
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    return qs.select_related("region").order_by("region__name_en", "month")


def reported_totals(*, year: int, region_id: int | None = None) -> dict[str, int]:
    """Element code → sum over the year's RECEIVED reports (submitted + approved; drafts and
    returned reports are not counted). Note: "volunteers_total" summed over months counts a
    person once per active month — the national report's convention for its yearly figure."""
    qs = DataValue.objects.filter(
        report__year=year,
        report__status__in=MonthlyReport.RECEIVED,
        element__value_type=DataElement.ValueType.NUMBER,
        number__isnull=False,
    )
    if region_id is not None:
        qs = qs.filter(report__region_id=region_id)
    return {
        code: int(total or 0)
        for code, total in qs.values_list("element__code").annotate(total=Sum("number"))
    }


def findings_summary(*, year: int) -> dict[str, Any]:
    """Counts of findings of the year: by kind, severity, state and region."""
    qs = Finding.objects.filter(report__year=year)
    by_region: dict[str, Counter[str]] = defaultdict(Counter)
    for iso, severity, state in qs.values_list("report__region__iso_code", "severity", "state"):
        by_region[iso][severity] += 1
        by_region[iso][f"state_{state}"] += 1
    return {
        "total": qs.count(),
        "by_kind": dict(Counter(qs.values_list("kind", flat=True))),
        "by_severity": dict(Counter(qs.values_list("severity", flat=True))),
        "by_state": dict(Counter(qs.values_list("state", flat=True))),
        "by_region": {iso: dict(c) for iso, c in by_region.items()},
    }


def _expected_months(year: int, today: dt.date) -> list[int]:
    """Months whose report is already due (deadline passed) or was due."""
    cfg = MonitoringSettings.current()
    return [m for m in range(1, 13) if deadline_for(year, m, cfg.deadline_day) < today]


def completeness_matrix(*, year: int, today: dt.date | None = None) -> dict[str, Any]:
    """Regions × months with each cell's state, and completeness/timeliness rates.

    Cell state: missing (due, no report), not_due, draft, submitted, returned, approved;
    ``late`` marks a first submission after the deadline (or a due report still not in).
    Rates per region and per month: received ÷ expected, on time ÷ expected (DHIS2's
    reporting rate and reporting rate on time).
    """
    today = today or timezone.localdate()
    cfg = MonitoringSettings.current()
    expected = set(_expected_months(year, today))
    reports = {
        (r.region_id, r.month): r
        for r in MonthlyReport.objects.filter(year=year).annotate(
            flags=Count(
                "findings",
                filter=Q(findings__severity__in=["warning", "critical"])
                & ~Q(findings__state=Finding.State.CORRECTED),
            ),
            critical=Count(
                "findings",
                filter=Q(findings__severity="critical")
                & ~Q(findings__state=Finding.State.CORRECTED),
            ),
        )
    }
    rows: list[dict[str, Any]] = []
    month_received: Counter[int] = Counter()
    month_on_time: Counter[int] = Counter()
    regions = sorted_by_name(Region.objects.all())
    for region in regions:
        cells = []
        received = on_time = 0
        for month in range(1, 13):
            report = reports.get((region.pk, month))
            deadline = deadline_for(year, month, cfg.deadline_day)
            cell: dict[str, Any] = {"month": month, "report": report, "deadline": deadline}
            if report is None:
                cell["state"] = "missing" if month in expected else "not_due"
                cell["late"] = month in expected
                cell["flags"] = cell["critical"] = 0
            else:
                cell["state"] = report.status
                cell["late"] = (
                    report.is_late if report.first_submitted_at or month in expected else False
                )
                cell["flags"] = report.flags
                cell["critical"] = report.critical
                if month in expected and report.is_received:
                    received += 1
                    month_received[month] += 1
                    if not report.is_late:
                        on_time += 1
                        month_on_time[month] += 1
            cells.append(cell)
        n = len(expected)
        rows.append(
            {
                "region": region,
                "cells": cells,
                "received": received,
                "on_time": on_time,
                "expected": n,
                "completeness": round(received * 100 / n) if n else None,
                "timeliness": round(on_time * 100 / n) if n else None,
            }
        )
    coverage = hours_coverage(year=year)
    for row in rows:
        platform, reported = coverage.get(row["region"].pk, (0, None))
        row["platform_hours"], row["reported_hours"] = platform, reported
        row["coverage"] = coverage_pct(platform, reported)
    trend = [
        {
            "month": m,
            "completeness": round(month_received[m] * 100 / len(regions)) if regions else None,
            "timeliness": round(month_on_time[m] * 100 / len(regions)) if regions else None,
        }
        for m in sorted(expected)
    ]
    total_expected = len(expected) * len(regions)
    return {
        "year": year,
        "rows": rows,
        "expected_months": sorted(expected),
        "trend": trend,
        "completeness": round(sum(month_received.values()) * 100 / total_expected)
        if total_expected
        else None,
        "timeliness": round(sum(month_on_time.values()) * 100 / total_expected)
        if total_expected
        else None,
    }


def coverage_pct(platform: int, reported: int | None) -> float | None:
    """Percent with one decimal below 10 % (today's platform covers a small share, and
    "0 %" everywhere would hide the differences), whole above."""
    if not reported:
        return None
    pct = platform * 100 / reported
    return round(pct, 1) if pct < 10 else float(round(pct))


def hours_coverage(*, year: int) -> dict[int, tuple[int, int | None]]:
    """region_id → (hours confirmed on the platform, hours in the front office's received
    reports) for the year. Their ratio is how much of the region's reported volunteering the
    platform already records (a lower bound: not every volunteer uses Asar yet). Months
    without a received report are left out on both sides, so a missing report does not
    inflate the ratio."""
    reported: dict[int, int] = {}
    received: set[tuple[int, int]] = set()
    for region_id, month, hours in DataValue.objects.filter(
        report__year=year,
        report__status__in=MonthlyReport.RECEIVED,
        element__code="volunteer_hours",
        number__isnull=False,
    ).values_list("report__region_id", "report__month", "number"):
        assert hours is not None  # number__isnull=False
        reported[region_id] = reported.get(region_id, 0) + hours
        received.add((region_id, month))
    platform: dict[int, int] = {}
    for (region_id, month), minutes in hours_selectors.minutes_by_region_month(year=year).items():
        if (region_id, month) in received:
            platform[region_id] = platform.get(region_id, 0) + minutes
    return {
        region_id: (platform.get(region_id, 0) // 60, reported.get(region_id))
        for region_id in set(reported) | set(platform)
    }


def region_series(
    *,
    region_id: int,
    years: list[int],
    codes: tuple[str, ...] = ("volunteers_total", "volunteer_hours"),
) -> dict[str, list[tuple[int, int, int | None]]]:
    """code → [(year, month, value)] over received reports, missing months as None."""
    values = {
        (y, m, c): n
        for y, m, c, n in DataValue.objects.filter(
            report__region_id=region_id,
            report__year__in=years,
            report__status__in=MonthlyReport.RECEIVED,
            element__code__in=codes,
        ).values_list("report__year", "report__month", "element__code", "number")
    }
    return {
        code: [(y, m, values.get((y, m, code))) for y in sorted(years) for m in range(1, 13)]
        for code in codes
    }
