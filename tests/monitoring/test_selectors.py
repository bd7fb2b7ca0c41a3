"""Reads used by the reporting domain."""

from __future__ import annotations

import datetime as dt

import pytest

from asar.monitoring import selectors
from tests import factories as f
from tests.monitoring.factories import consistent_values, make_report

pytestmark = pytest.mark.django_db


def test_reported_totals_count_submitted_and_approved_only() -> None:
    make_report(iso="KZ-75", month=1, values=consistent_values(1000))
    make_report(iso="KZ-75", month=2, values=consistent_values(500), status="submitted")
    make_report(iso="KZ-79", month=1, values=consistent_values(300), status="draft")
    make_report(iso="KZ-79", month=2, values=consistent_values(200), status="returned")
    totals = selectors.reported_totals(year=2023)
    assert totals["volunteers_total"] == 1500
    assert (
        selectors.reported_totals(
            year=2023,
            region_id=make_report(iso="KZ-71", month=1, values=consistent_values(7)).region_id,
        )["volunteers_total"]
        == 7
    )
    assert "events_common" not in totals  # text elements are not summed
    assert [
        r.month
        for r in selectors.approved_reports(year=2023, region_id=None)
        if r.region.iso_code == "KZ-75"
    ] == [1]


def test_completeness_matrix_rates_and_states() -> None:
    make_report(iso="KZ-75", month=1, submitted_on=dt.date(2023, 2, 3))
    make_report(iso="KZ-75", month=2, submitted_on=dt.date(2023, 3, 20))  # late
    make_report(iso="KZ-75", month=3, status="draft")
    data = selectors.completeness_matrix(year=2023, today=dt.date(2023, 4, 10))
    assert data["expected_months"] == [1, 2, 3]  # April's report is not due yet
    row = next(r for r in data["rows"] if r["region"].iso_code == "KZ-75")
    assert [c["state"] for c in row["cells"][:5]] == [
        "approved",
        "approved",
        "draft",
        "not_due",
        "not_due",
    ]
    assert [c["late"] for c in row["cells"][:3]] == [False, True, True]
    assert (row["received"], row["on_time"], row["completeness"], row["timeliness"]) == (
        2,
        1,
        67,
        33,
    )
    other = next(r for r in data["rows"] if r["region"].iso_code == "KZ-79")
    assert other["cells"][0]["state"] == "missing" and other["completeness"] == 0
    assert data["trend"][0] == {"month": 1, "completeness": 5, "timeliness": 5}  # 1 of 20 regions


def test_findings_summary() -> None:
    from asar.monitoring import services

    report = make_report(values=consistent_values(100, hours=20_000))
    services.checks_run(report_ids=[report.pk])
    summary = selectors.findings_summary(year=2023)
    assert summary["by_kind"]["hours_per_volunteer"] == 1
    assert summary["by_region"]["KZ-75"]["warning"] >= 1


def test_pages_open_on_the_latest_year_with_a_received_report() -> None:
    today = dt.date(2024, 1, 20)
    assert selectors.latest_reported_year(today) == 2024  # nothing at all yet
    make_report(iso="KZ-75", month=12, values=consistent_values(10))  # 2023, approved
    make_report(iso="KZ-79", month=1, year=2024, status="draft")  # a draft does not count
    assert selectors.latest_reported_year(today) == 2023
    make_report(iso="KZ-79", month=2, year=2024, status="submitted")
    assert selectors.latest_reported_year(today) == 2024


def test_hours_coverage_per_region_compares_like_months_only() -> None:
    """Platform-confirmed hours ÷ reported hours, over the months with a received report."""
    from tests.reporting.factories import hour_entry

    volunteer = f.VolunteerFactory()
    org = f.OrganizationFactory()
    for day, minutes in ((dt.date(2023, 1, 10), 600), (dt.date(2023, 2, 3), 300)):
        hour_entry(volunteer, day=day, minutes=minutes, status="confirmed", organization=org)
    hour_entry(
        volunteer, day=dt.date(2023, 3, 3), minutes=600, status="confirmed", organization=org
    )
    hour_entry(volunteer, day=dt.date(2023, 1, 11), minutes=900, status="pending", organization=org)
    make_report(iso="KZ-75", month=1, values={"volunteer_hours": 40})
    make_report(iso="KZ-75", month=2, values={"volunteer_hours": 60})
    make_report(iso="KZ-75", month=3, status="draft", values={"volunteer_hours": 5})
    almaty = f.region("KZ-75").pk
    # 10 h + 5 h confirmed in January and February (March has no received report, the
    # pending entry does not count) against 40 h + 60 h reported: 15 %
    assert selectors.hours_coverage(year=2023)[almaty] == (15, 100)
    data = selectors.completeness_matrix(year=2023, today=dt.date(2023, 4, 10))
    row = next(r for r in data["rows"] if r["region"].pk == almaty)
    assert (row["platform_hours"], row["reported_hours"], row["coverage"]) == (15, 100, 15)
    other = next(r for r in data["rows"] if r["region"].iso_code == "KZ-79")
    assert other["coverage"] is None


@pytest.mark.parametrize(
    ("platform", "reported", "pct"),
    [
        (3, 1000, 0.3),
        (0, 1000, 0.0),
        (95, 1000, 9.5),
        (150, 1000, 15.0),
        (5, 0, None),
        (5, None, None),
    ],
)
def test_coverage_keeps_a_decimal_while_small(
    platform: int, reported: int | None, pct: float | None
) -> None:
    assert selectors.coverage_pct(platform, reported) == pct
