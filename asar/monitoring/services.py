"""Writes of the monitoring domain: drafts, values, submission, review, findings, imports.

Every change to a report goes through here and leaves an ``AuditEntry`` (who, when, old and
new value) in the same transaction, so the trail cannot miss a change the application made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asar.accounts.models import User
from asar.geo.models import Region
from asar.monitoring import permissions, quality, validation
from asar.monitoring.models import (
    AuditEntry,
    DataElement,
    DataValue,
    Finding,
    MonthlyReport,
    deadline_for,
)


@dataclass
class ReportRejected(Exception):
    """A write was refused; ``errors`` by element code (or "" for the whole report, or a form
    field such as "comment"); ``empty``: required fields left empty, when that is the reason."""

    errors: dict[str, str] = field(default_factory=dict)
    violations: list[validation.Violation] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        """The errors as a person reads them: a field's label before its error, never a code
        of the form ("comment: …")."""
        labels = {e.code: e.label for e in DataElement.objects.filter(code__in=list(self.errors))}
        return " ".join(
            f"{labels[key]}: {message}" if key in labels else message
            for key, message in self.errors.items()
        )


def _label(user: User | None) -> str:
    return user.email if user is not None else "system"


def _audit(
    report: MonthlyReport,
    user: User | None,
    action: str,
    *,
    element_code: str = "",
    old: str = "",
    new: str = "",
    source: str = "",
    note: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        report=report,
        actor=user,
        actor_label=_label(user),
        action=action,
        element_code=element_code,
        old_value=old,
        new_value=new,
        source=source,
        note=note,
    )


def _check_period(year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise ReportRejected({"month": _("The month must be between 1 and 12.")})
    today = timezone.localdate()
    if not 2015 <= year <= today.year or (year == today.year and month > today.month):
        raise ReportRejected({"year": _("A report can only be made for a past or current month.")})


@transaction.atomic
def report_open(*, user: User, region: Region, year: int, month: int) -> MonthlyReport:
    """The region's report for the month, created as a draft if it does not exist yet."""
    if not permissions.can_fill(user, region.pk):
        raise PermissionDenied
    _check_period(year, month)
    report, created = MonthlyReport.objects.get_or_create(
        region=region, year=year, month=month, defaults={"deadline": deadline_for(year, month)}
    )
    if created:
        _audit(report, user, AuditEntry.Action.CREATED)
    return report


def current_values(report: MonthlyReport) -> dict[str, int | str | None]:
    return {
        v.element.code: (v.number if v.element.is_number else v.text)
        for v in report.values.select_related("element")
    }


def _as_text(value: int | str | None) -> str:
    return "" if value is None else str(value)


def _columns(element: DataElement, value: int | str) -> tuple[int | None, str]:
    """The (number, text) a parsed value is stored as (``validation.clean_values`` parses the
    values of number elements to ``int``)."""
    if element.is_number:
        assert isinstance(value, int), f"{element.code}: {value!r} is not a parsed number"
        return value, ""
    return None, str(value)


def _write_values(
    report: MonthlyReport,
    user: User | None,
    values: Mapping[str, int | str | None],
    catalogue: dict[str, DataElement],
    source: str,
) -> int:
    existing = {v.element.code: v for v in report.values.select_related("element")}
    changed = 0
    for code, value in values.items():
        element = catalogue[code]
        row = existing.get(code)
        old = None if row is None else (row.number if element.is_number else row.text)
        if (old in (None, "")) and (value in (None, "")):
            continue
        if old == value:
            continue
        if value is None or value == "":
            assert row is not None  # the old value was not empty
            row.delete()
        elif row is None:
            number, text = _columns(element, value)
            DataValue.objects.create(report=report, element=element, number=number, text=text)
        else:
            row.number, row.text = _columns(element, value)
            row.save(update_fields=["number", "text"])
        _audit(
            report,
            user,
            AuditEntry.Action.VALUE_CHANGED,
            element_code=code,
            old=_as_text(old),
            new=_as_text(value),
            source=source,
        )
        changed += 1
    return changed


