"""The economic value: the 2023 report's reproduction, the wage choice and its fallback flags,
and the three scenarios against hand-computed figures (see conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from asar.reporting import valuation
from tests import factories as f
from tests.reporting.factories import wage

pytestmark = pytest.mark.django_db


def test_the_2023_report_figures_are_reproduced_exactly() -> None:
    rate = Decimal(1728)
    assert valuation.value_of_hours(2_000_000, rate) == Decimal("3456000000")
    assert valuation.value_of_hours(25_000_000, rate) == Decimal("43200000000")


def test_the_1728_rate_comes_out_of_the_wage_table(wages: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ASAR_STANDARD_MONTHLY_HOURS = 168
    rate = valuation.RateBook().rate(year=2023, region_id=None)
    # 290 304 ₸ a month ÷ 168 h = 1 728 ₸ an hour
    assert rate.hourly == Decimal("1728.00")
    assert valuation.value_of_hours(2_000_000, rate.hourly) == Decimal("3456000000")
    assert valuation.value_of_hours(25_000_000, rate.hourly) == Decimal("43200000000")
    assert not rate.national_fallback


def test_region_without_a_figure_falls_back_to_the_national_one_flagged(wages: None) -> None:
    book = valuation.RateBook(monthly_hours=168)
    almaty = book.rate(year=2023, region_id=f.region("KZ-75").id)
    shymkent = book.rate(year=2023, region_id=f.region("KZ-79").id)
    assert (almaty.hourly, almaty.level, almaty.national_fallback) == (
        Decimal("2000.00"),
        "region",
        False,
    )
    assert (shymkent.hourly, shymkent.level, shymkent.national_fallback) == (
        Decimal("1728.00"),
        "national",
        True,
    )


def test_specialist_wage_wins_and_regional_specialist_beats_national(wages: None) -> None:
    book = valuation.RateBook(monthly_hours=168)
    almaty = f.region("KZ-75").id
    medicine = f.direction("medicine").id
    assert book.rate(year=2023, region_id=almaty, direction_id=medicine).hourly == Decimal(
        "2500.00"
    )
    wage(2023, 504000, region="KZ-75", direction="medicine")  # 504 000 ÷ 168 = 3 000
    book = valuation.RateBook(monthly_hours=168)
    rate = book.rate(year=2023, region_id=almaty, direction_id=medicine)
    assert (rate.hourly, rate.level, rate.national_fallback) == (
        Decimal("3000.00"),
        "region_direction",
        False,
    )


def test_missing_year_uses_the_nearest_earlier_year_flagged(wages: None) -> None:
    rate = valuation.RateBook(monthly_hours=168).rate(year=2025, region_id=None)
    assert (rate.wage_year, rate.year_fallback, rate.hourly) == (2023, True, Decimal("1728.00"))
    # Before the first year with figures: the earliest one.
    assert valuation.RateBook(monthly_hours=168).rate(year=2019, region_id=None).wage_year == 2023


def test_no_wage_table_at_all_is_an_explicit_error(db: None) -> None:
    from asar.reporting.models import WageRate

    WageRate.objects.all().delete()
    with pytest.raises(valuation.NoWageData):
        valuation.RateBook().rate(year=2023, region_id=None)


def test_the_standard_month_is_a_setting(wages: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ASAR_STANDARD_MONTHLY_HOURS = 160
    # 290 304 ÷ 160 = 1 814.40
    assert valuation.RateBook().rate(year=2023, region_id=None).hourly == Decimal("1814.40")


def test_minimum_counts_only_confirmed_hours(country) -> None:  # type: ignore[no-untyped-def]
    s = valuation.minimum_scenario(valuation.RateBook(), year=2023)
    # e1 4 000 + e2 2 000 + e3 3 750 + e4 5 184
    assert s.hours == Decimal("7.5")
    assert s.value == Decimal("14934")
    assert s.has_national_fallback  # Shymkent, and medicine at the national specialists' wage
    almaty = valuation.minimum_scenario(
        valuation.RateBook(), year=2023, region_id=f.region("KZ-75").id
    )
    assert (almaty.hours, almaty.value) == (Decimal("4.5"), Decimal("9750"))


def test_likely_adds_self_reported_and_says_there_is_no_front_office_data(country) -> None:  # type: ignore[no-untyped-def]
    s = valuation.likely_scenario(valuation.RateBook(), year=2023)
    assert s.hours == Decimal("8.25")
    assert s.value == Decimal("16230")  # 14 934 + 0.75 h × 1 728
    assert s.inputs["front_office_data"] is False
    assert s.inputs["self_reported_hours"] == Decimal("0.75")


def test_front_office_hours_count_only_above_the_platform_per_region_month() -> None:
    platform = {(1, 3): 120, (1, 4): 60}
    reported = {(1, 3): 100, (1, 4): 300, (2, 3): 60}
    # region 1: March adds nothing (and is not subtracted), April adds 240; region 2 adds 60
    assert valuation.front_office_surplus(platform=platform, reported=reported) == {1: 240, 2: 60}


def test_maximum_is_volunteers_times_hours_with_inputs_shown(country) -> None:  # type: ignore[no-untyped-def]
    s = valuation.maximum_scenario(valuation.RateBook(), year=2023)
    # 1 000 volunteers × 350 h × 1 728 ₸
    assert s.hours == Decimal("350000")
    assert s.value == Decimal("604800000")
    assert s.inputs["volunteers"] == 1000 and s.inputs["volunteers_basis"] == "survey"
    # A region: its own registered volunteers (2 in Almaty by the end of 2023) × 350 h × 2 000 ₸
    almaty = valuation.maximum_scenario(
        valuation.RateBook(), year=2023, region_id=f.region("KZ-75").id
    )
    assert (almaty.inputs["volunteers"], almaty.inputs["volunteers_basis"]) == (2, "platform")
    assert almaty.value == Decimal("1400000")


def test_maximum_without_survey_is_unavailable_not_zero(wages: None) -> None:
    s = valuation.maximum_scenario(valuation.RateBook(), year=2023)
    assert not s.available


def test_organisation_and_volunteer_value(country) -> None:  # type: ignore[no-untyped-def]
    book = valuation.RateBook()
    org = valuation.valued_hours(
        book, year=2023, status="confirmed", organization_id=country.org1.id
    )
    assert (org.hours, org.value) == (Decimal("4.5"), Decimal("9750"))
    mine = valuation.valued_hours(book, year=2023, status="confirmed", volunteer_id=country.v1.id)
    assert (mine.hours, mine.value) == (Decimal("3.5"), Decimal("7750"))
    deeds = valuation.valued_hours(
        book, year=2023, status="self_reported", volunteer_id=country.v3.id
    )
    assert (deeds.hours, deeds.value) == (Decimal("0.75"), Decimal("1296"))
