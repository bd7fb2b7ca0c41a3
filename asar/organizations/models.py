"""Volunteer organisations and initiative groups, and who coordinates them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asar.lib.i18n import localized


class Organization(models.Model):
    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered organisation")
        INITIATIVE_GROUP = "initiative_group", _("Initiative group")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Not verified")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Verification refused")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    bin = models.CharField(
        _("BIN"),
        max_length=12,
        blank=True,
        null=True,
        unique=True,
        help_text=_("Business identification number; registered organisations only."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    home_region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        related_name="home_organizations",
        verbose_name=_("region of registration"),
    )
    regions = models.ManyToManyField(
        "geo.Region", related_name="organizations", verbose_name=_("regions of work")
    )
    directions = models.ManyToManyField(
        "geo.Direction", related_name="organizations", verbose_name=_("directions")
    )
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    verification = models.CharField(
        _("verification"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(null=True, blank=True, verbose_name=_("verified at"))
    verification_note = models.TextField(_("verification note"), blank=True)
    # When the owners were last told of a decision (the notice is sent once per decision).
    verification_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The coordinators' choice to show on the public page the hours their volunteers gave and
    # what that work is worth (the figures are computed by the reporting domain).
    value_public = models.BooleanField(
        _("value of the volunteers' work shown publicly"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["name_ru", "name_kk", "name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            # A registered organisation has a BIN; an initiative group has none.
            models.CheckConstraint(
                condition=(Q(kind="registered") & Q(bin__isnull=False) & ~Q(bin=""))
                | (Q(kind="initiative_group") & (Q(bin__isnull=True) | Q(bin=""))),
                name="organizations_bin_iff_registered",
            ),
            models.CheckConstraint(
                condition=~(Q(name_kk="") & Q(name_ru="") & Q(name_en="")),
                name="organizations_has_a_name",
            ),
        ]
        indexes = [models.Index(fields=["home_region", "verification"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED


class Membership(models.Model):
    """A user coordinating an organisation. Owners may also add other coordinators."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        COORDINATOR = "coordinator", _("Coordinator")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.COORDINATOR
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="organizations_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"