@transaction.atomic
def report_save_values(
    *, user: User, report: MonthlyReport, raw: Mapping[str, Any], source: str = "form"
) -> int:
    """Parse and store values of a draft (or returned) report; returns how many changed.

    Nothing is stored if any value is invalid. Rules are checked at submission, not here, so
    an operator can save half-filled work.
    """
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_fill(user, report.region_id):
        raise PermissionDenied
    if not report.is_editable:
        raise ReportRejected(
            {
                "": _("This report is %(status)s and cannot be changed.")
                % {"status": report.get_status_display().lower()}
            }
        )
    catalogue = {e.code: e for e in DataElement.objects.all()}
    values, errors = validation.clean_values(raw, catalogue.values())
    if errors:
        raise ReportRejected(errors)
    return _write_values(report, user, values, catalogue, source)


@transaction.atomic
def report_prefill_from_platform(*, user: User, report: MonthlyReport) -> int:
    """Fill the EMPTY fields the platform measures itself with its figures (never overwrite
    what the operator entered); returns how many were filled."""
    from asar.monitoring import platform_measures

    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_fill(user, report.region_id):
        raise PermissionDenied
    if not report.is_editable:
        raise ReportRejected({"": _("Only a draft or a returned report can be changed.")})
    current = current_values(report)
    measured = platform_measures.measures(
        region_id=report.region_id, year=report.year, month=report.month
    )
    missing = {code: value for code, value in measured.items() if current.get(code) is None}
    catalogue = {e.code: e for e in DataElement.objects.all()}
    return _write_values(report, user, missing, catalogue, "platform")


def submission_problems(
    values: Mapping[str, Any], catalogue: list[DataElement]
) -> tuple[list[validation.Violation], list[validation.Violation], list[str]]:
    """(errors, warnings, empty required codes) of a set of values."""
    violations = validation.evaluate_rules(values)
    errors = [v for v in violations if v.is_error]
    warnings = [v for v in violations if not v.is_error]
    return errors, warnings, validation.missing_required(values, catalogue)


@transaction.atomic
def report_submit(
    *, user: User, report: MonthlyReport, warnings_comment: str = ""
) -> MonthlyReport:
    """Submit for approval: errors block; warnings and empty fields need a comment."""
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_fill(user, report.region_id):
        raise PermissionDenied
    if not report.is_editable:
        raise ReportRejected({"": _("Only a draft or a returned report can be submitted.")})
    catalogue = list(DataElement.objects.all())
    values = current_values(report)
    errors, warnings, empty = submission_problems(values, catalogue)
    if errors:
        by_field: dict[str, str] = {}
        for violation in errors:
            key = violation.first_code or violation.rule.code
            # Two rules may start with the same field: keep both messages.
            by_field[key] = " ".join(filter(None, [by_field.get(key), violation.describe()]))
        raise ReportRejected(by_field, violations=errors)
    comment = warnings_comment.strip()
    if (warnings or empty) and not comment:
        raise ReportRejected(
            {
                "warnings_comment": _(
                    "Explain the warnings or the empty fields in a comment before submitting."
                )
            },
            violations=warnings,
            empty=empty,
        )
    now = timezone.now()
    report.status = MonthlyReport.Status.SUBMITTED
    report.submitted_at = now
    report.first_submitted_at = report.first_submitted_at or now
    report.submitted_by = user
    report.warnings_comment = comment
    report.save()
    _audit(report, user, AuditEntry.Action.SUBMITTED, note=comment)
    _store_rule_warnings(report, warnings, comment)
    if empty:
        # The comment answers the empty fields; on a resubmission it replaces the old answer.
        report.findings.filter(kind=Finding.Kind.COMPLETENESS).update(
            state=Finding.State.EXPLAINED, comment=comment, responded_by=user, responded_at=now
        )
    transaction.on_commit(lambda: _queue_checks(report.pk))
    return report


def _store_rule_warnings(
    report: MonthlyReport, warnings: list[validation.Violation], comment: str
) -> None:
    Finding.objects.filter(report=report, kind=Finding.Kind.RULE_WARNING).exclude(
        element_code__in=[w.rule.code for w in warnings]
    ).delete()
    for warning in warnings:
        Finding.objects.update_or_create(
            report=report,
            kind=Finding.Kind.RULE_WARNING,
            element_code=warning.rule.code,
            defaults={
                "severity": Finding.Severity.WARNING,
                "params": {
                    "left": str(warning.left) if warning.left is not None else None,
                    "right": str(warning.right) if warning.right is not None else None,
                },
                "state": Finding.State.EXPLAINED,
                "comment": comment,
            },
        )


