"""The wage table behind the economic value of volunteer work, survey inputs for the maximum
scenario, and generated national reports kept as artefacts."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WageRate(models.Model):
    """Average monthly nominal wage (KZT) for a year — national (no region), regional, and
    optionally for the specialists of one direction (replacement cost of that kind of work)."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for the national average."),
    )
    direction = models.ForeignKey(
        "geo.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direction (specialist wage)"),
        help_text=_("Empty for the average over all kinds of work."),
    )
    monthly_wage_kzt = models.DecimalField(
        _("average monthly nominal wage, KZT"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(1)],
    )
    source = models.CharField(_("source"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "region__name_en", "direction__number"]
        verbose_name = _("wage rate")
        verbose_name_plural = _("wage rates")
        # One figure per year × region × direction; NULLs are not equal in SQL, so each
        # combination of "national"/"all directions" gets its own partial constraint.
        constraints = [
            models.UniqueConstraint(
                fields=["year", "region", "direction"],
                name="reporting_wage_unique_region_direction",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(region__isnull=True, direction__isnull=True),
                name="reporting_wage_unique_national",
            ),
            models.UniqueConstraint(
                fields=["year", "region"],
                condition=Q(direction__isnull=True),
                name="reporting_wage_unique_region",
            ),
            models.UniqueConstraint(
                fields=["year", "direction"],
                condition=Q(region__isnull=True),
                name="reporting_wage_unique_national_direction",
            ),
            models.CheckConstraint(
                condition=Q(monthly_wage_kzt__gt=0), name="reporting_wage_positive"
            ),
        ]

    def __str__(self) -> str:
        where = self.region.iso_code if self.region is not None else "KZ"
        what = f" / {self.direction.code}" if self.direction is not None else ""
        return f"{self.year} {where}{what}: {self.monthly_wage_kzt}"


class SurveyEstimate(models.Model):
    """Inputs of the maximum (survey-based) scenario: how many people volunteer and how many
    hours one of them gives in a year, e.g. from the national volunteer survey."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    volunteers = models.PositiveIntegerField(
        _("number of volunteers"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: the front offices' count of volunteers for the year is used, or, without "
            "it, the volunteers registered on the platform."
        ),
    )
    hours_per_volunteer_year = models.DecimalField(
        _("average hours per volunteer per year"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(8760)],
    )
    source = models.CharField(_("source"), max_length=255)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("survey estimate")
        verbose_name_plural = _("survey estimates")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_volunteer_year__gte=0)
                & Q(hours_per_volunteer_year__lte=8760),
                name="reporting_survey_hours_within_a_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.volunteers} × {self.hours_per_volunteer_year} h"


class NationalReport(models.Model):
    """One generated edition of the national analytical report (national or one region)."""

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for the national edition."),
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    checksum_sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    data = models.JSONField(_("data snapshot"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("national report")
        verbose_name_plural = _("national reports")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reporting_progress_pct"),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(checksum_sha256=""),
                name="reporting_done_has_checksum",
            ),
        ]
        indexes = [models.Index(fields=["region", "year"])]

    def __str__(self) -> str:
        where = self.region.iso_code if self.region is not None else "KZ"
        return f"{self.year} {where} {self.language} {self.format}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
