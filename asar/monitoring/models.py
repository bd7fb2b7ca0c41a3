"""Regional front offices' monthly statistics, stored like DHIS2 aggregate data.

- ``DataElement``: the catalogue (code, labels kk/ru/en, group); see ``catalogue.py``.
- ``MonthlyReport``: one per region per month, with its workflow state.
- ``DataValue``: one figure of a report, keyed by element — rules, checks, templates and the
  audit trail are generic over elements.
- ``ValidationRule``: rules as data (left side, operator, right side, missing-value strategy).
- ``Finding``: a data-quality problem found by a check, with its follow-up.
- ``AuditEntry``: append-only trail of every change (a PostgreSQL trigger refuses UPDATE/DELETE).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from asar.lib.i18n import localized
from asar.monitoring import expressions


class MonitoringSettings(models.Model):
    """Thresholds and the deadline, editable by administrators (a single row, pk=1)."""

    deadline_day = models.PositiveSmallIntegerField(
        _("deadline: day of the following month"),
        default=5,
        help_text=_("A month's report is due on this day of the next month."),
    )
    outlier_threshold = models.DecimalField(
        _("outlier threshold (modified z-score)"), max_digits=4, decimal_places=2, default=3.5
    )
    min_history = models.PositiveSmallIntegerField(
        _("months of history needed for outlier checks"), default=6
    )
    near_identical_share = models.PositiveSmallIntegerField(
        _("near-identical report: share of equal fields, %"), default=90
    )
    stuck_run_months = models.PositiveSmallIntegerField(
        _("stuck series: months with the same value"), default=4
    )
    max_hours_per_volunteer = models.PositiveSmallIntegerField(
        _("plausible maximum of hours per volunteer per month"), default=120
    )
    growth_max_pct = models.PositiveSmallIntegerField(
        _("year-on-year growth above this is flagged, %"), default=50
    )
    decline_max_pct = models.PositiveSmallIntegerField(
        _("year-on-year decline above this is flagged, %"), default=50
    )
    per_capita_factor = models.DecimalField(
        _("volunteers per 1 000 inhabitants: flag beyond this factor of the median"),
        max_digits=4,
        decimal_places=1,
        default=2,
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_day__gte=1) & Q(deadline_day__lte=28),
                name="monitoring_settings_deadline_day_1_28",
            ),
            models.CheckConstraint(
                condition=Q(near_identical_share__gte=50) & Q(near_identical_share__lte=100),
                name="monitoring_settings_near_identical_50_100",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Monitoring settings"))

    @classmethod
    def current(cls) -> MonitoringSettings:
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class DataElement(models.Model):
    class Group(models.TextChoices):
        VOLUNTEERS = "volunteers", _("Volunteers")
        GENDER = "gender", _("By gender")
        AGE = "age", _("By age group")
        EMPLOYMENT = "employment", _("By employment")
        ORGANISATIONS = "organisations", _("Organisations")
        EVENTS_DIRECTION = "events_direction", _("Events by direction")
        EVENTS_FORM = "events_form", _("Events by form")
        ACTIVITY = "activity", _("Hours and positions")
        SUPPORT = "support", _("Support given by the front office")
        DEVELOPMENT = "development", _("Events to develop volunteering")
        NARRATIVE = "narrative", _("Notable cases")

    class ValueType(models.TextChoices):
        NUMBER = "number", _("Whole number")
        TEXT = "text", _("Text")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    label_kk = models.CharField(_("label (Kazakh)"), max_length=200)
    label_ru = models.CharField(_("label (Russian)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER
    )
    required = models.BooleanField(_("required"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    direction = models.ForeignKey(
        "geo.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direction"),
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def label(self) -> str:
        return localized(self, "label")

    @property
    def is_number(self) -> bool:
        return self.value_type == self.ValueType.NUMBER


def deadline_for(year: int, month: int, deadline_day: int | None = None) -> dt.date:
    """The due date of a month's report: ``deadline_day`` of the following month."""
    day = deadline_day or MonitoringSettings.current().deadline_day
    if month == 12:
        return dt.date(year + 1, 1, day)
    return dt.date(year, month + 1, day)


class MonthlyReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        APPROVED = "approved", _("Approved")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    RECEIVED = (Status.SUBMITTED, Status.APPROVED)

    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        related_name="monthly_reports",
        verbose_name=_("region"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    deadline = models.DateField(_("deadline"))
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    warnings_comment = models.TextField(_("comment on the warnings"), blank=True)
    review_comment = models.TextField(_("analyst's comment"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["-year", "-month", "region__name_en"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "month"], name="monitoring_one_report_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="monitoring_month_1_12"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2015) & Q(year__lte=2100), name="monitoring_year_range"
            ),
            # A received report always says when it was first submitted (timeliness uses it).
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | Q(first_submitted_at__isnull=False),
                name="monitoring_submitted_has_date",
            ),
        ]
        indexes = [models.Index(fields=["year", "month", "status"])]

    def __str__(self) -> str:
        return f"{self.region} {self.year}-{self.month:02d}"

    @property
    def period(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def days_in_month(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_received(self) -> bool:
        return self.status in self.RECEIVED

    @property
    def is_late(self) -> bool:
        """Submitted after the deadline, or still not submitted once it passed."""
        if self.first_submitted_at is not None:
            return timezone.localtime(self.first_submitted_at).date() > self.deadline
        return timezone.localdate() > self.deadline


class DataValue(models.Model):
    report = models.ForeignKey(
        MonthlyReport,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("monthly report"),
    )
    element = models.ForeignKey(
        DataElement, on_delete=models.PROTECT, related_name="values", verbose_name=_("data element")
    )
    number = models.BigIntegerField(pgettext_lazy("quantity", "number"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(fields=["report", "element"], name="monitoring_value_unique"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0),
                name="monitoring_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element.code}={self.display}"

    @property
    def display(self) -> str:
        return self.text if self.number is None else str(self.number)


class ValidationRule(models.Model):
    class Operator(models.TextChoices):
        EQ = "eq", "="
        NE = "ne", "≠"
        GT = "gt", ">"
        GE = "ge", "≥"
        LT = "lt", "<"
        LE = "le", "≤"
        COMPULSORY_PAIR = "compulsory_pair", _("compulsory pair")
        EXCLUSIVE_PAIR = "exclusive_pair", _("exclusive pair")

    class Missing(models.TextChoices):
        SKIP_IF_ANY = "skip_if_any_missing", _("Skip if any value is missing")
        SKIP_IF_ALL = "skip_if_all_missing", _("Skip if all values of a side are missing")
        NEVER_SKIP = "never_skip", _("Never skip (missing counts as 0)")

    class Importance(models.TextChoices):
        ERROR = "error", _("Error: blocks submission")
        WARNING = "warning", _("Warning: needs a comment")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    left = models.CharField(
        _("left side"),
        max_length=1000,
        help_text=_(
            "Sum of element codes with coefficients, e.g. volunteers_women + volunteers_men "
            "or volunteers_total * 744 (the codes are listed under “Data elements”)."
        ),
    )
    operator = models.CharField(
        _("operator"),
        max_length=16,
        choices=Operator.choices,
        help_text=_(
            "Compulsory pair: if either side has a value, the other must have one too. "
            "Exclusive pair: the two sides must not both have values. In pairs a zero counts "
            "as no value."
        ),
    )
    right = models.CharField(_("right side"), max_length=1000)
    missing_strategy = models.CharField(
        _("missing values"),
        max_length=20,
        choices=Missing.choices,
        default=Missing.SKIP_IF_ALL,
        help_text=_(
            "Applied to each side, as in DHIS2. “Any”: the rule is checked only when every "
            "field in it is filled in. “All of a side”: it is skipped while one side is "
            "entirely empty; otherwise empty fields count as 0. “Never”: empty fields count "
            "as 0."
        ),
    )
    importance = models.CharField(
        _("importance"), max_length=8, choices=Importance.choices, default=Importance.ERROR
    )
    message_kk = models.CharField(_("message (Kazakh)"), max_length=300)
    message_ru = models.CharField(_("message (Russian)"), max_length=300)
    message_en = models.CharField(_("message (English)"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return f"{self.left} {self.get_operator_display()} {self.right}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def message(self) -> str:
        return localized(self, "message")

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        known = set(DataElement.objects.filter(value_type="number").values_list("code", flat=True))
        for field in ("left", "right"):
            try:
                terms = expressions.parse(getattr(self, field))
            except expressions.ExpressionError as exc:
                errors[field] = _("Cannot read the expression: %(reason)s") % {"reason": exc}
                continue
            unknown = [c for c in expressions.codes(terms) if c not in known]
            if unknown:
                errors[field] = _("Unknown element codes: %(codes)s") % {
                    "codes": ", ".join(unknown)
                }
        if errors:
            raise ValidationError(errors)


class Finding(models.Model):
    class Kind(models.TextChoices):
        DUPLICATE_PERIOD = "duplicate_period", _("Copy of an earlier period")
        OUTLIER_HISTORY = "outlier_history", _("Outlier against the region's history")
        OUTLIER_REGIONS = "outlier_regions", _("Outlier against other regions")
        STUCK_SERIES = "stuck_series", _("Same value month after month")
        YOY_EQUAL = "yoy_equal", _("Exactly equal to the same month last year")
        HOURS_PER_VOLUNTEER = "hours_per_volunteer", _("Implausible hours per volunteer")
        PER_CAPITA = "per_capita", _("Volunteers per 1 000 inhabitants far from other regions")
        NO_POPULATION = "no_population", _("No population figure for the region")
        YOY_GROWTH = "yoy_growth", _("Year-on-year change beyond bounds")
        COMPLETENESS = "completeness", _("Fields left empty")
        SUPPORT_UNSPECIFIED = "support_unspecified", _("Type of support not specified")
        TIMELINESS = "timeliness", _("Submitted after the deadline")
        COVERAGE = "coverage", _("Fewer than the platform measured")
        RULE_WARNING = "rule_warning", _("Validation warning")

    class Severity(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        CRITICAL = "critical", _("Critical")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        EXPLAINED = "explained", _("Explained")
        CORRECTED = "corrected", _("Corrected")

    report = models.ForeignKey(
        MonthlyReport,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("monthly report"),
    )
    kind = models.CharField(_("check"), max_length=24, choices=Kind.choices)
    element_code = models.CharField(_("element"), max_length=60, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    params = models.JSONField(default=dict, blank=True, verbose_name=_("details"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    comment = models.TextField(_("operator's comment"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("answered at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["-report__year", "-report__month", "report__region__name_en", "kind"]
        verbose_name = _("data-quality finding")
        verbose_name_plural = _("data-quality findings")
        constraints = [
            # One finding per report, check and element: re-running checks updates it.
            models.UniqueConstraint(
                fields=["report", "kind", "element_code"], name="monitoring_finding_unique"
            ),
            models.CheckConstraint(
                condition=Q(state="open") | ~Q(comment=""),
                name="monitoring_finding_resolution_has_comment",
            ),
        ]
        indexes = [models.Index(fields=["state", "severity"])]

    def __str__(self) -> str:
        return f"{self.report} {self.kind} {self.element_code}"


class AuditEntry(models.Model):
    """Append-only: the application never updates or deletes a row (see save/delete and the
    PostgreSQL trigger in migration 0003)."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        VALUE_CHANGED = "value_changed", _("Value changed")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        APPROVED = "approved", _("Approved")
        IMPORTED = "imported", _("Imported")
        FINDING_RESPONDED = "finding_responded", _("Finding answered")

    # Where a change came from (``source``), as a person reads it.
    SOURCES = {
        "form": _("form"),
        "upload": _("Excel or CSV file"),
        "api": _("API"),
        "platform": _("platform figures"),
        "import": _("historical import"),
        "demo": _("demo data"),
    }

    report = models.ForeignKey(
        MonthlyReport,
        on_delete=models.PROTECT,
        related_name="audit_entries",
        verbose_name=_("monthly report"),
    )
    # No database constraint: deleting a user must not need to touch the audit table.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    element_code = models.CharField(_("element"), max_length=60, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    source = models.CharField(_("source"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.element_code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit entries cannot be deleted")

    @property
    def source_label(self) -> str:
        return str(self.SOURCES.get(self.source, self.source))
