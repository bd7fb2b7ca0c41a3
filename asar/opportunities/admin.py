from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from asar.opportunities.models import Agreement, Application, ApplicationEvent, Position, Project


@admin.display(description=_("title"))
def _title(obj: Project | Position) -> str:
    return obj.title


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = (_title, "organization", "direction", "created_at")
    list_filter = ("direction",)
    search_fields = ("title_kk", "title_ru", "title_en")
    raw_id_fields = ("organization",)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = (
        _title,
        "organization",
        "region",
        "status",
        "places",
        "places_taken",
        "start_date",
    )
    list_filter = ("status", "form", "direction", "region")
    search_fields = ("title_kk", "title_ru", "title_en")
    raw_id_fields = ("organization", "project", "coordinator")
    readonly_fields = ("places_taken",)


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor", "note", "created_at", "notified_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The volunteer's answers, shown read-only by their labels (the ``*_answer`` methods below).
QUESTIONNAIRE_FIELDS = (
    "motivation_answer",
    "quality_answer",
    "availability_answer",
    "residence_answer",
    "experience_answer",
    "activity_answer",
    "guardian_consent",
)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Status changes go through the workflow (pages/API), so places and history stay right.
    The questionnaire is the volunteer's own statement: shown read-only, each answer by its
    label in the reader's language (the stored codes mean nothing to a reader)."""

    list_display = ("id", "position", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("position", "volunteer")
    readonly_fields = (
        "status",
        "accepted_at",
        "offer_expires_at",
        "waitlisted_at",
        "offered_at",
        "completed_at",
        *QUESTIONNAIRE_FIELDS,
    )
    # Health restrictions are for the organisation's coordinators only.
    fieldsets = (
        (None, {"fields": ("position", "volunteer", "status", "rejection_reason")}),
        (
            _("Questionnaire"),
            {"fields": QUESTIONNAIRE_FIELDS},
        ),
        (
            _("Selection"),
            {
                "fields": (
                    "waitlisted_at",
                    "offered_at",
                    "offer_expires_at",
                    "accepted_at",
                    "completed_at",
                )
            },
        ),
    )
    inlines = [EventInline]

    # Read-only values are shown as returned (None would read "None"): "-" when unanswered.
    def _shown(self, text: str) -> str:
        return text or str(self.get_empty_value_display())

    @admin.display(description=_("motivation"))
    def motivation_answer(self, obj: Application) -> str:
        return self._shown(_answer(obj.motivation_labels, obj.motivation_other))

    @admin.display(description=_("qualities (self-rated 1–5)"))
    def quality_answer(self, obj: Application) -> str:
        # One quality a line (the admin turns line breaks into <br>).
        return self._shown("\n".join(f"{label}: {score}" for label, score in obj.quality_scores))

    @admin.display(description=_("availability"))
    def availability_answer(self, obj: Application) -> str:
        return self._shown(_answer(obj.availability_labels, obj.availability_other))

    @admin.display(description=_("how long you have lived in your settlement"))
    def residence_answer(self, obj: Application) -> str:
        return self._shown(str(obj.get_residence_display()) if obj.residence else "")

    @admin.display(description=_("kinds of experience"))
    def experience_answer(self, obj: Application) -> str:
        return self._shown(_answer(obj.experience_labels, obj.experience_with_people))

    @admin.display(description=_("preferred activities"))
    def activity_answer(self, obj: Application) -> str:
        return self._shown(_answer(obj.activity_labels, obj.activity_other))


def _answer(labels: list[str], other: str) -> str:
    """The chosen answers by label, then what the volunteer wrote in their own words."""
    text = "; ".join(labels)
    return f"{text} — {other}" if text and other else text or other


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("application", "language", "generated_at", "accepted_at")
    list_filter = ("language",)
    raw_id_fields = ("application",)

    def get_readonly_fields(self, request: HttpRequest, obj: Agreement | None = None) -> Any:
        # The hash and the acceptance are never typed in; an accepted text is frozen entirely.
        fixed = ("content_sha256", "generated_at", "accepted_at", "accepted_by")
        if obj is not None and obj.accepted_at is not None:
            return (*fixed, "application", "language", "text")
        return fixed

    def has_delete_permission(self, request: HttpRequest, obj: Agreement | None = None) -> bool:
        return obj is None or obj.accepted_at is None

    def save_model(self, request: HttpRequest, obj: Agreement, form: Any, change: bool) -> None:
        from asar.opportunities.services import sha256

        obj.content_sha256 = sha256(obj.text)
        super().save_model(request, obj, form, change)
