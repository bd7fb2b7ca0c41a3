"""JSON API of the reporting domain (mounted under /api/v1/reports/ by asar.api).

Public: the dashboard's headline figures, the wage table, and an organisation's value by year
once its coordinators publish it. Analysts (any edition) and
front-office operators (their region): economic-value scenarios and report editions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from asar.accounts.auth import PUBLIC
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.paging import PageParams, page_schema
from asar.geo.models import Region
from asar.lib.pagination import Page, page_of
from asar.organizations.models import Organization
from asar.reporting import permissions, selectors, services, valuation
from asar.reporting.models import NationalReport
from asar.reporting.services import FIRST_YEAR

router = Router(tags=["reporting"])

YEAR_MAX = 2100


class ErrorOut(Schema):
    detail: str


class DashboardOut(Schema):
    year: int
    registered_volunteers: int
    active_volunteers: int
    organizations: int
    confirmed_hours: Decimal
    self_reported_hours: Decimal
    value_minimum: Decimal | None
    value_likely: Decimal | None
    national_fallback: bool


class WageOut(Schema):
    year: int
    region: str | None
    direction: str | None
    monthly_wage_kzt: Decimal
    source: str
    note: str


class RateOut(Schema):
    monthly_wage: Decimal
    monthly_hours: int
    hourly: Decimal
    wage_year: int
    level: str
    national_fallback: bool
    year_fallback: bool


class LineOut(Schema):
    kind: str
    region: str | None
    direction: str | None
    hours: Decimal
    rate: RateOut
    value: Decimal


class ScenarioOut(Schema):
    key: str
    available: bool
    hours: Decimal
    value: Decimal
    national_fallback: bool
    inputs: dict[str, str | int | bool | None]
    lines: list[LineOut]


class ValueYearOut(Schema):
    year: int
    current: bool = Field(description="The year is not over yet.")
    hours: Decimal = Field(description="Confirmed hours.")
    value: Decimal = Field(description="Replacement cost in tenge: the sum of the lines.")
    wage_years: list[int] = Field(description="Year(s) of the wage figures used.")
    year_fallback: bool = Field(description="No wage figure for the year: an earlier one used.")
    national_fallback: bool
    fallback_regions: list[str] = Field(
        description="ISO codes of the regions valued at the national average (no own figure)."
    )
    lines: list[LineOut]


class ValueByYearOut(Schema):
    available: bool = Field(description="False while the wage table has no national figure.")
    hours: Decimal
    value: Decimal
    national_fallback: bool
    method_url: str
    years: list[ValueYearOut] = Field(description="Newest year first.")


class OrganizationValueOut(ValueByYearOut):
    organization_id: int
    public: bool = Field(description="The coordinators show it on the organisation's page.")


class ValueOut(Schema):
    year: int
    region: str | None
    scenarios: list[ScenarioOut]


class ReportIn(Schema):
    year: int = Field(ge=FIRST_YEAR, le=YEAR_MAX)
    region: str | None = Field(default=None, max_length=8, description="ISO code, e.g. KZ-75")
    language: Literal["kk", "ru", "en"] = "kk"
    format: Literal["html", "pdf"] = "pdf"


class ReportOut(Schema):
    id: int
    year: int
    region: str | None
    language: str
    format: str
    status: str
    progress: int
    checksum_sha256: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    download_url: str | None
    data_url: str | None = Field(
        default=None, description="The data snapshot the edition was made from (JSON)."
    )

    @staticmethod
    def resolve_region(obj: NationalReport) -> str | None:
        return obj.region.iso_code if obj.region is not None else None

    @staticmethod
    def resolve_download_url(obj: NationalReport) -> str | None:
        if obj.status != NationalReport.Status.DONE:
            return None
        from django.urls import reverse

        return reverse("reporting:edition_download", args=[obj.id])

    @staticmethod
    def resolve_data_url(obj: NationalReport) -> str | None:
        if obj.status != NationalReport.Status.DONE:
            return None
        from django.urls import reverse

        return reverse("reporting:edition_data", args=[obj.id])


ReportPage = page_schema(ReportOut)


class YearQuery(Schema):
    year: int | None = Field(default=None, ge=FIRST_YEAR, le=YEAR_MAX)


class ValueQuery(Schema):
    year: int = Field(ge=FIRST_YEAR, le=YEAR_MAX)
    region: str | None = Field(default=None, max_length=8)


def _region(code: str | None) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(iso_code=code.upper()).first()
    if region is None:
        raise HttpError(404, _("No such region."))
    return region


@router.get("/dashboard", response={200: DashboardOut}, auth=PUBLIC)
def dashboard(request: HttpRequest, query: Query[YearQuery]) -> dict[str, object]:
    from django.utils import timezone

    from asar.reporting.views import dashboard_figures

    return dashboard_figures(query.year or timezone.localdate().year)


@router.get("/wages", response=list[WageOut], auth=PUBLIC)
def wages(request: HttpRequest, query: Query[YearQuery]) -> list[dict[str, object]]:
    return [
        {
            "year": w.year,
            "region": w.region.iso_code if w.region is not None else None,
            "direction": w.direction.code if w.direction is not None else None,
            "monthly_wage_kzt": w.monthly_wage_kzt,
            "source": w.source,
            "note": w.note,
        }
        for w in selectors.wage_table(year=query.year)
    ]


@router.get("/value", response={200: ValueOut, 403: ErrorOut, 404: ErrorOut})
def value(request: HttpRequest, query: Query[ValueQuery]) -> Status:
    region = _region(query.region)
    if not permissions.can_view_value(request.user, region.id if region else None):
        return Status(
            403,
            {"detail": _("Only national analysts, or the region's front office, may see this.")},
        )
    try:
        result = valuation.scenarios(year=query.year, region_id=region.id if region else None)
    except valuation.NoWageData:
        return Status(404, {"detail": _("The wage table has no national figure.")})
    isos, codes = _codes()
    body = {
        "year": query.year,
        "region": region.iso_code if region else None,
        "scenarios": [
            {
                "key": s.key,
                "available": s.available,
                "hours": s.hours,
                "value": s.value,
                "national_fallback": s.has_national_fallback,
                "inputs": {k: str(v) if isinstance(v, Decimal) else v for k, v in s.inputs.items()},
                "lines": [_line_out(line, isos, codes) for line in s.lines],
            }
            for s in result
        ],
    }
    return Status(200, body)


def _codes() -> tuple[dict[int, str], dict[int, str]]:
    from asar.geo.models import Direction

    return (
        {r.id: r.iso_code for r in Region.objects.all()},
        {d.id: d.code for d in Direction.objects.all()},
    )


def _line_out(line: valuation.Line, isos: dict[int, str], codes: dict[int, str]) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "region": isos.get(line.region_id) if line.region_id else None,
        "direction": codes.get(line.direction_id) if line.direction_id else None,
        "hours": line.hours,
        "rate": line.rate.as_dict(),
        "value": line.value,
    }


def value_by_year_out(value: selectors.ValueByYear) -> dict[str, Any]:
    """A ``ValueByYear`` as ``ValueByYearOut`` (also used by the passport's API)."""
    from django.urls import reverse

    isos, codes = _codes()
    return {
        "available": not value.no_wages,
        "hours": value.hours,
        "value": value.value,
        "national_fallback": value.national_fallback,
        "method_url": reverse("reporting:method"),
        "years": [
            {
                "year": y.year,
                "current": y.current,
                "hours": y.hours,
                "value": y.value,
                "wage_years": list(y.wage_years),
                "year_fallback": y.year_fallback,
                "national_fallback": y.national_fallback,
                "fallback_regions": [r.iso_code for r in y.fallback_regions],
                "lines": [_line_out(line, isos, codes) for line in y.lines],
            }
            for y in value.years
        ],
    }


@router.get(
    "/organizations/{org_id}/value",
    response={200: OrganizationValueOut, 404: ErrorOut},
    auth=PUBLIC,
    summary="The value an organisation's volunteers gave, by year (public once it publishes it)",
)
def organization_value(request: HttpRequest, org_id: int = Path(..., ge=1, le=2**63 - 1)) -> Status:
    """Confirmed hours and their replacement cost, year by year, with every valued line.
    Public when the organisation's coordinators publish it; before that its coordinators and
    the national analysts only (signed in), 404 for everyone else."""
    organization = Organization.objects.filter(pk=org_id).first()
    value = (
        selectors.organization_value_by_year(viewer=request.user, organization=organization)
        if organization is not None
        else None
    )
    if organization is None or value is None:
        return Status(
            404, {"detail": _("No such organisation, or it does not publish this value.")}
        )
    body = value_by_year_out(value)
    body.update(organization_id=organization.id, public=organization.value_public)
    return Status(200, body)


@router.get("/editions", response={200: ReportPage})
def editions(request: HttpRequest, paging: Query[PageParams]) -> Page:
    """The editions the caller may read, newest first."""
    return page_of(
        selectors.reports_for(request.user), page=paging.page, page_size=paging.page_size
    )


@router.post("/editions", response={202: ReportOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def request_edition(request: AuthenticatedHttpRequest, payload: ReportIn) -> Status:
    region = _region(payload.region)
    try:
        report = services.report_request(
            user=request.user,
            year=payload.year,
            region=region,
            language=payload.language,
            fmt=payload.format,
        )
    except PermissionDenied:
        return Status(
            403, {"detail": _("Only national analysts, or the region's front office, may do this.")}
        )
    except ValidationError as exc:
        return Status(400, {"detail": " ".join(exc.messages)})
    report.refresh_from_db()
    return Status(202, report)


@router.get("/editions/{report_id}", response={200: ReportOut, 403: ErrorOut, 404: ErrorOut})
def edition(request: HttpRequest, report_id: int) -> Status:
    # IDs beyond a bigint cannot exist (and would make PostgreSQL raise).
    report = (
        NationalReport.objects.select_related("region").filter(pk=report_id).first()
        if 0 < report_id < 2**63
        else None
    )
    if report is None:
        return Status(404, {"detail": _("No such edition.")})
    if not permissions.can_view_report(request.user, report):
        return Status(403, {"detail": _("You may not see this edition.")})
    return Status(200, report)
