"""Reads of the reporting domain, always scoped by the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from asar.accounts import roles
from asar.geo.models import Region
from asar.organizations.models import Organization
from asar.reporting import permissions, sources, valuation
from asar.reporting.models import NationalReport, SurveyEstimate, WageRate
from asar.volunteers.models import VolunteerProfile


def reports_for(user: roles.AnyUser) -> QuerySet[NationalReport]:
    """Editions the user may see: all for analysts, their regions' for operators."""
    qs = NationalReport.objects.select_related("region", "created_by")
    if roles.is_analyst(user):
        return qs
    region_ids = roles.operator_region_ids(user)
    if not region_ids:
        return qs.none()
    return qs.filter(Q(region_id__in=region_ids))


def regions_for(user: roles.AnyUser) -> QuerySet[Region]:
    """Regions whose edition the user may generate."""
    if roles.is_analyst(user):
        return Region.objects.order_by("iso_code")
    return Region.objects.filter(id__in=roles.operator_region_ids(user)).order_by("iso_code")


def wage_table(*, year: int | None = None) -> QuerySet[WageRate]:
    """Public: the wage figures behind the valuation."""
    qs = WageRate.objects.select_related("region", "direction").order_by(
        "-year", "region__iso_code", "direction__number"
    )
    return qs.filter(year=year) if year is not None else qs


def survey_estimate(*, year: int) -> SurveyEstimate | None:
    return SurveyEstimate.objects.filter(year=year).first()


# --- the value of one organisation's or one volunteer's confirmed hours, year by year ----------


@dataclass(frozen=True)
class YearValue:
    """One year's confirmed hours valued at that year's wages (see valuation.py)."""

    year: int
    hours: Decimal
    value: Decimal
    wage_years: tuple[int, ...]  # the wage table's year(s) used: the year, or an earlier one
    fallback_regions: tuple[Region, ...]  # regions valued at the national average (flagged)
    lines: tuple[valuation.Line, ...]
    current: bool  # the year is not over yet

    @property
    def national_fallback(self) -> bool:
        return bool(self.fallback_regions)

    @property
    def year_fallback(self) -> bool:
        return any(line.rate.year_fallback for line in self.lines)


@dataclass(frozen=True)
class ValueByYear:
    years: list[YearValue] = field(default_factory=list)  # newest first
    no_wages: bool = False  # the wage table has no national figure: nothing can be valued

    @property
    def hours(self) -> Decimal:
        return sum((y.hours for y in self.years), Decimal(0))

    @property
    def value(self) -> Decimal:
        return sum((y.value for y in self.years), Decimal(0))

    @property
    def national_fallback(self) -> bool:
        return any(y.national_fallback for y in self.years)


def _value_by_year(
    *, organization_id: int | None = None, volunteer_id: int | None = None
) -> ValueByYear:
    try:
        by_year = valuation.valued_by_year(
            valuation.RateBook(),
            status=sources.CONFIRMED,
            organization_id=organization_id,
            volunteer_id=volunteer_id,
        )
    except valuation.NoWageData:
        return ValueByYear(no_wages=True)
    regions = Region.objects.in_bulk(
        {line.region_id for s in by_year.values() for line in s.lines if line.region_id}
    )
    this_year = timezone.localdate().year
    years = []
    for year, scenario in by_year.items():
        if not scenario.lines:
            continue
        fallback = {line.region_id for line in scenario.lines if line.rate.national_fallback}
        years.append(
            YearValue(
                year=year,
                hours=scenario.hours,
                value=scenario.value,
                wage_years=tuple(sorted({line.rate.wage_year for line in scenario.lines})),
                fallback_regions=tuple(
                    sorted((regions[r] for r in fallback if r in regions), key=lambda r: r.iso_code)
                ),
                lines=tuple(scenario.lines),
                current=year >= this_year,
            )
        )
    return ValueByYear(years=years)


def organization_value_by_year(
    *, viewer: roles.AnyUser, organization: Organization
) -> ValueByYear | None:
    """The confirmed hours an organisation's volunteers gave and their replacement cost, year
    by year. Public once its coordinators publish it; before, its coordinators and the
    national analysts only. None for anyone else."""
    if not permissions.can_view_organization_value_by_year(viewer, organization):
        return None
    return _value_by_year(organization_id=organization.id)


def volunteer_value_by_year(
    *, viewer: roles.AnyUser, volunteer: VolunteerProfile
) -> ValueByYear | None:
    """The replacement cost of a volunteer's confirmed hours, year by year: for the owner
    (and administrators), and for everyone once the passport is public. None otherwise."""
    if not permissions.can_view_volunteer_value(viewer, volunteer):
        return None
    return _value_by_year(volunteer_id=volunteer.id)
