"""Writes of the reporting domain: requesting and generating report editions, the wage table
and the survey inputs of the maximum scenario."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from asar.accounts.models import User
from asar.geo.models import Direction, Region
from asar.reporting import charts, permissions
from asar.reporting.models import NationalReport, SurveyEstimate, WageRate
from asar.reporting.report import Report, build_report
from asar.reporting.wages import ImportResult, load_wages

logger = logging.getLogger(__name__)
# WeasyPrint logs every layout step at INFO; keep the workers' logs readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FIRST_YEAR = 2015


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError(
            {
                "year": _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": timezone.localdate().year}
            }
        )


@transaction.atomic
def report_request(
    *,
    user: User,
    year: int,
    region: Region | None,
    language: str,
    fmt: str,
) -> NationalReport:
    """Record a request for an edition and queue its generation after the commit."""
    if not permissions.can_generate(user, region.id if region else None):
        raise PermissionDenied
    _check_year(year)
    if language not in {"kk", "ru", "en"}:
        raise ValidationError({"language": _("Choose Kazakh, Russian or English.")})
    if fmt not in NationalReport.Format.values:
        raise ValidationError({"format": _("Choose HTML or PDF.")})
    report = NationalReport.objects.create(
        year=year, region=region, language=language, format=fmt, created_by=user
    )
    from asar.reporting.tasks import generate_national_report

    transaction.on_commit(lambda: generate_national_report.delay(report.id))
    return report


@dataclass
class Rendered:
    report: Report
    content: bytes
    extension: str


def report_render(*, report: Report, fmt: str) -> Rendered:
    """The report as a standalone HTML document, or that document printed to PDF."""
    with override(report.language):
        items = [
            (
                section,
                charts.render(section.chart, uid=f"c{i}", language=report.language)
                if section.chart and not section.no_data
                else "",
            )
            for i, section in enumerate(report.sections)
        ]
        html = render_to_string(
            "reporting/report_document.html",
            {
                "report": report,
                "items": items,
                "generated_at": timezone.now(),
                "for_pdf": fmt == "pdf",
            },
        )
    if fmt == NationalReport.Format.PDF:
        from weasyprint import HTML

        return Rendered(report, HTML(string=html).write_pdf(), "pdf")
    return Rendered(report, html.encode("utf-8"), "html")


def report_generate(*, report_id: int) -> NationalReport:
    """Generate a requested edition. Idempotent: a finished edition is returned unchanged; a
    re-delivered task for an interrupted one starts it again."""
    with transaction.atomic():
        report = (
            NationalReport.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=report_id)
        )
        if report.status == NationalReport.Status.DONE:
            return report
        report.status = NationalReport.Status.RUNNING
        report.progress = 0
        report.error = ""
        report.save(update_fields=["status", "progress", "error"])

    def progress(percent: int) -> None:
        # Leave the last 10 % for rendering and saving the file.
        NationalReport.objects.filter(pk=report_id).update(progress=min(percent * 9 // 10, 90))

    try:
        built = build_report(
            year=report.year, region=report.region, language=report.language, progress=progress
        )
        rendered = report_render(report=built, fmt=report.format)
    except Exception as exc:
        # Only the exception's type goes to the log and the artefact: messages may quote data.
        logger.exception("national report %s failed", report_id)
        NationalReport.objects.filter(pk=report_id).update(
            status=NationalReport.Status.FAILED,
            error=exc.__class__.__name__,
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
        return report

    where = report.region.iso_code if report.region else "KZ"
    name = f"asar-report-{report.year}-{where}-{report.language}-{report.id}.{rendered.extension}"
    with transaction.atomic():
        report = NationalReport.objects.select_for_update().get(pk=report_id)
        if report.file:
            report.file.delete(save=False)
        report.file.save(name, ContentFile(rendered.content), save=False)
        report.checksum_sha256 = hashlib.sha256(rendered.content).hexdigest()
        report.data = built.as_dict()
        report.status = NationalReport.Status.DONE
        report.progress = 100
        report.finished_at = timezone.now()
        report.save()
    return report


def report_generate_now(
    *, year: int, region: Region | None, language: str, fmt: str, user: User | None = None
) -> NationalReport:
    """For ``manage.py national_report``: record an edition and generate it in this process."""
    _check_year(year)
    report = NationalReport.objects.create(
        year=year, region=region, language=language, format=fmt, created_by=user
    )
    return report_generate(report_id=report.id)


@transaction.atomic
def wages_import(*, rows: list[dict[str, str]]) -> ImportResult:
    """Create or update wage figures from the rows of a CSV file (all rows or none)."""
    return load_wages(WageRate, Region, Direction, rows)


@transaction.atomic
def survey_estimate_save(
    *,
    user: User,
    year: int,
    volunteers: int | None,
    hours_per_volunteer_year: Decimal,
    source: str,
) -> SurveyEstimate:
    if not permissions.can_edit_survey(user):
        raise PermissionDenied
    _check_year(year)
    if not Decimal(0) <= hours_per_volunteer_year <= Decimal(8760):
        raise ValidationError({"hours_per_volunteer_year": _("A year has at most 8 760 hours.")})
    estimate, _created = SurveyEstimate.objects.select_for_update().update_or_create(
        year=year,
        defaults={
            "volunteers": volunteers,
            "hours_per_volunteer_year": hours_per_volunteer_year,
            "source": source.strip(),
            "updated_by": user,
        },
    )
    _dashboard_forget(year)
    return estimate


def _dashboard_forget(year: int) -> None:
    from django.core.cache import cache

    cache.delete_many([f"reporting:dashboard:{lang}:{year}" for lang in ("kk", "ru", "en")])


def today_year() -> int:
    return dt.date.today().year
