"""Pages of reporting: the public dashboard and method page, the analysts' and front offices'
report editions and economic value, an organisation's and a volunteer's own value."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from asar.accounts import roles
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.geo.models import Region
from asar.organizations.models import Organization
from asar.organizations.permissions import (
    is_any_coordinator,
    is_coordinator,
    organizations_coordinated_by,
)
from asar.reporting import charts, permissions, report, selectors, services, sources, valuation
from asar.reporting.forms import ReportRequestForm, SurveyEstimateForm, ValueFilterForm, YearForm
from asar.reporting.models import NationalReport


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return int(form.cleaned_data["year"])
    return timezone.localdate().year


# --- public ------------------------------------------------------------------------------


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Headline figures and charts of the year; aggregates only, cached per language and year."""
    year = _year(request)
    language = (get_language() or "kk")[:2]
    key = f"reporting:dashboard:{language}:{year}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "reporting/_dashboard_body.html", _dashboard_context(year, language), request=None
        )
        cache.set(key, body, settings.ASAR_DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "reporting/dashboard.html",
        {"body": body, "year": year, "form": YearForm(initial={"year": year})},
    )


def dashboard_figures(year: int) -> dict[str, Any]:
    """Headline figures of the year (also served by the public API)."""
    book = valuation.RateBook()
    value_min: Decimal | None
    value_likely: Decimal | None
    try:
        minimum = valuation.minimum_scenario(book, year=year)
        likely = valuation.likely_scenario(book, year=year)
        value_min, value_likely = minimum.value, likely.value
        fallback = minimum.has_national_fallback or likely.has_national_fallback
    except valuation.NoWageData:
        value_min = value_likely = None
        fallback = False
    orgs = sources.organizations_by_kind(year=year)
    return {
        "year": year,
        "registered_volunteers": sources.registered_volunteers(year=year),
        "active_volunteers": sources.active_volunteer_count(year=year),
        "organizations": sum(orgs.values()),
        "confirmed_hours": valuation.minutes_to_hours(
            sources.minutes_total(year=year, status=sources.CONFIRMED)
        ),
        "self_reported_hours": valuation.minutes_to_hours(
            sources.minutes_total(year=year, status=sources.SELF_REPORTED)
        ),
        "value_minimum": value_min,
        "value_likely": value_likely,
        "national_fallback": fallback,
    }


def _dashboard_context(year: int, language: str) -> dict[str, Any]:
    ctx = report.Context(year=year, region=None, language=language)
    sections = [
        report.directions(ctx),
        report.forms(ctx),
        report.volunteers_by_region(ctx),
        report.hours_per_volunteer(ctx),
    ]
    items = [
        (s, charts.render(s.chart, uid=f"d{i}", language=language) if s and s.chart else "")
        for i, s in enumerate(sections)
        if s is not None
    ]
    return {"figures": dashboard_figures(year), "items": items, "year": year}


