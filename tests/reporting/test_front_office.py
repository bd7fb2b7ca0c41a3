"""Sections and the likely scenario fed by the front offices' real monthly reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from asar.monitoring.models import MonthlyReport
from asar.reporting import report, valuation
from tests import factories as f
from tests.monitoring.factories import consistent_values, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(country):  # type: ignore[no-untyped-def]
    make_report(iso="KZ-75", month=3, values=consistent_values(100, hours=5))
    make_report(iso="KZ-75", month=4, values=consistent_values(100, hours=1))
    make_report(iso="KZ-79", month=5, values=consistent_values(40, hours=2))
    # Submitted but not yet approved: never valued.
    make_report(
        iso="KZ-79",
        month=6,
        values=consistent_values(40, hours=50),
        status=MonthlyReport.Status.SUBMITTED,
    )
    return country


def test_likely_counts_front_office_hours_only_above_the_platform(reports) -> None:  # type: ignore[no-untyped-def]
    s = valuation.likely_scenario(valuation.RateBook(), year=2023)
    # Almaty March: 5 h reported − 3 h on the platform = 2 h × 2 000 = 4 000;
    # Almaty April: 1 h < 1.5 h on the platform → nothing;
    # Shymkent May: 2 h − 0.75 h = 1.25 h × 1 728 = 2 160; June is only submitted.
    assert s.inputs["front_office_data"] is True
    assert s.hours_of("front_office") == Decimal("3.25")
    assert s.value_of("front_office") == Decimal("6160")
    assert s.value == Decimal("16230") + Decimal("6160")


def test_regional_maximum_uses_the_front_offices_count(reports) -> None:  # type: ignore[no-untyped-def]
    s = valuation.maximum_scenario(valuation.RateBook(), year=2023, region_id=f.region("KZ-75").id)
    # 100 + 100 volunteers in the two Almaty reports × 350 h × 2 000 ₸
    assert (s.inputs["volunteers"], s.inputs["volunteers_basis"]) == (200, "front_office")
    assert s.value == Decimal("140000000")


def test_sections_show_front_office_figures(reports) -> None:  # type: ignore[no-untyped-def]
    ctx = report.Context(year=2023, region=None, language="en")
    with override("en"):
        years = report.volunteers_by_year(ctx)
        support = report.front_office_support(ctx)
        quality = {row[0]: row[1:] for row in report.data_quality(ctx).table.rows}
    # received reports: 100 + 100 + 40 + 40 volunteers
    assert years.table.rows[-1] == ["2023", 3, 3, 280]
    # 2021 and 2022 have no front-office reports: no count ("—"), not a count of zero
    assert years.table.rows[0] == ["2021", 1, 0, None] and years.chart.series[2].values[1] is None
    assert not support.no_data
    info = {row[0]: row[1] for row in support.table.rows}
    assert info["Information support"] == 4 * 4
    # Almaty: 4.5 h on the platform ÷ 6 h reported = 75 %
    assert quality["Almaty"][4] == Decimal("6.00") and quality["Almaty"][5] == Decimal("0.75")
    assert quality["Shymkent"][4] == Decimal("2.00")  # the submitted June report is not approved


def test_most_common_events_of_the_front_offices(reports) -> None:  # type: ignore[no-untyped-def]
    # The three approved reports each name "Субботник" (see consistent_values); one more names
    # two events, written untidily.
    values = consistent_values(10, hours=0)
    values["events_common"] = "  тазалық   акциясы\nСубботник.\n"
    make_report(iso="KZ-79", month=7, values=values)
    with override("kk"):
        section = report.front_office_events(report.Context(year=2023, region=None, language="kk"))
    assert section.table.rows == [["Субботник", 4], ["Тазалық акциясы", 1]]


def test_most_common_events_without_reports_say_no_data(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        section = report.front_office_events(report.Context(year=2023, region=None, language="en"))
    assert section.no_data


def test_data_quality_counts_reports_missing_returned_or_late(reports) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from asar.monitoring.models import deadline_for

    # Almaty also has July returned for correction (sent on time, so not late, but not received)
    # and August approved five days after its deadline.
    make_report(iso="KZ-75", month=7, status=MonthlyReport.Status.RETURNED)
    make_report(iso="KZ-75", month=8, submitted_on=deadline_for(2023, 8) + dt.timedelta(days=5))
    ctx = report.Context(year=2023, region=None, language="en")
    with override("en"):
        quality = {row[0]: row[1:] for row in report.data_quality(ctx).table.rows}
    # 12 reports due in 2023; received March, April, August → 9 not received (July among
    # them) + August late = 10.
    assert quality["Almaty"][0] == "3 / 12" and quality["Almaty"][1] == 10
    # Shymkent: May approved and June submitted, both on time → 10 missing.
    assert quality["Shymkent"][0] == "2 / 12" and quality["Shymkent"][1] == 10
    # A region without a single report: all 12 missing.
    assert quality["Abai Region"][1] == 12


def test_development_chart_counts_events_and_leaves_people_and_hours_to_the_table(reports) -> None:  # type: ignore[no-untyped-def]
    ctx = report.Context(year=2023, region=None, language="en")
    with override("en"):
        section = report.development_events(ctx)
    rows = {row[0]: row[1] for row in section.table.rows}
    # four received reports, each: 1 training, 25 volunteers reached, 3 hours
    assert rows["Trainings"] == 4
    assert (
        rows["Volunteers reached by these events"] == 100
        and rows["Duration of these events, hours"] == 12
    )
    assert section.chart.categories == ["Trainings", "Team building", "Awards"]
    assert section.chart.series[0].values == [4, 0, 0]
