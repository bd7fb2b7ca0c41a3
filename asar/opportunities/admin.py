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


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Status changes go through the workflow (pages/API), so places and history stay right."""

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
    )
    # Health restrictions and questionnaire answers are for the organisation's coordinators only.
    exclude = ("health_restrictions",)
    inlines = [EventInline]


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
