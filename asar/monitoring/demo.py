"""Demo: monthly reports of the 20 regional front offices from 2022 to last month; 2022 and 2023
follow the national report, with planted problems so a newcomer sees every data-quality check
at work.

Figures are roughly consistent with the 2023 national report (≈217 000 volunteer-months and
≈1.16 M hours in 2023, ≈64 800 positions). Planted problems:
- Shymkent (KZ-79): December 2023 is an unchanged copy of December 2022;
- Turkistan (KZ-61): inflated 2023 (volunteers more than doubled, hours per volunteer high);
- Ulytau (KZ-62): the same number of volunteers from March to October 2023 (stuck series);
- West Kazakhstan (KZ-27): no support reported all year; Akmola (KZ-11): support described
  without types;
- Mangystau (KZ-47): August 2023 missing; Pavlodar (KZ-55): November 2023 still a draft;
- Atyrau (KZ-23): most 2023 reports late; Karaganda (KZ-35): June 2023 hours outlier;
- Ulytau (KZ-62) again: November 2023 hours entered in minutes (hours per volunteer);
- Jetisu (KZ-33): April 2023 head-count equal to April 2022's (year-on-year equality);
- East Kazakhstan (KZ-63): February 2023 without events by direction (completeness, explained).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from asar.geo.models import Region
from asar.monitoring import quality
from asar.monitoring.models import (
    AuditEntry,
    DataElement,
    DataValue,
    Finding,
    MonitoringSettings,
    MonthlyReport,
    deadline_for,
)

# Relative size of each region (≈ population in millions).
WEIGHTS = {
    "KZ-10": 0.60, "KZ-11": 0.79, "KZ-15": 0.92, "KZ-19": 1.56, "KZ-23": 0.69,
    "KZ-27": 0.69, "KZ-31": 1.22, "KZ-33": 0.70, "KZ-35": 1.13, "KZ-39": 0.83,
    "KZ-43": 0.83, "KZ-47": 0.79, "KZ-55": 0.75, "KZ-59": 0.53, "KZ-61": 2.15,
    "KZ-62": 0.22, "KZ-63": 0.72, "KZ-71": 1.53, "KZ-75": 2.29, "KZ-79": 1.26,
}  # fmt: skip
SEASON = (0.9, 0.92, 0.96, 1.0, 1.04, 0.97, 0.92, 0.93, 1.04, 1.06, 1.08, 1.18)
# The inflated region adds ≈14 % on top of the others, so the base is set below 217 000.
NATIONAL_MONTHLY_2023 = 217_000 / 1.14 / 12
HOURS_PER_VOLUNTEER = 4.7
EVENTS_COMMON = (
    "Сенбілік / Субботник",
    "Қарттарға көмек / Помощь пожилым",
    "Қан тапсыру акциясы / Донорская акция",
    "Балалар үйіне бару / Посещение детского дома",
    "Жануарлар баспанасына көмек / Помощь приюту для животных",
    "Ағаш отырғызу / Посадка деревьев",
    "Мектеп оқушыларына сабақ / Занятия со школьниками",
)
SUPPORT_TEXT = "Ақпараттық қолдау, үй-жай беру / Информационная поддержка, предоставление помещения"


def split(total: int, weights: list[float], rng: random.Random, jitter: float = 0.15) -> list[int]:
    """Integers proportional to ``weights`` (with noise) that add up exactly to ``total``."""
    noisy = [max(w * (1 + rng.uniform(-jitter, jitter)), 0.0) for w in weights]
    scale = total / sum(noisy) if sum(noisy) else 0
    parts = [int(w * scale) for w in noisy]
    for i in sorted(range(len(parts)), key=lambda i: -(noisy[i] * scale - parts[i]))[
        : total - sum(parts)
    ]:
        parts[i] += 1
    return parts


def month_values(
    *,
    volunteers: int,
    rng: random.Random,
    direction_codes: list[str],
    org_base: tuple[int, int],
    month: int,
) -> dict[str, Any]:
    v: dict[str, Any] = {"volunteers_total": volunteers}
    v["volunteers_women"], v["volunteers_men"] = split(volunteers, [0.58, 0.42], rng, 0.05)
    ages = split(volunteers, [0.06, 0.22, 0.45, 0.10, 0.13, 0.04], rng)
    for code, n in zip(("14_15", "16_18", "19_29", "30_35", "36_59", "60_plus"), ages, strict=True):
        v[f"age_{code}"] = n
    jobs = split(volunteers, [0.18, 0.35, 0.28, 0.07, 0.04, 0.08], rng)
    for code, n in zip(
        ("schoolchildren", "students", "employed", "unemployed", "retired", "other"),
        jobs,
        strict=True,
    ):
        v[f"emp_{code}"] = n
    registered, groups = org_base
    v["orgs_registered"], v["orgs_initiative_groups"] = registered, groups
    v["orgs_new"] = rng.randint(0, 2)
    events = max(int(volunteers / rng.uniform(9, 14)), 4)
    direction_weights = [rng.uniform(0.2, 1.5) for _ in direction_codes]
    for code, n in zip(direction_codes, split(events, direction_weights, rng), strict=True):
        v[code] = n
    forms = split(events, [0.72, 0.2, 0.03, 0.05], rng, 0.2)
    for code, n in zip(("offline", "online", "auto", "pro_bono"), forms, strict=True):
        v[f"events_{code}"] = n
    v["events_common"] = "\n".join(rng.sample(EVENTS_COMMON, 3))
    v["volunteer_hours"] = int(volunteers * HOURS_PER_VOLUNTEER * rng.uniform(0.92, 1.08))
    v["positions_opened"] = int(volunteers * rng.uniform(0.27, 0.33))
    for code in (
        "information",
        "coordination",
        "administrative",
        "equipment",
        "volunteers",
        "transport",
        "financial",
        "premises",
        "other",
    ):
        v[f"support_{code}"] = (
            rng.choice((0, 0, 1, 2, 3)) if code != "information" else rng.randint(1, 6)
        )
    v["support_description"] = SUPPORT_TEXT
    trainings = rng.choice((0, 0, 1, 1, 2))
    team = rng.choice((0, 0, 0, 1))
    awards = rng.choice((0, 0, 0, 1)) + (2 if month == 12 else 0)
    v["dev_trainings"], v["dev_team_building"], v["dev_awards"] = trainings, team, awards
    held = trainings + team + awards
    v["dev_volunteers_reached"] = held * rng.randint(15, 40) if held else 0
    v["dev_hours"] = held * rng.randint(2, 5) if held else 0
    v["notable_cases"] = ""
    return v


def _level(year: int) -> float:
    """Head-count relative to 2023: the report's 2022 figure, then modest real growth."""
    return 0.86 if year <= 2022 else 1.07 ** (year - 2023)


