"""Pages of the monitoring domain: thin — parse, authorise, call one service, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from asar.accounts import roles
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.redirects import safe_next
from asar.geo.models import Region
from asar.lib.i18n import sorted_by_name
from asar.monitoring import (
    charts,
    comparison,
    excel,
    permissions,
    platform_measures,
    quality,
    selectors,
    services,
    validation,
)
from asar.monitoring.forms import RespondForm, ReviewForm, StartForm, UploadForm
from asar.monitoring.models import DataElement, Finding, MonthlyReport, deadline_for

require_user = roles.require(permissions.can_use_monitoring)


def _year(request: HttpRequest, default: int | None = None) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default or timezone.localdate().year
    return year if 2015 <= year <= 2100 else (default or timezone.localdate().year)


@require_GET
@require_user
def home(request: HttpRequest) -> HttpResponse:
    if roles.is_analyst(request.user):
        return redirect("monitoring:matrix")
    return redirect("monitoring:my_reports")


@require_GET
@require_user
def my_reports(request: HttpRequest) -> HttpResponse:
    """An operator's months: what is due, what is late, what was returned, findings to answer."""
    today = timezone.localdate()
    region_ids = roles.operator_region_ids(request.user)
    regions = sorted_by_name(Region.objects.filter(id__in=region_ids))
    existing = {
        (r.region_id, r.year, r.month): r
        for r in selectors.reports_for(request.user).filter(region_id__in=region_ids)
    }
    blocks = []
    for region in regions:
        months = []
        year, month = today.year, today.month
        for _i in range(15):  # this month and the fourteen before it
            report = existing.get((region.pk, year, month))
            deadline = report.deadline if report else deadline_for(year, month)
            months.append(
                {
                    "year": year,
                    "month": month,
                    "period": dt.date(year, month, 1),
                    "report": report,
                    "deadline": deadline,
                    "overdue": (report is None and deadline < today)
                    or (report is not None and not report.is_received and deadline < today),
                }
            )
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        blocks.append({"region": region, "months": months})
    # Drafts and returned reports of any period: older work must not fall off the list.
    waiting = sorted(
        (r for r in existing.values() if r.is_editable), key=lambda r: (r.year, r.month)
    )
    # Only what can still be answered: an approved report is locked.
    findings = (
        selectors.findings_for(request.user, state=Finding.State.OPEN)
        .filter(report__region_id__in=region_ids)
        .exclude(report__status=MonthlyReport.Status.APPROVED)
        .exclude(severity=Finding.Severity.INFO)
        .order_by(*selectors.FINDINGS_ORDER)[:50]
    )
    return render(
        request,
        "monitoring/my_reports.html",
        {
            "blocks": blocks,
            "waiting": waiting,
            "findings": _explained(findings, request.user),
            "today": today,
        },
    )


def _explained(findings: Any, user: Any = None) -> list[dict[str, Any]]:
    labels = quality.element_labels()
    items = [
        {
            "finding": f,
            "text": quality.explain(f, labels),
            "can_respond": user is not None and permissions.can_answer_now(user, f),
        }
        for f in findings
    ]
    # A copied report links to the one it copies, to compare them side by side.
    for item in items:
        finding = item["finding"]
        item["compare_with"] = _compare_with(finding)
        if finding.kind == Finding.Kind.DUPLICATE_PERIOD:
            item["copied"] = MonthlyReport.objects.filter(
                region_id=finding.report.region_id,
                year=finding.params.get("year"),
                month=finding.params.get("month"),
            ).first()
    return items


def _compare_with(finding: Finding) -> str:
    """``with`` of the side-by-side page for a finding that compares two months, else ""."""
    period = comparison.finding_period(finding)
    return comparison.format_period(period) if period else ""


@require_POST
@require_user
def report_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a region, year and month."))
    region = get_object_or_404(Region, pk=form.cleaned_data["region"])
    if not permissions.can_fill(request.user, region.pk):
        raise PermissionDenied
    try:
        report = services.report_open(
            user=request.user,
            region=region,
            year=form.cleaned_data["year"],
            month=form.cleaned_data["month"],
        )
    except services.ReportRejected as exc:
        messages.error(request, str(exc))
        return redirect("monitoring:my_reports")
    return redirect("monitoring:report_edit", report_id=report.pk)


