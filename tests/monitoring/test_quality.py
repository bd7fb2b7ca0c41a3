"""Each data-quality check, on stored reports: a planted problem is caught, a normal month is not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from asar.geo.models import RegionPopulation
from asar.monitoring import quality, services
from asar.monitoring.models import Finding, MonitoringSettings, MonthlyReport
from tests import factories as f
from tests.monitoring.factories import consistent_values, make_report

pytestmark = pytest.mark.django_db

# Head-counts of a normal region: they vary from month to month, as real figures do.
NORMAL = [980, 1010, 1050, 1100, 1120, 1000, 940, 960, 1080, 1130, 1150, 1300]


def history(
    iso: str = "KZ-79", years: tuple[int, ...] = (2022, 2023), last_month: int = 12
) -> None:
    for year in years:
        for month in range(1, 13):
            if year == years[-1] and month > last_month:
                break
            seed = year * 12 + month
            total = NORMAL[month - 1] + (year - 2022) * 90
            make_report(iso=iso, year=year, month=month, values=consistent_values(total, seed=seed))


def kinds(report: MonthlyReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for finding in report.findings.all():
        out.setdefault(finding.kind, []).append(finding.element_code)
    return out


def run(report: MonthlyReport) -> dict[str, list[str]]:
    services.checks_run(report_ids=[report.pk])
    return kinds(report)


def test_normal_month_is_not_flagged() -> None:
    history(last_month=11)
    december = make_report(
        iso="KZ-79", year=2023, month=12, values=consistent_values(1390, seed=2023 * 12 + 12)
    )
    found = run(december)
    # Shymkent has a population figure; nothing else should be said about a plausible month.
    assert found == {}, {k: [quality.explain(x) for x in december.findings.all()] for k in found}


def test_shymkent_case_december_copied_from_last_year_is_critical() -> None:
    history(last_month=11)
    copied = {
        v.element.code: (v.number if v.element.is_number else v.text)
        for v in MonthlyReport.objects.get(
            region__iso_code="KZ-79", year=2022, month=12
        ).values.select_related("element")
    }
    december = make_report(iso="KZ-79", year=2023, month=12, values=copied)
    found = run(december)
    assert "duplicate_period" in found
    finding = december.findings.get(kind="duplicate_period")
    assert finding.severity == Finding.Severity.CRITICAL
    assert finding.params["year"] == 2022 and finding.params["month"] == 12
    assert finding.params["share"] == 100
    assert "12/2022" in quality.explain(finding)


def test_a_copy_of_the_month_before_is_not_called_last_year_s() -> None:
    history(last_month=11)
    november = MonthlyReport.objects.get(region__iso_code="KZ-79", year=2023, month=11)
    copied = {
        v.element.code: (v.number if v.element.is_number else v.text)
        for v in november.values.select_related("element")
    }
    december = make_report(iso="KZ-79", year=2023, month=12, values=copied)
    run(december)
    finding = december.findings.get(kind="duplicate_period")
    assert (finding.params["year"], finding.params["month"]) == (2023, 11)
    with translation.override("en"):
        text = quality.explain(finding)
    assert "last year" not in text
    assert "check that the figures of 11/2023 were not submitted again" in text


def test_near_identical_copy_with_two_fields_touched_is_still_caught() -> None:
    history(last_month=11)
    values = consistent_values(NORMAL[11], seed=2022 * 12 + 12)
    values["support_information"] += 3  # a couple of cosmetic edits
    values["dev_hours"] += 1
    december = make_report(iso="KZ-79", year=2023, month=12, values=values)
    finding = december.findings.model.objects.none()
    run(december)
    finding = december.findings.get(kind="duplicate_period")
    assert finding.params["share"] >= 90


def test_outlier_against_own_history_explains_the_modified_z_score() -> None:
    history(last_month=11)
    values = consistent_values(1400, hours=40_000, seed=5)  # ~29 h per volunteer: 5× usual
    december = make_report(iso="KZ-79", year=2023, month=12, values=values)
    run(december)
    finding = december.findings.get(kind="outlier_history", element_code="volunteer_hours")
    assert finding.params["z"] > 3.5
    assert "0.6745" in quality.explain(finding)


def test_outlier_threshold_is_configurable() -> None:
    history(last_month=11)
    december = make_report(
        iso="KZ-79", year=2023, month=12, values=consistent_values(1390, hours=9000, seed=1)
    )
    past = [
        float(vals["volunteer_hours"])  # type: ignore[arg-type]
        for (region_id, year, month), vals in quality.load_series().items()
        if region_id == december.region_id and (year, month) != (2023, 12)
    ]
    z, _median, _mad = quality.modified_z(9000, past)
    assert z is not None
    MonitoringSettings.objects.filter(pk=1).update(outlier_threshold=round(z + 1, 1))
    assert "outlier_history" not in run(december)
    MonitoringSettings.objects.filter(pk=1).update(outlier_threshold=round(z - 0.5, 1))
    assert "volunteer_hours" in run(december)["outlier_history"]


def test_modified_z_is_undefined_for_a_constant_series() -> None:
    z, median, mad = quality.modified_z(500, [100.0] * 10)
    assert z is None and median == 100 and mad == 0
    z, _median, _mad = quality.modified_z(100, [90.0, 100.0, 110.0, 95.0, 105.0])
    assert z == 0


def test_stuck_series_is_flagged_although_outlier_tests_cannot_see_it() -> None:
    for month in range(1, 7):
        make_report(iso="KZ-62", year=2023, month=month, values=consistent_values(400, seed=month))
    june = MonthlyReport.objects.get(region__iso_code="KZ-62", year=2023, month=6)
    found = run(june)
    assert "volunteers_total" in found["stuck_series"]
    assert "outlier_history" not in found
    finding = june.findings.get(kind="stuck_series", element_code="volunteers_total")
    assert finding.params["months"] == 6


def test_exact_year_on_year_equality_of_a_total() -> None:
    make_report(iso="KZ-75", year=2022, month=3, values=consistent_values(2000, seed=1))
    march = make_report(iso="KZ-75", year=2023, month=3, values=consistent_values(2000, seed=2))
    found = run(march)
    assert found.get("yoy_equal") == ["volunteers_total"]


def test_implausible_hours_per_volunteer() -> None:
    report = make_report(values=consistent_values(100, hours=20_000))
    assert "volunteer_hours" in run(report)["hours_per_volunteer"]
    MonitoringSettings.objects.filter(pk=1).update(max_hours_per_volunteer=300)
    assert "hours_per_volunteer" not in run(report)


def test_year_on_year_growth_beyond_bounds() -> None:
    make_report(iso="KZ-75", year=2022, month=5, values=consistent_values(1000, seed=1))
    inflated = make_report(iso="KZ-75", year=2023, month=5, values=consistent_values(2600, seed=2))
    found = run(inflated)
    assert "volunteers_total" in found["yoy_growth"]
    finding = inflated.findings.get(kind="yoy_growth", element_code="volunteers_total")
    assert finding.params["change"] == 160
    assert "+30" in quality.explain(finding)


def test_volunteers_per_thousand_far_from_other_regions_and_missing_population() -> None:
    # Populations of a few regions exist in the reference data; give three more a figure.
    for iso in ("KZ-35", "KZ-31", "KZ-71", "KZ-19"):
        RegionPopulation.objects.get_or_create(
            region=f.region(iso),
            date=dt.date(2025, 1, 1),
            defaults={"population": 1_000_000, "source": "test"},
        )
    for iso in ("KZ-35", "KZ-31", "KZ-71"):
        make_report(iso=iso, month=4, values=consistent_values(1000))
    high = make_report(iso="KZ-19", month=4, values=consistent_values(9000))
    assert "volunteers_total" in run(high)["per_capita"]
    RegionPopulation.objects.filter(region__iso_code="KZ-10").delete()
    unknown = make_report(iso="KZ-10", month=4, values=consistent_values(500))
    assert "no_population" in run(unknown)


def test_outlier_against_other_regions_compares_ratios() -> None:
    isos = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31"]
    for n, iso in enumerate(isos):
        make_report(iso=iso, month=9, values=consistent_values(500 + n * 300, seed=n))
    odd = make_report(iso="KZ-33", month=9, values=consistent_values(800, hours=800 * 40))
    assert "volunteer_hours" in run(odd)["outlier_regions"]


def test_completeness_and_unspecified_support() -> None:
    values = consistent_values(1000)
    del values["volunteer_hours"], values["positions_opened"]
    for code in list(values):
        if code.startswith("support_") and code != "support_description":
            values[code] = 0
    report = make_report(values=values)
    found = run(report)
    assert "completeness" in found
    empty = report.findings.get(kind="completeness")
    assert empty.params["count"] == 2
    # The explanation names the fields, so the operator knows what to fill in.
    with translation.override("en"):
        assert quality.explain(empty) == (
            "2 required fields were left empty: Volunteer hours, Volunteer positions (vacancies) "
            "opened."
        )
        empty.params = {"count": 14, "codes": empty.params["codes"]}
        assert quality.explain(empty).endswith("(vacancies) opened and 12 more.")
    support = report.findings.get(kind="support_unspecified")
    assert support.params["case"] == "untyped" and support.severity == "warning"


def test_timeliness() -> None:
    on_time = make_report(month=2, submitted_on=dt.date(2023, 3, 5))
    late = make_report(month=3, submitted_on=dt.date(2023, 4, 12))
    assert "timeliness" not in run(on_time)
    assert "timeliness" in run(late)
    assert late.findings.get(kind="timeliness").params["days"] == 7


def test_coverage_flags_a_report_below_what_the_platform_measured() -> None:
    from asar.opportunities.models import Position

    f.PositionFactory.create_batch(3, organization=f.OrganizationFactory())
    today = dt.date.today()
    Position.objects.update(published_at=None, status="published")
    report = make_report(
        year=today.year, month=today.month, values=consistent_values(1000) | {"positions_opened": 1}
    )
    finding = report.findings.model.objects.none()
    run(report)
    finding = report.findings.get(kind="coverage", element_code="positions_opened")
    assert finding.params == {"reported": 1, "measured": 3}


def test_checks_are_idempotent_and_keep_the_follow_up(actors) -> None:  # type: ignore[no-untyped-def]
    report = make_report(values=consistent_values(100, hours=20_000))
    run(report)
    first = list(report.findings.values_list("id", "kind"))
    run(report)
    assert list(report.findings.values_list("id", "kind")) == first
    finding = report.findings.get(kind="hours_per_volunteer")
    report.status = MonthlyReport.Status.SUBMITTED
    report.save()
    services.finding_respond(
        user=actors.operator, finding=finding, state="explained", comment="Summer camp, 24/7 shifts"
    )
    run(report)
    finding.refresh_from_db()
    assert finding.state == "explained" and finding.comment.startswith("Summer camp")
    # The data is corrected: the explained finding is closed as corrected, not deleted.
    report.values.filter(element__code="volunteer_hours").update(number=500)
    run(report)
    finding.refresh_from_db()
    assert finding.state == Finding.State.CORRECTED


def test_drafts_are_not_checked() -> None:
    draft = make_report(values=consistent_values(100, hours=20_000), status="draft")
    assert services.checks_run(report_ids=[draft.pk])["reports"] == 0
    assert not draft.findings.exists()


def test_nightly_task_runs_on_received_reports() -> None:
    from asar.monitoring.schedule import BEAT_SCHEDULE
    from asar.monitoring.tasks import run_nightly_checks

    today = dt.date.today()
    make_report(year=today.year, month=1, values=consistent_values(100, hours=20_000))
    result = run_nightly_checks.delay().get()
    assert result["reports"] >= 1 and result["findings"] >= 1
    assert BEAT_SCHEDULE["monitoring-nightly-checks"]["task"] == run_nightly_checks.name


def test_run_checks_command(capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    make_report(values=consistent_values(100, hours=20_000))
    make_report(year=2022, values=consistent_values(100))
    call_command("run_checks", "--year", "2023")
    assert "Checked 1 reports" in capsys.readouterr().out
    call_command("run_checks")
    assert "Checked 2 reports" in capsys.readouterr().out
