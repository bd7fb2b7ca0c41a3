"""The side-by-side page: a report beside another month of its region."""

from __future__ import annotations

import pytest

from asar.monitoring import comparison
from asar.monitoring.models import DataElement, Finding, MonthlyReport
from tests.monitoring.factories import consistent_values, make_report

pytestmark = pytest.mark.django_db


def _url(report: MonthlyReport, with_: str | None = None, lang: str = "en") -> str:
    query = f"?with={with_}" if with_ else ""
    return f"/{lang}/monitoring/reports/{report.pk}/compare/{query}"


# --- counting -----------------------------------------------------------------------------


def test_compare_values_counts_fields_filled_in_both_and_equal() -> None:
    mine = {
        "volunteers_total": 1000,  # equal
        "volunteers_women": 600,  # differs: +10
        "volunteers_men": 400,  # only here
        "orgs_registered": 0,  # equal zeros are equal
        "events_common": "Субботник  \n",  # equal once spacing is normalised
        "support_description": "Ақпараттық",  # differs
    }
    other = {
        "volunteers_total": 1000,
        "volunteers_women": 590,
        "age_14_15": 50,  # only there
        "orgs_registered": 0,
        "events_common": "Субботник",
        "support_description": "Басқа",
        "positions_opened": None,  # empty on both sides: not counted
    }
    result = comparison.compare_values(mine, other)
    # Filled in either: total, women, men, age_14_15, orgs, events_common, support = 7.
    assert result.filled == 7
    # Filled in both and equal: total, orgs, events_common = 3.
    assert result.equal == 3
    rows = {row.element.code: row for row in result.rows}
    assert rows["volunteers_women"].difference == 10
    assert not rows["volunteers_women"].equal
    assert rows["volunteers_men"].other is None and not rows["volunteers_men"].equal
    assert rows["volunteers_men"].difference is None
    assert rows["events_common"].equal and rows["events_common"].difference is None
    assert not rows["support_description"].equal
    assert not rows["positions_opened"].filled_in_either
    # Every element of the catalogue, in its groups and order.
    assert len(result.rows) == DataElement.objects.count()
    assert result.groups[0].code == "volunteers"


def test_compare_reports_of_a_copied_month() -> None:
    values = consistent_values(1000)
    last = make_report(iso="KZ-79", year=2022, month=12, values=values)
    copy = make_report(iso="KZ-79", year=2023, month=12, values={**values, "orgs_new": 7})
    result = comparison.compare_reports(copy, last)
    filled = sum(1 for v in values.values() if v not in (None, ""))
    assert result.filled == filled
    assert result.equal == filled - 1


def test_reports_of_two_regions_are_not_compared() -> None:
    with pytest.raises(ValueError):
        comparison.compare_reports(
            make_report(iso="KZ-75", year=2023, month=6),
            make_report(iso="KZ-79", year=2023, month=6),
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-12", (2022, 12)),
        ("2022-1", (2022, 1)),
        ("2022-13", None),
        ("1900-01", None),
        ("december", None),
        ("", None),
    ],
)
def test_parse_period(text: str, expected: tuple[int, int] | None) -> None:
    assert comparison.parse_period(text) == expected


# --- the page -----------------------------------------------------------------------------


