"""Reference data shared by every domain: regions, directions, priority programmes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from asar.lib.i18n import localized


class Region(models.Model):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("Region (oblast)")
        CITY = "city", _("City of republican significance")

    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=8, unique=True)
    former_iso_code = models.CharField(_("former ISO code"), max_length=8, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class RegionPopulation(models.Model):
    """Population on a date, per region; maintained by analysts (the source table is partial)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="populations", verbose_name=_("region")
    )
    date = models.DateField(_("date"))
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["region", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["region", "date"], name="geo_population_unique")
        ]
        verbose_name = _("region population")
        verbose_name_plural = _("region populations")

    def __str__(self) -> str:
        return f"{self.region} {self.date}: {self.population}"


class Direction(models.Model):
    """One of the 21 directions of volunteering of the national report."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("direction of volunteering")
        verbose_name_plural = _("directions of volunteering")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Programme(models.Model):
    """A BIRGEMIZ priority programme, covering one or more directions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    description_kk = models.TextField(_("description (Kazakh)"))
    description_ru = models.TextField(_("description (Russian)"))
    description_en = models.TextField(_("description (English)"))
    directions = models.ManyToManyField(
        Direction, related_name="programmes", verbose_name=_("directions")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("priority programme")
        verbose_name_plural = _("priority programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return localized(self, "description")


class ActivityForm(models.TextChoices):
    """Forms of volunteer activity (national report)."""

    OFFLINE = "offline", _("Offline")
    ONLINE = "online", _("Online")
    AUTO = "auto", _("Auto-volunteering (with a vehicle)")
    PRO_BONO = "pro_bono", _("Pro bono")


class AgeGroup(models.TextChoices):
    """Age groups used by the front offices' monthly statistics."""

    A14_15 = "14-15", "14–15"
    A16_18 = "16-18", "16–18"
    A19_29 = "19-29", "19–29"
    A30_35 = "30-35", "30–35"
    A36_59 = "36-59", "36–59"
    A60_PLUS = "60+", "60+"


AGE_GROUP_BOUNDS: tuple[tuple[str, int, int | None], ...] = (
    ("14-15", 14, 15),
    ("16-18", 16, 18),
    ("19-29", 19, 29),
    ("30-35", 30, 35),
    ("36-59", 36, 59),
    ("60+", 60, None),
)


def age_group_for(age: int) -> str | None:
    """Age group of a person of ``age`` full years; None under 14 (not a volunteer age)."""
    for code, low, high in AGE_GROUP_BOUNDS:
        if age >= low and (high is None or age <= high):
            return code
    return None


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Employment(models.TextChoices):
    SCHOOLCHILD = "schoolchild", _("Schoolchild")
    STUDENT = "student", _("Student")
    EMPLOYED = "employed", _("Employed")
    UNEMPLOYED = "unemployed", _("Unemployed")
    RETIRED = "retired", _("Retired")
    OTHER = "other", _("Other")
