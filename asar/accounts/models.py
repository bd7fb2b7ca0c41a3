"""Users and their roles.

A person signs in with e-mail. Roles are grants, not flags, so one person can be a volunteer,
a coordinator of two organisations and a front-office operator of one region at once:
- volunteer: has a ``volunteers.VolunteerProfile``;
- organisation coordinator: ``organizations.Membership`` rows;
- front-office operator (one region), national analyst, help-line operator: ``RoleGrant`` rows;
- administrator: Django's ``is_superuser``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AsarUserManager(UserManager["User"]):
    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        email = self.normalize_email(email)
        extra.setdefault("username", email.lower())
        return super().create_user(email=email, password=password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("username", email.lower())
        return super().create_superuser(email=email, password=password, **extra)


class User(AbstractUser):
    class Language(models.TextChoices):
        KK = "kk", _("Kazakh")
        RU = "ru", _("Russian")
        EN = "en", _("English")

    email = models.EmailField(_("e-mail"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.KK
    )
    personal_data_consent_at = models.DateTimeField(
        _("consent to personal-data processing"),
        null=True,
        blank=True,
        help_text=_(
            "When the person agreed, on signing up, to the processing of their account data "
            "(name and e-mail). Empty for accounts made by an administrator."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["username"]

    objects: ClassVar[AsarUserManager] = AsarUserManager()

    # Not fields: what ``accounts.roles`` and ``organizations.permissions`` remember of this
    # user for the rest of the request, set on first use.
    _asar_role_grants: list[RoleGrant]
    _asar_org_ids: set[int]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Role(models.TextChoices):
    FRONT_OFFICE_OPERATOR = "front_office_operator", _("Regional front-office operator")
    NATIONAL_ANALYST = "national_analyst", _("National analyst")
    HELPLINE_OPERATOR = "helpline_operator", _("Help-line operator")


class RoleGrant(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        help_text=_("Required for front-office operators; empty for national roles."),
        verbose_name=_("region"),
    )
    granted_at = models.DateTimeField(auto_now_add=True, verbose_name=_("granted at"))

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="front_office_operator") & Q(region__isnull=False))
                | (~Q(role="front_office_operator") & Q(region__isnull=True)),
                name="accounts_rolegrant_region_iff_operator",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"], name="accounts_rolegrant_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(region__isnull=True),
                name="accounts_rolegrant_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}" + (
            f" ({self.region})" if self.region else ""
        )


class ApiToken(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_sha256 = models.CharField(max_length=64, unique=True, verbose_name=_("SHA-256 of the key"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} — {self.name}"