def _rows(
    report: MonthlyReport, values: dict[str, Any], errors: dict[str, str]
) -> list[dict[str, Any]]:
    measured = platform_measures.measures(
        region_id=report.region_id, year=report.year, month=report.month
    )
    groups = []
    for code, label, elements in selectors.catalogue_by_group():
        rows = []
        for element in elements:
            value = values.get(element.code)
            if element.is_number and isinstance(value, str):
                value = _as_number(value)
            platform = measured.get(element.code) if element.is_number else None
            ratio = None
            if platform is not None and isinstance(value, int) and value:
                ratio = round(platform * 100 / value)
            rows.append(
                {
                    "element": element,
                    "value": "" if value is None else value,
                    "platform": platform,
                    "coverage": ratio,
                    "below_platform": platform is not None
                    and isinstance(value, int)
                    and value < platform,
                    "error": errors.get(element.code, ""),
                }
            )
        has_numbers = any(e.is_number for e in elements)
        groups.append({"code": code, "label": label, "rows": rows, "has_numbers": has_numbers})
    return groups


def _as_number(text: str) -> int | str:
    """A number typed into the form, for display beside the platform's figure; the text
    itself when it is not one (the field shows its error)."""
    try:
        parsed = validation.parse_number(text)
    except ValueError:
        return text
    return text if parsed is None else parsed


@permissions.report_view()
def report_detail(request: HttpRequest, report: MonthlyReport) -> HttpResponse:
    values = selectors.report_values(report)
    findings = selectors.findings_for(request.user, report_id=report.pk).order_by(
        *selectors.FINDINGS_ORDER
    )
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "groups": _rows(report, values, {}),
            "findings": _explained(findings),
            "audit": _audit_rows(report),
            "can_edit": permissions.can_edit(request.user, report),
            "can_review": permissions.can_review(request.user, report),
            "can_respond": permissions.can_fill(request.user, report.region_id)
            and report.status != MonthlyReport.Status.APPROVED,
            "review_form": ReviewForm(),
            "respond_form": RespondForm(),
            "upload_form": UploadForm(),
        },
    )


@require_GET
@permissions.report_view()
def report_compare(request: HttpRequest, report: MonthlyReport) -> HttpResponse:
    """The report beside another month of its region (``?with=YYYY-MM``; by default the month
    a copy check found it to repeat, else the same month last year)."""
    period = comparison.parse_period(request.GET.get("with", ""))
    if period is None or period == (report.year, report.month):
        period = comparison.default_period(report)
    choices = list(comparison.comparable_reports(request.user, report))
    other = next((r for r in choices if (r.year, r.month) == period), None)
    return render(
        request,
        "monitoring/report_compare.html",
        {
            "report": report,
            "other": other,
            "period": dt.date(*period, 1),
            "selected": comparison.format_period(period),
            "choices": [(comparison.format_period((r.year, r.month)), r) for r in choices],
            "result": comparison.compare_reports(report, other) if other else None,
        },
    )


def _audit_rows(report: MonthlyReport) -> list[dict[str, Any]]:
    """The trail with each field's label (the code alone means nothing to a reader)."""
    labels = quality.element_labels() | {k.value: str(k.label) for k in Finding.Kind}
    return [
        {"entry": e, "label": labels.get(e.element_code, "")}
        for e in report.audit_entries.all()[:200]
    ]


