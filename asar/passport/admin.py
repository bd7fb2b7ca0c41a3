from __future__ import annotations

from django.contrib import admin

from asar.passport.models import Award, Certificate, ReferenceLetter


@admin.register(ReferenceLetter)
class ReferenceLetterAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "organization", "position_title", "created_at")
    raw_id_fields = ("volunteer", "organization", "application")
    # The author is empty once that account is deleted (the letter keeps "signed by"): shown,
    # not asked for, or no correction of the letter could be saved.
    readonly_fields = ("author",)


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("title", "volunteer", "issuer", "awarded_on")
    raw_id_fields = ("volunteer", "created_by")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("id", "volunteer", "period_from", "period_to", "issued_at", "revoked_at")
    raw_id_fields = ("volunteer",)
    # Signed content is immutable: only revocation can be set here.
    readonly_fields = (
        "id",
        "volunteer",
        "language",
        "period_from",
        "period_to",
        "content",
        "signature",
        "key_id",
        "issued_at",
    )
