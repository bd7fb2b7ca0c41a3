"""Helpers to build monthly reports in tests (values that satisfy every seed rule)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from asar.geo.models import Region
from asar.monitoring.models import (
    AuditEntry,
    DataElement,
    DataValue,
    MonthlyReport,
    deadline_for,
)
from tests.factories import region


def consistent_values(
    total: int = 1000, *, hours: int | None = None, seed: int = 0
) -> dict[str, Any]:
    """A complete, rule-abiding month for ``total`` volunteers; ``seed`` varies the details."""
    women = total * 6 // 10 + seed % 7
    ages = [total // 20, total // 5, total * 2 // 5 + seed % 5, total // 10, total // 8]
    jobs = [total // 6, total // 3 + seed % 3, total // 4, total // 15, total // 30]
    values: dict[str, Any] = {
        "volunteers_total": total,
        "volunteers_women": women,
        "volunteers_men": total - women,
        "age_14_15": ages[0],
        "age_16_18": ages[1],
        "age_19_29": ages[2],
        "age_30_35": ages[3],
        "age_36_59": ages[4],
        "age_60_plus": total - sum(ages),
        "emp_schoolchildren": jobs[0],
        "emp_students": jobs[1],
        "emp_employed": jobs[2],
        "emp_unemployed": jobs[3],
        "emp_retired": jobs[4],
        "emp_other": total - sum(jobs),
        "orgs_registered": 30,
        "orgs_initiative_groups": 90,
        "orgs_new": 1 + seed % 2,
        "volunteer_hours": hours if hours is not None else total * 5 + seed % 97 * 13,
        "positions_opened": total * 3 // 10 + seed % 11,
        "events_online": 20 + seed % 3,
        "events_auto": 3,
        "events_pro_bono": 2,
        "support_information": 4,
        "support_coordination": 1 + seed % 2,
        "support_description": "Ақпараттық қолдау",
        "dev_trainings": 1,
        "dev_team_building": 0,
        "dev_awards": 0,
        "dev_volunteers_reached": 25 + seed % 4,
        "dev_hours": 3,
        "events_common": "Субботник",
    }
    directions = list(
        DataElement.objects.filter(group="events_direction").values_list("code", flat=True)
    )
    per = 5 + seed % 4
    for code in directions:
        values[code] = per
    values["events_offline"] = per * len(directions) - (
        values["events_online"] + values["events_auto"] + values["events_pro_bono"]
    )
    for code in (
        "support_administrative",
        "support_equipment",
        "support_volunteers",
        "support_transport",
        "support_financial",
        "support_premises",
        "support_other",
    ):
        values[code] = 0
    return values


def make_report(
    *,
    iso: str = "KZ-75",
    year: int = 2023,
    month: int = 6,
    values: dict[str, Any] | None = None,
    status: str = MonthlyReport.Status.APPROVED,
    submitted_on: dt.date | None = None,
) -> MonthlyReport:
    """A stored report (bypassing the services: for history in tests of checks/selectors)."""
    the_region: Region = region(iso)
    deadline = deadline_for(year, month)
    moment = None
    if status != MonthlyReport.Status.DRAFT:
        day = submitted_on or deadline - dt.timedelta(days=1)
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    report = MonthlyReport.objects.create(
        region=the_region,
        year=year,
        month=month,
        deadline=deadline,
        status=status,
        first_submitted_at=moment,
        submitted_at=moment,
    )
    elements = {e.code: e for e in DataElement.objects.all()}
    DataValue.objects.bulk_create(
        DataValue(
            report=report,
            element=elements[code],
            number=value if elements[code].is_number else None,
            text="" if elements[code].is_number else value,
        )
        for code, value in (values if values is not None else consistent_values()).items()
        if value not in (None, "")
    )
    AuditEntry.objects.create(report=report, actor_label="test", action=AuditEntry.Action.IMPORTED)
    return report