@permissions.report_view(permissions.can_edit)
def report_edit(request: AuthenticatedHttpRequest, report: MonthlyReport) -> HttpResponse:
    errors: dict[str, str] = {}
    violations: list[Any] = []
    empty: list[str] = []
    saved = False  # the values were stored but the submission was refused
    values = selectors.report_values(report)
    comment = report.warnings_comment
    if request.method == "POST":
        codes = set(DataElement.objects.values_list("code", flat=True))
        raw = {code: request.POST.get(code, "") for code in codes}
        comment = request.POST.get("warnings_comment", "")
        try:
            changed = services.report_save_values(user=request.user, report=report, raw=raw)
            saved = True
            if request.POST.get("action") == "prefill":
                filled = services.report_prefill_from_platform(user=request.user, report=report)
                messages.success(
                    request,
                    _("%(n)d empty fields were filled with the platform's figures.")
                    % {"n": filled},
                )
                return redirect("monitoring:report_edit", report_id=report.pk)
            if request.POST.get("action") == "submit":
                services.report_submit(user=request.user, report=report, warnings_comment=comment)
                messages.success(request, _("The report was submitted for approval."))
                return redirect("monitoring:report_detail", report_id=report.pk)
            messages.success(request, _("Draft saved (%(n)d changes).") % {"n": changed})
            return redirect("monitoring:report_edit", report_id=report.pk)
        except services.ReportRejected as exc:
            errors, violations, empty = exc.errors, exc.violations, exc.empty
            values = {**values, **raw}
            report.refresh_from_db()
    else:
        found = services.submission_problems(values, [])[:2]
        violations = [*found[0], *found[1]] if values else []
    labels = quality.element_labels()
    groups = _rows(report, values, errors)
    return render(
        request,
        "monitoring/report_edit.html",
        {
            "report": report,
            "groups": groups,
            "errors": errors,
            "general_error": errors.get("") or errors.get("warnings_comment", ""),
            # Which fields are wrong, at the top (the form is long and the first one may be
            # far below), in the order of the form.
            "field_errors": [
                (row["element"].code, row["element"].label, row["error"])
                for group in groups
                for row in group["rows"]
                if row["error"]
            ],
            "saved_not_submitted": saved and bool(errors),
            "violations": violations,
            "empty": [labels.get(code, code) for code in empty],
            "warnings_comment": comment,
            "upload_form": UploadForm(),
        },
        status=400 if errors else 200,
    )


@permissions.report_view()
def report_template(request: HttpRequest, report: MonthlyReport) -> HttpResponse:
    content = excel.build_template(report, selectors.report_values(report))
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    name = f"asar-report-{report.region.iso_code}-{report.year}-{report.month:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@permissions.report_view(permissions.can_edit)
def report_upload(request: AuthenticatedHttpRequest, report: MonthlyReport) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    upload_errors: list[str] = []
    whole_file = True  # the file itself was refused, not some of its cells
    if not form.is_valid():
        upload_errors = [str(e) for e in form.errors.get("file", [])]
    else:
        upload = form.cleaned_data["file"]
        existing = selectors.report_values(report)
        try:
            if upload.name.lower().endswith(".csv"):
                parsed = excel.parse_csv(upload, report, existing)
            else:
                parsed = excel.parse_template(upload, report, existing)
            upload_errors = parsed.errors
            whole_file = False
            if parsed.ok:
                changed = services.report_save_values(
                    user=request.user, report=report, raw=parsed.values, source="upload"
                )
                messages.success(
                    request,
                    _("The file was read without errors: %(n)d values changed.") % {"n": changed},
                )
                for notice in parsed.notices:
                    messages.warning(request, notice)
                return redirect("monitoring:report_edit", report_id=report.pk)
        except excel.UploadError as exc:
            upload_errors = [str(exc)]
        except services.ReportRejected as exc:
            upload_errors = [f"{k}: {v}" if k else v for k, v in exc.errors.items()]
            whole_file = False
    return render(
        request,
        "monitoring/upload_errors.html",
        {
            "report": report,
            "upload_errors": upload_errors,
            "whole_file": whole_file,
            "upload_form": UploadForm(),
        },
        status=400,
    )