def _queue_checks(report_id: int) -> None:
    from asar.monitoring.tasks import run_report_checks

    run_report_checks.delay(report_id)


@transaction.atomic
def report_return(*, user: User, report: MonthlyReport, comment: str) -> MonthlyReport:
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_review(user, report):
        raise PermissionDenied
    if not comment.strip():
        raise ReportRejected({"comment": _("Say what needs correcting.")})
    report.status = MonthlyReport.Status.RETURNED
    report.review_comment = comment.strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.save()
    _audit(report, user, AuditEntry.Action.RETURNED, note=report.review_comment)
    return report


@transaction.atomic
def report_approve(*, user: User, report: MonthlyReport, comment: str = "") -> MonthlyReport:
    """Approve and lock the report. Critical findings must be answered first."""
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_review(user, report):
        raise PermissionDenied
    if report.findings.filter(
        severity=Finding.Severity.CRITICAL, state=Finding.State.OPEN
    ).exists():
        raise ReportRejected(
            {"": _("A critical finding is still open: return the report or wait for the answer.")}
        )
    report.status = MonthlyReport.Status.APPROVED
    report.review_comment = comment.strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.save()
    _audit(report, user, AuditEntry.Action.APPROVED, note=report.review_comment)
    return report


@transaction.atomic
def finding_respond(*, user: User, finding: Finding, state: str, comment: str) -> Finding:
    finding = Finding.objects.select_for_update().select_related("report").get(pk=finding.pk)
    if not permissions.can_respond(user, finding):
        raise PermissionDenied
    if state not in (Finding.State.EXPLAINED, Finding.State.CORRECTED):
        raise ReportRejected({"state": _("Choose “explained” or “corrected”.")})
    if not comment.strip():
        raise ReportRejected({"comment": _("Write a comment for the analyst.")})
    if finding.report.status == MonthlyReport.Status.APPROVED:
        raise ReportRejected({"": _("The report is approved and locked.")})
    old = finding.state
    finding.state = state
    finding.comment = comment.strip()
    finding.responded_by = user
    finding.responded_at = timezone.now()
    finding.save()
    _audit(
        finding.report,
        user,
        AuditEntry.Action.FINDING_RESPONDED,
        element_code=finding.element_code or finding.kind,
        old=old,
        new=state,
        note=finding.comment,
    )
    return finding


@transaction.atomic
def report_import(
    *,
    user: User | None,
    region: Region,
    year: int,
    month: int,
    values: Mapping[str, int | str | None],
    submitted_on: dt.date | None = None,
    approve: bool = False,
) -> MonthlyReport:
    """Store a historical report (already parsed and rule-checked by the caller) as received.

    A locked (approved) report is never overwritten by an import.
    """
    report, created = MonthlyReport.objects.select_for_update().get_or_create(
        region=region, year=year, month=month, defaults={"deadline": deadline_for(year, month)}
    )
    if report.status == MonthlyReport.Status.APPROVED:
        raise ReportRejected({"": _("The report is approved and locked.")})
    if created:
        _audit(report, user, AuditEntry.Action.IMPORTED)
    catalogue = {e.code: e for e in DataElement.objects.all()}
    _write_values(report, user, values, catalogue, "import")
    moment = (
        timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(12)))
        if submitted_on
        else timezone.now()
    )
    report.status = MonthlyReport.Status.APPROVED if approve else MonthlyReport.Status.SUBMITTED
    report.first_submitted_at = report.first_submitted_at or moment
    report.submitted_at = moment
    report.submitted_by = user
    report.save()
    _audit(report, user, AuditEntry.Action.SUBMITTED, source="import")
    return report


def checks_run(*, year: int | None = None, report_ids: list[int] | None = None) -> dict[str, int]:
    """Run the data-quality checks (idempotent); all received reports of ``year`` by default."""
    reports = MonthlyReport.objects.filter(status__in=MonthlyReport.RECEIVED)
    if report_ids is not None:
        reports = reports.filter(pk__in=report_ids)
    elif year is not None:
        reports = reports.filter(year=year)
    return quality.run_for_reports(list(reports.select_related("region")))