@require_GET
def method(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    book = valuation.RateBook()
    wage_year = book.wage_year(year)
    regions = []
    if wage_year is not None:
        for region in Region.objects.order_by("iso_code"):
            rate = book.rate(year=year, region_id=region.id)
            regions.append({"region": region, "rate": rate})
        national = book.rate(year=year, region_id=None)
    else:
        national = None
    return render(
        request,
        "reporting/method.html",
        {
            "year": year,
            "form": YearForm(initial={"year": year}),
            "monthly_hours": settings.ASAR_STANDARD_MONTHLY_HOURS,
            "national": national,
            "regions": regions,
            "wages": selectors.wage_table(),
            "survey": selectors.survey_estimate(year=year),
            "method_text": report.method_text(get_language() or "kk"),
            "repro": _report_2023_reproduction(),
        },
    )


def _report_2023_reproduction() -> dict[str, object]:
    """The 2023 national report's figures, recomputed live at its implied rate."""
    from decimal import Decimal

    rate = Decimal(1728)
    return {
        "rate": rate,
        "min_hours": 2_000_000,
        "min_value": valuation.value_of_hours(2_000_000, rate),
        "likely_hours": 25_000_000,
        "likely_value": valuation.value_of_hours(25_000_000, rate),
    }


# --- report editions (analysts; front offices for their region) ---------------------------


@require_http_methods(["GET", "POST"])
@roles.require(permissions.can_use_reports)
def editions(request: AuthenticatedHttpRequest) -> HttpResponse:
    national = roles.is_analyst(request.user)
    form = ReportRequestForm(
        request.POST or None,
        regions=selectors.regions_for(request.user),
        national=national,
        initial={
            "year": timezone.localdate().year,
            "language": (get_language() or "kk")[:2],
            "format": "pdf",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.report_request(
                user=request.user,
                year=form.cleaned_data["year"],
                region=form.cleaned_data["region"],
                language=form.cleaned_data["language"],
                fmt=form.cleaned_data["format"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # Without a broker the task has already run: the page then shows it ready.
            edition.refresh_from_db(fields=["status"])
            if edition.status in (NationalReport.Status.QUEUED, NationalReport.Status.RUNNING):
                messages.success(request, _("The report is being generated."))
            return redirect("reporting:edition", report_id=edition.id)
    return render(
        request,
        "reporting/editions.html",
        {"form": form, "editions": selectors.reports_for(request.user)[:50]},
    )


@require_GET
@permissions.report_required
def edition_detail(request: HttpRequest, edition: NationalReport) -> HttpResponse:
    return render(request, "reporting/edition.html", {"edition": edition})


@require_GET
@permissions.report_required
def edition_status(request: HttpRequest, edition: NationalReport) -> HttpResponse:
    """HTMX fragment polled until the edition is finished."""
    return render(request, "reporting/_edition_status.html", {"edition": edition})


@require_GET
@permissions.report_required
def edition_download(request: HttpRequest, edition: NationalReport) -> HttpResponse:
    if edition.status != NationalReport.Status.DONE or not edition.file:
        raise Http404
    # Editions are a few hundred kilobytes: read whole, so no file handle outlives the request.
    with edition.file.open("rb") as fh:
        content = fh.read()
    content_type = "application/pdf" if edition.format == "pdf" else "text/html; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    assert edition.file.name  # an empty file was refused above
    name = edition.file.name.rsplit("/", 1)[-1]
    disposition = "attachment" if edition.format == "pdf" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    # The HTML edition is self-contained (inline CSS and SVG): nothing else may load or run.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    response["Digest"] = f"sha-256={edition.checksum_sha256}"
    return response


@require_GET
@permissions.report_required
def edition_data(request: HttpRequest, edition: NationalReport) -> HttpResponse:
    """The data snapshot the edition was made from: every section's figures and tables."""
    if edition.status != NationalReport.Status.DONE:
        raise Http404
    where = edition.region.iso_code if edition.region is not None else "KZ"
    body = {
        "edition": {
            "id": edition.id,
            "year": edition.year,
            "region": edition.region.iso_code if edition.region is not None else None,
            "language": edition.language,
            "format": edition.format,
            "file_sha256": edition.checksum_sha256,
            "finished_at": edition.finished_at.isoformat() if edition.finished_at else None,
        },
        "snapshot": edition.data,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    name = f"asar-report-{edition.year}-{where}-{edition.language}-{edition.id}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- economic value ----------------------------------------------------------------------


def _value_scope(request: HttpRequest) -> tuple[ValueFilterForm, int, Region | None]:
    """The year and region of the value page (and its CSV): a national analyst sees the whole
    country by default, a front office its own region; 403 for a region one may not see."""
    national = roles.is_analyst(request.user)
    regions = selectors.regions_for(request.user)
    data = request.GET.copy() if request.GET else None
    if data is not None and not national and not data.get("region") and regions:
        data["region"] = str(regions[0].id)  # an operator's own region by default
    form = ValueFilterForm(
        data,
        regions=regions,
        national=national,
        initial={"year": timezone.localdate().year},
    )
    year = timezone.localdate().year
    region = None if national else regions.first()
    if form.is_bound:
        # Whatever part is valid is used, so the figures always match the year shown.
        form.is_valid()
        year = form.cleaned_data.get("year", year)
        region = form.cleaned_data.get("region", region)
    if not permissions.can_view_value(request.user, region.id if region else None):
        raise PermissionDenied
    return form, year, region


@require_GET
@roles.require(permissions.can_use_reports)
def value(request: HttpRequest) -> HttpResponse:
    """Summary first (the three scenarios, then the likely one by region); every line below,
    folded by region and grouped by direction; all of them in a CSV."""
    form, year, region = _value_scope(request)
    context: dict[str, Any] = {"form": form, "year": year, "region": region, "no_wages": False}
    try:
        result = valuation.scenarios(year=year, region_id=region.id if region else None)
    except valuation.NoWageData:
        context["no_wages"] = True
        return render(request, "reporting/value.html", context)
    language = get_language() or "kk"
    names = report.scenario_names()
    estimate = selectors.survey_estimate(year=year)
    likely = result[1]
    context.update(
        scenarios=[
            {"s": s, "name": names[s.key], "inputs": report.scenario_inputs_text(s, language)}
            for s in result
        ],
        likely=likely,
        likely_by_kind={
            k: likely.hours_of(k) for k in ("confirmed", "self_reported", "front_office")
        },
        regions=report.lines_by_region(likely.lines),
        survey_lines=report.lines_for_display(result[2].lines),
        csv_query=urlencode({"year": year, **({"region": region.id} if region else {})}),
        method_text=report.method_text(language),
        survey_form=SurveyEstimateForm(
            initial={
                "volunteers": estimate.volunteers if estimate else None,
                "hours_per_volunteer_year": estimate.hours_per_volunteer_year if estimate else None,
                "source": estimate.source if estimate else "",
            }
        )
        if permissions.can_edit_survey(request.user)
        else None,
    )
    return render(request, "reporting/value.html", context)


@require_GET
@roles.require(permissions.can_use_reports)
def value_csv(request: HttpRequest) -> HttpResponse:
    """Every valued line of the likely and maximum scenarios (the minimum is the likely one's
    confirmed lines), for a spreadsheet: codes and names, raw numbers."""
    _form, year, region = _value_scope(request)
    try:
        result = valuation.scenarios(year=year, region_id=region.id if region else None)
    except valuation.NoWageData as exc:
        raise Http404 from exc
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Scenario"),
            _("Counted as"),
            _("Kind (code)"),
            _("Region"),
            _("Region (ISO 3166-2)"),
            _("Direction"),
            _("Direction (code)"),
            _("Hours"),
            _("Monthly wage"),
            _("Hourly rate"),
            _("Wage used"),
            _("Wage year"),
            _("National average used"),
            _("Earlier year's wages"),
            pgettext("money", "Value"),
        ]
    )
    names = report.scenario_names()
    for scenario in result[1:]:
        for row in report.lines_for_display(scenario.lines):
            rate = row["rate"]
            writer.writerow(
                [
                    names[scenario.key],
                    row["kind"],
                    row["kind_code"],
                    row["region"],
                    row["region_iso"],
                    "" if row["direction"] == "—" else row["direction"],
                    row["direction_code"],
                    row["hours"],
                    rate.monthly_wage,
                    rate.hourly,
                    row["level"],
                    rate.wage_year,
                    _yes_no(rate.national_fallback),
                    _yes_no(rate.year_fallback),
                    row["value"],
                ]
            )
    # A BOM so that spreadsheet programs read Kazakh and Russian letters correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    where = region.iso_code if region else "KZ"
    response["Content-Disposition"] = f'attachment; filename="asar-value-{year}-{where}.csv"'
    return response


def _yes_no(flag: bool) -> str:
    return _("yes") if flag else _("no")


@require_POST
@roles.require(permissions.can_edit_survey)
def survey_estimate(request: AuthenticatedHttpRequest) -> HttpResponse:
    year_form = YearForm(request.POST)
    form = SurveyEstimateForm(request.POST)
    if year_form.is_valid() and form.is_valid():
        try:
            services.survey_estimate_save(
                user=request.user,
                year=year_form.cleaned_data["year"],
                volunteers=form.cleaned_data["volunteers"],
                hours_per_volunteer_year=form.cleaned_data["hours_per_volunteer_year"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The survey inputs are saved."))
        return redirect(f"{_reverse_value()}?year={year_form.cleaned_data['year']}")
    for errors in [*year_form.errors.values(), *form.errors.values()]:
        messages.error(request, " ".join(str(message) for message in errors))
    return redirect(_reverse_value())


def _reverse_value() -> str:
    from django.urls import reverse

    return reverse("reporting:value")


@require_GET
@roles.require(is_any_coordinator)
def organization_value_index(request: HttpRequest) -> HttpResponse:
    """The coordinator's organisations: straight to the value page when there is one."""
    organizations = list(organizations_coordinated_by(request.user)[:50])
    if len(organizations) == 1:
        return redirect("reporting:organization_value", organization_id=organizations[0].id)
    return render(
        request, "reporting/organization_value_index.html", {"organizations": organizations}
    )


@require_GET
def organization_value(request: HttpRequest, organization_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    organization = get_object_or_404(Organization, pk=organization_id)
    if not permissions.can_view_organization_value(request.user, organization.id):
        raise PermissionDenied
    year = _year(request)
    context: dict[str, Any] = {
        "organization": organization,
        "year": year,
        "form": YearForm(initial={"year": year}),
        # Its coordinators choose whether the figures show on the organisation's public page.
        "can_publish": is_coordinator(request.user, organization.id),
    }
    try:
        scenario = valuation.valued_hours(
            valuation.RateBook(),
            year=year,
            status=sources.CONFIRMED,
            organization_id=organization.id,
        )
    except valuation.NoWageData:
        context["no_wages"] = True
    else:
        context.update(scenario=scenario, lines=report.lines_for_display(scenario.lines))
    context["method_text"] = report.method_text(get_language() or "kk")
    return render(request, "reporting/organization_value.html", context)


@require_GET
def my_value(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    profile = getattr(request.user, "volunteer_profile", None)
    if profile is None:
        raise PermissionDenied
    year = _year(request)
    context: dict[str, Any] = {"year": year, "form": YearForm(initial={"year": year})}
    try:
        book = valuation.RateBook()
        confirmed = valuation.valued_hours(
            book, year=year, status=sources.CONFIRMED, volunteer_id=profile.id
        )
        self_reported = valuation.valued_hours(
            book, year=year, status=sources.SELF_REPORTED, volunteer_id=profile.id
        )
    except valuation.NoWageData:
        context["no_wages"] = True
    else:
        context.update(
            confirmed=confirmed,
            self_reported=self_reported,
            lines=report.lines_for_display(confirmed.lines + self_reported.lines),
        )
    context["method_text"] = report.method_text(get_language() or "kk")
    return render(request, "reporting/my_value.html", context)
