from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from asar.monitoring.models import (
    AuditEntry,
    DataElement,
    DataValue,
    Finding,
    MonitoringSettings,
    MonthlyReport,
    ValidationRule,
)


@admin.register(MonitoringSettings)
class MonitoringSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not MonitoringSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataElement)
class DataElementAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "label_kk", "label_ru", "label_en", "value_type", "required")
    list_filter = ("group", "value_type", "required")
    search_fields = ("code", "label_kk", "label_ru", "label_en")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # Values, rules and templates refer to the code: fixed once the element exists.
        return ("code",) if obj is not None else ()


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "operator", "importance", "missing_strategy", "is_active")
    list_filter = ("importance", "operator", "is_active")
    search_fields = ("code", "name_kk", "name_ru", "name_en", "left", "right")


class DataValueInline(admin.TabularInline):
    model = DataValue
    extra = 0
    can_delete = False
    readonly_fields = ("element", "number", "text")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    """Read-only here: every change must go through the services, which write the audit trail."""

    list_display = ("region", "year", "month", "status", "deadline", "first_submitted_at")
    list_filter = ("status", "year", "region")
    inlines = [DataValueInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    """Read-only: the checks create and close findings, operators answer them in the
    application; a finding and its answer belong to the report's history."""

    list_display = ("report", "kind", "element_code", "severity", "state")
    list_filter = ("kind", "severity", "state", "report__year")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "actor_label",
        "report",
        "action",
        "element_code",
        "old_value",
        "new_value",
    )
    list_filter = ("action",)
    search_fields = ("actor_label", "element_code")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
