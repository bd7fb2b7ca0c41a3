from __future__ import annotations

from django.contrib import admin

from asar.hours.models import CheckIn, HourEntry, Reminder, Shift


@admin.register(HourEntry)
class HourEntryAdmin(admin.ModelAdmin):
    list_display = ("date", "volunteer", "organization", "minutes", "status", "source")
    list_filter = ("status", "source", "form", "region")
    date_hierarchy = "date"
    raw_id_fields = ("volunteer", "organization", "position", "reviewed_by")
    # The ledger is changed through its services (which keep the 24-hour totals right). Who
    # entered a line is its history, and empty once that account is deleted: shown, not asked.
    readonly_fields = ("minutes", "date", "volunteer", "status", "created_by")


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ("date", "starts_at", "ends_at", "ends_next_day", "position")
    raw_id_fields = ("position",)
    readonly_fields = ("created_by",)
    exclude = ("code",)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("shift", "volunteer", "checked_in_at", "checked_out_at")
    raw_id_fields = ("shift", "volunteer", "entry")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("kind", "key", "volunteer", "sent_at")
    list_filter = ("kind",)
    raw_id_fields = ("volunteer",)
