from __future__ import annotations

from django.contrib import admin

from asar.reporting.models import NationalReport, SurveyEstimate, WageRate


@admin.register(WageRate)
class WageRateAdmin(admin.ModelAdmin):
    list_display = ("year", "region", "direction", "monthly_wage_kzt", "source")
    list_filter = ("year", "region")
    search_fields = ("source", "note")
    autocomplete_fields = ()
    list_select_related = ("region", "direction")


@admin.register(SurveyEstimate)
class SurveyEstimateAdmin(admin.ModelAdmin):
    list_display = ("year", "volunteers", "hours_per_volunteer_year", "source", "updated_at")
    readonly_fields = ("updated_by", "updated_at")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NationalReport)
class NationalReportAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "region",
        "language",
        "format",
        "status",
        "progress",
        "created_by",
        "created_at",
    )
    list_filter = ("status", "format", "language", "year")
    readonly_fields = [f.name for f in NationalReport._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # editions are generated, never typed in
