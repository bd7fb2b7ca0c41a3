"""JSON API of the monitoring domain (mounted under /api/v1/monitoring/ by asar.api).

Analysts read every report and finding; front-office operators read and write their own
region's only. Errors are 4xx with a message and, for values, errors by element code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from asar.accounts import roles
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.paging import PageParams, page_schema
from asar.geo.models import Region
from asar.lib.pagination import page_of
from asar.monitoring import permissions, quality, selectors, services
from asar.monitoring.models import Finding, MonthlyReport

router = Router(tags=["monitoring"])


class MonitoringErrorOut(Schema):
    detail: str
    errors: dict[str, str] = {}


class MonthlyReportOut(Schema):
    id: int
    region: str = Field(..., description="ISO 3166-2 code")
    year: int
    month: int
    status: str
    deadline: dt.date
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    late: bool
    review_comment: str

    @staticmethod
    def resolve_region(obj: MonthlyReport) -> str:
        return obj.region.iso_code

    @staticmethod
    def resolve_late(obj: MonthlyReport) -> bool:
        return obj.is_late


MonthlyReportPage = page_schema(MonthlyReportOut)


class MonthlyReportDetailOut(Schema):
    id: int
    region: str = Field(..., description="ISO 3166-2 code")
    year: int
    month: int
    status: str
    deadline: dt.date
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    late: bool
    review_comment: str
    values: dict[str, int | str | None]
    warnings_comment: str


class MonthlyReportIn(Schema):
    region: str = Field(..., max_length=8, description="ISO 3166-2 code, e.g. KZ-75")
    year: int = Field(..., ge=2015, le=2100)
    month: int = Field(..., ge=1, le=12)


class MonthlyReportValuesIn(Schema):
    values: dict[str, int | str | None] = Field(
        ..., description="Element code → value; null or empty clears the value"
    )


class MonthlyReportSubmitIn(Schema):
    warnings_comment: str = Field("", max_length=4000)


class MonthlyReportReviewIn(Schema):
    action: Literal["approve", "return"]
    comment: str = Field("", max_length=4000)


class DataQualityFindingOut(Schema):
    id: int
    report_id: int
    region: str
    year: int
    month: int
    kind: str
    element_code: str
    severity: str
    state: str
    explanation: str
    comment: str
    params: dict[str, Any]

    @staticmethod
    def resolve_region(obj: Finding) -> str:
        return obj.report.region.iso_code

    @staticmethod
    def resolve_year(obj: Finding) -> int:
        return obj.report.year

    @staticmethod
    def resolve_month(obj: Finding) -> int:
        return obj.report.month

    @staticmethod
    def resolve_explanation(obj: Finding) -> str:
        # Lists attach their explanations in one pass (see list_findings).
        return getattr(obj, "explanation_text", None) or quality.explain(obj)


DataQualityFindingPage = page_schema(DataQualityFindingOut)


class CompletenessCellOut(Schema):
    month: int
    state: str = Field(..., description="missing, not_due, draft, submitted, returned, approved")
    late: bool
    flags: int


class CompletenessRowOut(Schema):
    region: str
    expected: int
    received: int
    on_time: int
    completeness: int | None
    timeliness: int | None
    platform_hours: int = Field(..., description="Hours confirmed on the platform")
    reported_hours: int | None = Field(..., description="Hours in the received reports")
    coverage: float | None = Field(
        ..., description="platform_hours ÷ reported_hours, % (one decimal below 10 %)"
    )
    cells: list[CompletenessCellOut]


class CompletenessOut(Schema):
    year: int
    expected_months: list[int]
    completeness: int | None
    timeliness: int | None
    rows: list[CompletenessRowOut]


class DataQualityFindingAnswerIn(Schema):
    state: Literal["explained", "corrected"]
    comment: str = Field(..., min_length=1, max_length=4000)


class MonthlyReportFilter(Schema):
    year: int | None = Field(None, ge=2015, le=2100)
    region: str | None = Field(None, max_length=8)
    status: Literal["draft", "submitted", "returned", "approved"] | None = None


class DataQualityFindingFilter(Schema):
    year: int | None = Field(None, ge=2015, le=2100)
    region: str | None = Field(None, max_length=8)
    state: Literal["open", "explained", "corrected"] | None = None
    severity: Literal["info", "warning", "critical"] | None = None


def _forbidden() -> Status:
    return Status(403, {"detail": _("You do not have access to monitoring reports.")})


def _region_id(iso: str | None) -> int | Literal[False] | None:
    if not iso:
        return None
    region = Region.objects.filter(iso_code=iso).first()
    return region.pk if region else False


def _detail(report: MonthlyReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "region": report.region.iso_code,
        "year": report.year,
        "month": report.month,
        "status": report.status,
        "deadline": report.deadline,
        "first_submitted_at": report.first_submitted_at,
        "submitted_at": report.submitted_at,
        "late": report.is_late,
        "review_comment": report.review_comment,
        "values": selectors.report_values(report),
        "warnings_comment": report.warnings_comment,
    }


def _visible_report(request: HttpRequest, report_id: int) -> MonthlyReport | None:
    report = (
        selectors.reports_for(request.user).filter(pk=report_id).select_related("region").first()
    )
    return report


E = {400: MonitoringErrorOut, 403: MonitoringErrorOut, 404: MonitoringErrorOut}


@router.get(
    "/reports",
    response={200: MonthlyReportPage, 403: MonitoringErrorOut, 404: MonitoringErrorOut},
)
def list_reports(
    request: HttpRequest, filters: Query[MonthlyReportFilter], paging: Query[PageParams]
) -> Any:
    if not permissions.can_use_monitoring(request.user):
        return _forbidden()
    region_id = _region_id(filters.region)
    if region_id is False:
        return Status(404, {"detail": _("Unknown region.")})
    reports = selectors.reports_for(
        request.user, year=filters.year, region_id=region_id, status=filters.status
    ).order_by("-year", "-month", "region__iso_code")
    return Status(200, page_of(reports, page=paging.page, page_size=paging.page_size))


@router.post("/reports", response={200: MonthlyReportDetailOut, **E})
def open_report(request: AuthenticatedHttpRequest, payload: MonthlyReportIn) -> Any:
    region = Region.objects.filter(iso_code=payload.region).first()
    if region is None:
        return Status(404, {"detail": _("Unknown region.")})
    if not permissions.can_fill(request.user, region.pk):
        return Status(
            403, {"detail": _("Only the region's front-office operators fill its reports.")}
        )
    try:
        report = services.report_open(
            user=request.user, region=region, year=payload.year, month=payload.month
        )
    except services.ReportRejected as exc:
        return Status(400, {"detail": _("Please correct the errors."), "errors": exc.errors})
    return Status(200, _detail(report))


@router.get(
    "/reports/{report_id}",
    response={200: MonthlyReportDetailOut, 403: MonitoringErrorOut, 404: MonitoringErrorOut},
)
def get_report(request: HttpRequest, report_id: int) -> Any:
    if not permissions.can_use_monitoring(request.user):
        return _forbidden()
    report = _visible_report(request, report_id)
    if report is None:
        return Status(404, {"detail": _("No such report.")})
    return Status(200, _detail(report))


@router.put("/reports/{report_id}/values", response={200: MonthlyReportDetailOut, **E})
def put_values(
    request: AuthenticatedHttpRequest, report_id: int, payload: MonthlyReportValuesIn
) -> Any:
    if not permissions.can_use_monitoring(request.user):
        return _forbidden()
    report = _visible_report(request, report_id)
    if report is None:
        return Status(404, {"detail": _("No such report.")})
    try:
        services.report_save_values(
            user=request.user, report=report, raw=payload.values, source="api"
        )
    except PermissionDenied:
        return Status(
            403, {"detail": _("Only the region's front-office operators fill its reports.")}
        )
    except services.ReportRejected as exc:
        return Status(400, {"detail": _("Please correct the errors."), "errors": exc.errors})
    report.refresh_from_db()
    return Status(200, _detail(report))


@router.post("/reports/{report_id}/submit", response={200: MonthlyReportDetailOut, **E})
def submit_report(
    request: AuthenticatedHttpRequest, report_id: int, payload: MonthlyReportSubmitIn
) -> Any:
    if not permissions.can_use_monitoring(request.user):
        return _forbidden()
    report = _visible_report(request, report_id)
    if report is None:
        return Status(404, {"detail": _("No such report.")})
    try:
        report = services.report_submit(
            user=request.user, report=report, warnings_comment=payload.warnings_comment
        )
    except PermissionDenied:
        return Status(
            403, {"detail": _("Only the region's front-office operators submit its reports.")}
        )
    except services.ReportRejected as exc:
        return Status(
            400, {"detail": _("The report cannot be submitted yet."), "errors": exc.errors}
        )
    return Status(200, _detail(report))


@router.post("/reports/{report_id}/review", response={200: MonthlyReportDetailOut, **E})
def review_report(
    request: AuthenticatedHttpRequest, report_id: int, payload: MonthlyReportReviewIn
) -> Any:
    if not roles.is_analyst(request.user):
        return Status(403, {"detail": _("Only national analysts approve or return reports.")})
    report = _visible_report(request, report_id)
    if report is None:
        return Status(404, {"detail": _("No such report.")})
    try:
        if payload.action == "approve":
            report = services.report_approve(
                user=request.user, report=report, comment=payload.comment
            )
        else:
            report = services.report_return(
                user=request.user, report=report, comment=payload.comment
            )
    except PermissionDenied:
        return Status(400, {"detail": _("Only a submitted report can be approved or returned.")})
    except services.ReportRejected as exc:
        return Status(400, {"detail": str(exc), "errors": exc.errors})
    return Status(200, _detail(report))


@router.get(
    "/findings",
    response={200: DataQualityFindingPage, 403: MonitoringErrorOut, 404: MonitoringErrorOut},
)
def list_findings(
    request: HttpRequest, filters: Query[DataQualityFindingFilter], paging: Query[PageParams]
) -> Any:
    if not permissions.can_use_monitoring(request.user):
        return _forbidden()
    region_id = _region_id(filters.region)
    if region_id is False:
        return Status(404, {"detail": _("Unknown region.")})
    page = page_of(
        selectors.findings_for(
            request.user,
            year=filters.year,
            region_id=region_id,
            state=filters.state,
            severity=filters.severity,
        ),
        page=paging.page,
        page_size=paging.page_size,
    )
    labels = quality.element_labels()
    for finding in page["results"]:
        finding.explanation_text = quality.explain(finding, labels)
    return Status(200, page)


@router.get(
    "/completeness",
    response={200: CompletenessOut, 403: MonitoringErrorOut},
    summary="Reporting rates: received and on-time reports ÷ expected, per region (analysts)",
)
def completeness(request: HttpRequest, year: int = Query(..., ge=2015, le=2100)) -> Any:
    if not roles.is_analyst(request.user):
        return Status(
            403, {"detail": _("Only national analysts see all regions' reporting rates.")}
        )
    data = selectors.completeness_matrix(year=year)
    return Status(
        200,
        {
            "year": data["year"],
            "expected_months": data["expected_months"],
            "completeness": data["completeness"],
            "timeliness": data["timeliness"],
            "rows": [
                {
                    "region": row["region"].iso_code,
                    "expected": row["expected"],
                    "received": row["received"],
                    "on_time": row["on_time"],
                    "completeness": row["completeness"],
                    "timeliness": row["timeliness"],
                    "platform_hours": row["platform_hours"],
                    "reported_hours": row["reported_hours"],
                    "coverage": row["coverage"],
                    "cells": [
                        {
                            "month": c["month"],
                            "state": c["state"],
                            "late": bool(c["late"]),
                            "flags": c["flags"],
                        }
                        for c in row["cells"]
                    ],
                }
                for row in data["rows"]
            ],
        },
    )


@router.post("/findings/{finding_id}/respond", response={200: DataQualityFindingOut, **E})
def respond_finding(
    request: AuthenticatedHttpRequest, finding_id: int, payload: DataQualityFindingAnswerIn
) -> Any:
    if not permissions.can_use_monitoring(request.user):
        return _forbidden()
    finding = selectors.findings_for(request.user).filter(pk=finding_id).first()
    if finding is None:
        return Status(404, {"detail": _("No such finding.")})
    try:
        finding = services.finding_respond(
            user=request.user, finding=finding, state=payload.state, comment=payload.comment
        )
    except PermissionDenied:
        return Status(
            403, {"detail": _("Only the region's front-office operators answer its findings.")}
        )
    except services.ReportRejected as exc:
        return Status(400, {"detail": str(exc), "errors": exc.errors})
    return Status(200, finding)