def test_default_period_is_the_copied_month(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    values = consistent_values(1000)
    copied = make_report(iso="KZ-75", year=2022, month=11, values=values)
    make_report(iso="KZ-75", year=2022, month=12, values=consistent_values(900, seed=3))
    report = make_report(iso="KZ-75", year=2023, month=12, values=values)
    Finding.objects.create(
        report=report,
        kind=Finding.Kind.DUPLICATE_PERIOD,
        severity=Finding.Severity.CRITICAL,
        params={"year": 2022, "month": 11, "share": 100, "equal": 55, "compared": 55},
    )
    assert comparison.default_period(report) == (2022, 11)
    response = client_for(actors.analyst).get(_url(report))
    assert response.status_code == 200
    assert response.context["other"] == copied
    assert response.context["selected"] == "2022-11"
    filled = sum(1 for v in values.values() if v not in (None, ""))
    assert f"{filled} of {filled} filled fields are equal" in response.content.decode()


def test_default_period_without_finding_is_last_years_month(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    last_year = make_report(iso="KZ-75", year=2022, month=6, values=consistent_values(800))
    make_report(iso="KZ-75", year=2023, month=5, values=consistent_values(1000, seed=1))
    report = make_report(iso="KZ-75", year=2023, month=6, values=consistent_values(1000))
    response = client_for(actors.operator).get(_url(report))
    assert response.status_code == 200
    assert response.context["other"] == last_year
    # The choice offers the region's other reports, newest first, this one left out.
    assert [value for value, _r in response.context["choices"]] == ["2023-05", "2022-06"]
    # Chosen explicitly.
    response = client_for(actors.operator).get(_url(report, "2023-05"))
    assert response.context["other"].month == 5
    assert 'value="2023-05" selected' in response.content.decode()
    # The report's own month is no comparison: the default is shown instead.
    response = client_for(actors.operator).get(_url(report, "2023-06"))
    assert response.context["other"] == last_year


def test_page_shows_values_difference_and_equal_rows(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    values = consistent_values(1000)
    make_report(
        iso="KZ-75",
        year=2022,
        month=6,
        values={**values, "volunteers_total": 1200, "events_common": "Other text"},
    )
    report = make_report(iso="KZ-75", year=2023, month=6, values=values)
    html = client_for(actors.analyst).get(_url(report, "2022-06")).content.decode()
    assert "1,000" in html and "1,200" in html  # Babel's English grouping
    assert "-200" in html
    assert 'class="cmp-equal"' in html
    assert "different" in html  # the narrative text differs
    assert 'table class="stack"' in html


def test_missing_period_is_a_message_not_an_error(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", year=2023, month=6)
    make_report(iso="KZ-75", year=2023, month=5)
    response = client_for(actors.analyst).get(_url(report, "2019-03"))
    assert response.status_code == 200
    assert response.context["other"] is None
    assert "No report for this month: March 2019." in response.content.decode()
    # Nonsense falls back to the default month (here missing too: no report of June 2022).
    response = client_for(actors.analyst).get(_url(report, "not-a-month"))
    assert response.status_code == 200
    assert response.context["selected"] == "2022-06"


def test_only_report_of_region_has_nothing_to_compare(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", year=2023, month=6)
    html = client_for(actors.analyst).get(_url(report)).content.decode()
    assert "The region has no other report to compare with." in html
    assert 'name="with"' not in html


def test_other_regions_period_cannot_be_reached(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", year=2023, month=6)
    make_report(iso="KZ-79", year=2022, month=6, values=consistent_values(4321))
    for who in ("operator", "analyst"):
        response = client_for(getattr(actors, who)).get(_url(report, "2022-06"))
        assert response.status_code == 200
        assert response.context["other"] is None
        assert "4,321" not in response.content.decode()
        assert response.context["choices"] == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("operator", 200),
        ("other_operator", 403),
        ("analyst", 200),
        ("admin", 200),
        ("coordinator", 403),
        ("volunteer", 403),
        ("helpline", 403),
        ("anonymous", 302),
    ],
)
def test_permissions(actors, client_for, who: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", year=2023, month=6)
    make_report(iso="KZ-75", year=2022, month=6)
    response = client_for(getattr(actors, who)).get(_url(report))
    assert response.status_code == expected
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]


def test_post_is_not_allowed(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", year=2023, month=6)
    assert client_for(actors.analyst).post(_url(report)).status_code == 405


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_page_works_in_kazakh_and_russian(actors, client_for, lang: str) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", year=2023, month=6)
    make_report(iso="KZ-75", year=2022, month=6, values=consistent_values(900))
    response = client_for(actors.analyst).get(_url(report, lang=lang))
    assert response.status_code == 200
    assert response.context["result"] is not None
    assert f'<html lang="{lang}">' in response.content.decode()


# --- links to it --------------------------------------------------------------------------


def test_report_page_links_to_the_comparison(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    values = consistent_values(1000)
    make_report(iso="KZ-75", year=2022, month=12, values=values)
    report = make_report(iso="KZ-75", year=2023, month=12, values=values)
    Finding.objects.create(
        report=report,
        kind=Finding.Kind.DUPLICATE_PERIOD,
        severity=Finding.Severity.CRITICAL,
        params={"year": 2022, "month": 12, "share": 100, "equal": 55, "compared": 55},
    )
    Finding.objects.create(
        report=report,
        kind=Finding.Kind.YOY_EQUAL,
        element_code="volunteers_total",
        severity=Finding.Severity.WARNING,
        params={"value": 1000, "year": 2022},
    )
    html = client_for(actors.operator).get(f"/en/monitoring/reports/{report.pk}/").content.decode()
    base = f"/en/monitoring/reports/{report.pk}/compare/"
    assert f'href="{base}">Compare with another month' in html
    assert html.count(f'href="{base}?with=2022-12">Compare side by side') == 2
