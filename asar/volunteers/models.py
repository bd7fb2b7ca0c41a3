"""Volunteer profiles.

Privacy by design: the IIN is never stored — only a keyed hash (to refuse a second profile
for the same person) and its last four digits for the masked display. Health restrictions are
shown only to the coordinator selecting the volunteer for a position.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asar.geo.models import Employment, Gender, age_group_for
from asar.lib.i18n import localized


class Skill(models.Model):
    """Curated list of skills (first aid, driving licence, psychology, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Education(models.TextChoices):
    SECONDARY_INCOMPLETE = "secondary_incomplete", _("Incomplete secondary")
    SECONDARY = "secondary", _("Secondary")
    VOCATIONAL = "vocational", _("Vocational (college)")
    HIGHER_INCOMPLETE = "higher_incomplete", _("Incomplete higher")
    HIGHER = "higher", _("Higher")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")


class SpokenLanguage(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    OTHER = "other", _("Other")


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("user"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="volunteers", verbose_name=_("region")
    )
    settlement = models.CharField(_("city or village"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    employment = models.CharField(_("employment"), max_length=12, choices=Employment.choices)
    education = models.CharField(
        _("education"), max_length=24, choices=Education.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="volunteers", verbose_name=_("skills")
    )
    other_skills = models.CharField(_("other skills"), max_length=255, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week available"), default=0)
    availability = models.JSONField(_("when available"), default=list, blank=True)
    health_restrictions = models.TextField(
        _("health restrictions"),
        blank=True,
        help_text=_("Visible only to the coordinator who selects you for a position."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    iin_hash = models.CharField(max_length=64, blank=True, null=True, unique=True, editable=False)
    iin_last4 = models.CharField(max_length=4, blank=True, editable=False)
    guardian_consent = models.BooleanField(
        _("parent or guardian consent"),
        default=False,
        help_text=_("Required for volunteers under 18."),
    )
    personal_data_consent_at = models.DateTimeField(_("consent to personal-data processing"))
    passport_public = models.BooleanField(_("passport is public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("registered at"))

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [
            models.Index(fields=["region", "gender"]),
            models.Index(fields=["region", "employment"]),
            models.Index(fields=["birth_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__lte=168), name="volunteers_hours_per_week_lte_168"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def age_on(self, day: dt.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    @property
    def age(self) -> int:
        return self.age_on(dt.date.today())

    @property
    def age_group(self) -> str | None:
        return age_group_for(self.age)

    @property
    def is_minor(self) -> bool:
        return self.age < 18

    @property
    def iin_masked(self) -> str:
        return f"••••••••{self.iin_last4}" if self.iin_last4 else ""