@require_POST
@permissions.report_view(permissions.can_review)
def report_review(request: AuthenticatedHttpRequest, report: MonthlyReport) -> HttpResponse:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose approve or return."))
    try:
        if form.cleaned_data["action"] == "approve":
            services.report_approve(
                user=request.user, report=report, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The report is approved and locked."))
        else:
            services.report_return(
                user=request.user, report=report, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The report was returned to the front office."))
    except services.ReportRejected as exc:
        messages.error(request, str(exc))
    return redirect("monitoring:report_detail", report_id=report.pk)


@require_POST
@require_user
def finding_respond(request: AuthenticatedHttpRequest, finding_id: int) -> HttpResponse:
    finding = get_object_or_404(
        Finding.objects.select_related("report", "report__region"), pk=finding_id
    )
    if not permissions.can_respond(request.user, finding):
        raise PermissionDenied
    form = RespondForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            finding = services.finding_respond(
                user=request.user,
                finding=finding,
                state=form.cleaned_data["state"],
                comment=form.cleaned_data["comment"],
            )
        except services.ReportRejected as exc:
            error = str(exc)
    else:
        error = "; ".join(str(m) for errs in form.errors.values() for m in errs)
    context = {
        # The card as the page drew it: on a list it keeps its link to the report.
        "item": _explained([finding])[0],
        "show_report": request.POST.get("show_report") == "1",
        "can_respond": True,
        "respond_form": RespondForm(),
        "error": error,
    }
    if request.headers.get("HX-Request"):
        return render(
            request, "monitoring/_finding.html", context, status=200 if not error else 400
        )
    if error:
        messages.error(request, error)
    return redirect(
        safe_next(request) or reverse("monitoring:report_detail", args=[finding.report_id])
    )


@require_GET
@roles.require(roles.is_analyst)
def matrix(request: HttpRequest) -> HttpResponse:
    year = _year(request, default=selectors.latest_reported_year())
    data = selectors.completeness_matrix(year=year)
    summary = selectors.findings_summary(year=year)
    return render(
        request,
        "monitoring/matrix.html",
        {
            "data": data,
            "year": year,
            "years": list(range(timezone.localdate().year, 2020, -1)),
            "months": list(range(1, 13)),
            "trend_svg": charts.rates_chart(data["trend"]),
            "summary": summary,
            "by_kind": sorted(
                ((k, Finding.Kind(k).label, n) for k, n in summary["by_kind"].items()),
                key=lambda item: -item[2],
            ),
        },
    )


@require_GET
@require_user
def region_trend(request: HttpRequest, iso_code: str) -> HttpResponse:
    region = get_object_or_404(Region, iso_code=iso_code)
    if not permissions.can_view_region(request.user, region.pk):
        raise PermissionDenied
    year = _year(request, default=selectors.latest_reported_year())
    series = selectors.region_series(region_id=region.pk, years=[year - 1, year])
    reports = selectors.reports_for(request.user, region_id=region.pk).filter(
        year__in=[year - 1, year]
    )
    platform_hours, reported_hours = selectors.hours_coverage(year=year).get(region.pk, (0, None))
    return render(
        request,
        "monitoring/region_trend.html",
        {
            "region": region,
            "year": year,
            "charts": [
                (_("Active volunteers"), charts.line_chart(series["volunteers_total"])),
                (_("Volunteer hours"), charts.line_chart(series["volunteer_hours"])),
            ],
            "reports": reports.order_by("-year", "-month"),
            "platform_hours": platform_hours,
            "reported_hours": reported_hours,
            "coverage": selectors.coverage_pct(platform_hours, reported_hours),
            "findings": _explained(
                selectors.findings_for(request.user, region_id=region.pk, year=year)
                .exclude(state=Finding.State.CORRECTED)
                .exclude(severity=Finding.Severity.INFO)
                .order_by("-report__month", "kind")[:40]
            ),
        },
    )


@require_GET
@require_user
def findings(request: HttpRequest) -> HttpResponse:
    year = _year(request, default=selectors.latest_reported_year())
    region_id = request.GET.get("region") or None
    state = request.GET.get("state") or None
    severity = request.GET.get("severity") or None
    kind = request.GET.get("kind") or None
    qs = selectors.findings_for(
        request.user,
        year=year,
        region_id=int(region_id) if region_id and region_id.isdigit() else None,
        state=state if state in Finding.State.values else None,
        severity=severity if severity in Finding.Severity.values else None,
        kind=kind if kind in Finding.Kind.values else None,
    ).order_by(*selectors.FINDINGS_ORDER)
    paginator = Paginator(qs, 50)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/findings.html",
        {
            "items": _explained(page.object_list, request.user),
            "page": page,
            "query": query.urlencode(),
            "total": paginator.count,
            "year": year,
            "regions": selectors.visible_regions(request.user),
            "states": Finding.State.choices,
            "severities": Finding.Severity.choices,
            "selected": {"region": region_id, "state": state, "severity": severity, "kind": kind},
            "kinds": Finding.Kind.choices,
            "respond_form": RespondForm(),
        },
    )
