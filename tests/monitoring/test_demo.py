"""The demo year shows every check at work: planted problems caught, normal regions quiet."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from asar.monitoring import demo, selectors
from asar.monitoring.models import Finding, MonthlyReport

pytestmark = pytest.mark.django_db


def test_demo(db: None) -> None:
    """One load (it takes seconds), three looks at it."""
    loaded = demo.load(rng=random.Random(2023), scale=1.0, today=dt.date(2024, 1, 20))
    _totals_are_close_to_the_national_report(loaded)
    _planted_problems_are_caught()
    _normal_regions_stay_quiet()
    assert demo.load(rng=random.Random(1), scale=1.0) == "monthly reports already present"


def _kinds(iso: str, year: int, month: int | None = None) -> set[str]:
    qs = Finding.objects.filter(report__region__iso_code=iso, report__year=year)
    if month is not None:
        qs = qs.filter(report__month=month)
    return set(qs.values_list("kind", flat=True))


def _totals_are_close_to_the_national_report(loaded: str) -> None:
    assert "479 monthly reports" in loaded
    totals = selectors.reported_totals(year=2023)
    assert 195_000 <= totals["volunteers_total"] <= 240_000  # report: 217 391
    assert 1_000_000 <= totals["volunteer_hours"] <= 1_300_000  # report: 1 161 613
    assert 55_000 <= totals["positions_opened"] <= 75_000  # report: 64 799


def _planted_problems_are_caught() -> None:
    copy = Finding.objects.get(
        kind="duplicate_period",
        report__region__iso_code="KZ-79",
        report__year=2023,
        report__month=12,
    )
    assert copy.severity == "critical" and copy.params["year"] == 2022
    # Waiting for the analyst, as the approval rule demands: never approved with it open.
    assert copy.report.status == "submitted"
    assert not MonthlyReport.objects.filter(
        status="approved", findings__severity="critical", findings__state="open"
    ).exists()
    assert Finding.objects.filter(kind="duplicate_period").count() == 1
    assert "stuck_series" in _kinds("KZ-62", 2023)
    assert {"yoy_growth", "outlier_history", "per_capita"} <= _kinds("KZ-61", 2023)
    assert "outlier_history" in _kinds("KZ-35", 2023, 6)
    assert "support_unspecified" in _kinds("KZ-27", 2023)
    untyped = Finding.objects.filter(kind="support_unspecified", report__region__iso_code="KZ-11")
    assert {f.params["case"] for f in untyped} == {"untyped"}
    assert "timeliness" in _kinds("KZ-23", 2023)
    assert "hours_per_volunteer" in _kinds("KZ-62", 2023, 11)
    assert "yoy_equal" in _kinds("KZ-33", 2023, 4)
    empty = Finding.objects.get(
        kind="completeness", report__region__iso_code="KZ-63", report__year=2023, report__month=2
    )
    assert empty.state == "explained" and "направлениям" in empty.comment
    matrix = selectors.completeness_matrix(year=2023, today=dt.date(2024, 6, 1))
    mangystau = next(r for r in matrix["rows"] if r["region"].iso_code == "KZ-47")
    assert mangystau["cells"][7]["state"] == "missing"
    atyrau = next(r for r in matrix["rows"] if r["region"].iso_code == "KZ-23")
    assert atyrau["timeliness"] < 50 < atyrau["completeness"]
    assert (
        MonthlyReport.objects.get(region__iso_code="KZ-55", year=2023, month=11).status == "draft"
    )


def _normal_regions_stay_quiet() -> None:
    for iso in ("KZ-31", "KZ-43", "KZ-39"):
        serious = Finding.objects.filter(
            report__region__iso_code=iso, severity__in=["warning", "critical"]
        ).exclude(kind="outlier_history")
        assert not serious.exists(), [(f.kind, f.report_id) for f in serious]


def test_demo_runs_up_to_last_month() -> None:
    loaded = demo.load(rng=random.Random(2023), scale=1.0, today=dt.date(2026, 11, 22))
    assert "(2022–2026)" in loaded
    latest = MonthlyReport.objects.filter(year=2026).order_by("-month").first()
    assert latest is not None and latest.month == 10  # October's report was due on 5 November
    october = MonthlyReport.objects.filter(year=2026, month=10)
    assert not october.filter(region__iso_code="KZ-43").exists()  # not filed yet
    assert october.get(region__iso_code="KZ-63").status == "draft"
    assert october.get(region__iso_code="KZ-75").status == "submitted"
    assert MonthlyReport.objects.get(region__iso_code="KZ-75", year=2026, month=8).status == (
        "approved"
    )
    growth = (
        selectors.reported_totals(year=2025)["volunteers_total"]
        / (selectors.reported_totals(year=2024)["volunteers_total"])
    )
    assert 1.0 < growth < 1.15
    # The years after the report's are ordinary: no copied periods, normal regions quiet.
    assert Finding.objects.filter(kind="duplicate_period").count() == 1
    _normal_regions_stay_quiet()
