"""The volunteer passport: reference letters, awards and signed certificates.

Hours themselves live in the ledger (asar.hours); a certificate freezes a signed snapshot of
them so that anyone can verify it later, online or offline.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]


class ReferenceLetter(models.Model):
    """The reference letter the volunteer agreement promises, written by a coordinator."""

    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="reference_letters",
        verbose_name=_("volunteer"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="reference_letters",
        verbose_name=_("organisation"),
    )
    application = models.OneToOneField(
        "opportunities.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reference_letter",
        verbose_name=_("application"),
    )
    # Snapshots: the letter stays readable if the position or the author changes later.
    position_title = models.CharField(_("position"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("signed by"), max_length=200)
    text = models.TextField(_("letter"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("written at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reference letter")
        verbose_name_plural = _("reference letters")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="passport_letter_has_text")
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.volunteer_id}"


class Award(models.Model):
    """A distinction (thank-you letter, badge, state award) recorded in the passport."""

    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="awards",
        verbose_name=_("volunteer"),
    )
    title = models.CharField(_("award"), max_length=200)
    issuer = models.CharField(_("awarded by"), max_length=200)
    awarded_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("awarded by"),
    )

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return self.title


class Certificate(models.Model):
    """A signed statement of confirmed hours for a period. ``content`` is exactly what was
    signed (canonical JSON of it); it is never edited — a wrong certificate is revoked."""

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("certificate number")
    )
    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("volunteer"),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    content = models.JSONField(verbose_name=_("signed content"))
    signature = models.CharField(max_length=120, verbose_name=_("signature"))
    key_id = models.CharField(max_length=16, verbose_name=_("signing key"))
    issued_at = models.DateTimeField(auto_now_add=True, verbose_name=_("issued at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")), name="passport_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="passport_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def document(self) -> dict[str, object]:
        """The signed document given to the holder (and checked by verify.py)."""
        return {
            "format": "asar-certificate/1",
            "algorithm": "Ed25519",
            "key_id": self.key_id,
            "certificate": self.content,
            "signature": self.signature,
        }