@transaction.atomic
def load(*, rng: random.Random, scale: float, today: dt.date | None = None) -> str:
    """2022–2023 as in the national report (with its planted problems), then every month up
    to the last one whose report is due, so the current year's pages have data too."""
    today = today or timezone.localdate()
    last_due = today.replace(day=1) - dt.timedelta(days=1)
    recent = {(last_due.year, last_due.month)}
    before = last_due.replace(day=1) - dt.timedelta(days=1)
    recent.add((before.year, before.month))
    if MonthlyReport.objects.exists():
        return "monthly reports already present"
    cfg = MonitoringSettings.current()
    elements = {e.code: e for e in DataElement.objects.all()}
    direction_codes = [c for c, e in elements.items() if e.group == "events_direction"]
    regions = {r.iso_code: r for r in Region.objects.all()}
    planned: dict[tuple[str, int, int], dict[str, Any]] = {}
    total_weight = sum(WEIGHTS.values())
    for iso, weight in WEIGHTS.items():
        # ``scale`` is not applied: these are regional aggregates whose point is to match the
        # national report, and the number of reports (20 regions × 24 months) is fixed anyway.
        base_2023 = NATIONAL_MONTHLY_2023 * weight / total_weight
        orgs = (max(int(30 * weight), 3), max(int(94 * weight), 5))
        for year in range(2022, max(last_due.year, 2023) + 1):
            for month in range(1, 13):
                if year > 2023 and (year, month) > (last_due.year, last_due.month):
                    break
                level = _level(year)
                volunteers = int(base_2023 * level * SEASON[month - 1] * rng.uniform(0.94, 1.06))
                if iso == "KZ-61" and year == 2023:
                    volunteers = int(volunteers * 2.3)  # the inflated region
                values = month_values(
                    volunteers=max(volunteers, 20),
                    rng=rng,
                    direction_codes=direction_codes,
                    org_base=(orgs[0] + (year - 2022) * 2, orgs[1] + (year - 2022) * 5),
                    month=month,
                )
                if iso == "KZ-61" and year == 2023:
                    values["volunteer_hours"] = (
                        values["volunteers_total"] * rng.randint(60, 90) // 10
                    )
                planned[(iso, year, month)] = values
    # Ulytau: the same head-count copied forward from March to October 2023.
    stuck = planned[("KZ-62", 2023, 3)]["volunteers_total"]
    for month in range(4, 11):
        planned[("KZ-62", 2023, month)] = _rescaled(planned[("KZ-62", 2023, month)], stuck, rng)
    # Shymkent: December 2023 = December 2022, unchanged.
    planned[("KZ-79", 2023, 12)] = dict(planned[("KZ-79", 2022, 12)])
    # Karaganda: a June with six times the usual hours (still possible, but an outlier).
    planned[("KZ-35", 2023, 6)]["volunteer_hours"] *= 6
    for year in (2022, 2023):
        for month in range(1, 13):
            for code in list(planned[("KZ-27", year, month)]):
                if code.startswith("support_"):
                    planned[("KZ-27", year, month)][code] = (
                        0 if code != "support_description" else ""
                    )
            if year == 2023:
                for code in list(planned[("KZ-11", year, month)]):
                    if code.startswith("support_") and code != "support_description":
                        planned[("KZ-11", year, month)][code] = 0
    # Ulytau (the smallest region, so the national total barely moves): November's hours
    # entered in minutes (≈280 h per volunteer in a month).
    planned[("KZ-62", 2023, 11)]["volunteer_hours"] *= 60
    # Jetisu: April's head-count copied from April last year (the rest was updated).
    planned[("KZ-33", 2023, 4)] = _rescaled(
        planned[("KZ-33", 2023, 4)], planned[("KZ-33", 2022, 4)]["volunteers_total"], rng
    )
    # East Kazakhstan: no events by direction in February (explained in the comment).
    for code in direction_codes:
        planned[("KZ-63", 2023, 2)][code] = None
    comments = {
        ("KZ-63", 2023, 2): "Бағыттар бойынша есеп жүргізілмеді / Учёт по направлениям не вёлся"
    }
    del planned[("KZ-47", 2023, 8)]
    # This month's news: one office has not filed last month yet, another has a draft.
    if last_due.year > 2023:
        planned.pop(("KZ-43", last_due.year, last_due.month), None)

    reports = []
    data_values: list[DataValue] = []
    for (iso, year, month), figures in planned.items():
        deadline = deadline_for(year, month, cfg.deadline_day)
        late = iso == "KZ-23" and year == 2023 and month % 3 != 0
        late = late or (iso == "KZ-79" and year == 2023 and month in (5, 12))
        day = (
            deadline + dt.timedelta(days=rng.randint(3, 15))
            if late
            else deadline - dt.timedelta(days=rng.randint(0, 4))
        )
        moment = timezone.make_aware(
            dt.datetime.combine(day, dt.time(rng.randint(9, 18), rng.randint(0, 59)))
        )
        status = MonthlyReport.Status.APPROVED
        if (year, month) in recent:
            status = MonthlyReport.Status.SUBMITTED  # the analyst has not reviewed them yet
        if (iso, year, month) == ("KZ-63", last_due.year, last_due.month) and year > 2023:
            status = MonthlyReport.Status.DRAFT
        if (iso, year, month) == ("KZ-55", 2023, 11):
            status = MonthlyReport.Status.DRAFT
        if (iso, year, month) == ("KZ-10", 2023, 10):
            status = MonthlyReport.Status.RETURNED
        report = MonthlyReport(
            warnings_comment=comments.get((iso, year, month), ""),
            region=regions[iso],
            year=year,
            month=month,
            deadline=deadline,
            status=status,
            first_submitted_at=None if status == MonthlyReport.Status.DRAFT else moment,
            submitted_at=None if status == MonthlyReport.Status.DRAFT else moment,
            review_comment="Жас топтарын тексеріңіз / Проверьте возрастные группы"
            if status == MonthlyReport.Status.RETURNED
            else "",
            reviewed_at=moment + dt.timedelta(days=3)
            if status in ("approved", "returned")
            else None,
        )
        reports.append((report, figures))
    MonthlyReport.objects.bulk_create([r for r, _f in reports])
    saved = {(r.region_id, r.year, r.month): r for r in MonthlyReport.objects.all()}
    audit = []
    for report, figures in reports:
        stored = saved[(report.region_id, report.year, report.month)]
        for code, value in figures.items():
            element = elements[code]
            if value in ("", None):
                continue
            data_values.append(
                DataValue(
                    report=stored,
                    element=element,
                    number=value if element.is_number else None,
                    text="" if element.is_number else value,
                )
            )
        audit.append(
            AuditEntry(
                report=stored, actor_label="demo", action=AuditEntry.Action.IMPORTED, source="demo"
            )
        )
    DataValue.objects.bulk_create(data_values, batch_size=2000)
    AuditEntry.objects.bulk_create(audit, batch_size=2000)
    result = quality.run_for_reports(
        MonthlyReport.objects.filter(status__in=MonthlyReport.RECEIVED)
    )
    # An analyst cannot approve a report while a critical finding is open (the Shymkent copy):
    # such a report waits for review, so a newcomer can return it.
    MonthlyReport.objects.filter(
        status=MonthlyReport.Status.APPROVED,
        findings__severity=Finding.Severity.CRITICAL,
        findings__state=Finding.State.OPEN,
    ).update(status=MonthlyReport.Status.SUBMITTED, reviewed_at=None)
    return (
        f"{len(reports)} monthly reports (2022–{max(last_due.year, 2023)}), "
        f"{len(data_values)} values, "
        f"{result['findings']} data-quality findings"
    )


def _rescaled(values: dict[str, Any], total: int, rng: random.Random) -> dict[str, Any]:
    """The same month with the head-count forced to ``total`` and its breakdowns kept consistent."""
    out = dict(values)
    out["volunteers_total"] = total
    out["volunteers_women"], out["volunteers_men"] = split(total, [0.58, 0.42], rng, 0.05)
    ages = split(total, [0.06, 0.22, 0.45, 0.10, 0.13, 0.04], rng)
    for code, n in zip(("14_15", "16_18", "19_29", "30_35", "36_59", "60_plus"), ages, strict=True):
        out[f"age_{code}"] = n
    jobs = split(total, [0.18, 0.35, 0.28, 0.07, 0.04, 0.08], rng)
    for code, n in zip(
        ("schoolchildren", "students", "employed", "unemployed", "retired", "other"),
        jobs,
        strict=True,
    ):
        out[f"emp_{code}"] = n
    out["volunteer_hours"] = int(total * HOURS_PER_VOLUNTEER * rng.uniform(0.92, 1.08))
    return out
