"""Reads of the reporting domain, always scoped by the acting user."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from asar.accounts import roles
from asar.geo.models import Region
from asar.reporting.models import NationalReport, SurveyEstimate, WageRate


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
