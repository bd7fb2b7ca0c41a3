from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from asar.reporting import services
from asar.reporting.models import NationalReport, SurveyEstimate, WageRate
from asar.reporting.wages import WageImportError, read_text

MAX_CSV_BYTES = 1_000_000


class WageImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: year, region_iso (KZ for the national average), period (only “year” rows "
            "are used), avg_monthly_nominal_wage_kzt, source, note and, optionally, "
            "direction_code for a specialist wage. Existing figures are updated; all rows are "
            "imported or none."
        ),
    )

    def clean_file(self) -> list[dict[str, str]]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return read_text(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Save the file as CSV in UTF-8.")) from exc
        except WageImportError as exc:
            raise forms.ValidationError(str(exc)) from exc


@admin.register(WageRate)
class WageRateAdmin(admin.ModelAdmin):
    list_display = ("year", "region", "direction", "monthly_wage_kzt", "source")
    list_filter = ("year", "region")
    search_fields = ("source", "note")
    autocomplete_fields = ()
    list_select_related = ("region", "direction")
    change_list_template = "admin/reporting/wagerate/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_csv),
                name="reporting_wagerate_import",
            ),
            *super().get_urls(),
        ]

    def import_csv(self, request: HttpRequest) -> HttpResponse:
        """Upload a CSV of wages: created or updated in one transaction, or nothing on error."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = WageImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = services.wages_import(rows=form.cleaned_data["file"])
            except WageImportError as exc:
                form.add_error("file", str(exc))
            else:
                self.message_user(
                    request,
                    gettext(
                        "%(created)s created, %(updated)s updated, %(skipped)s skipped (not yearly figures)."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "skipped": result.skipped,
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:reporting_wagerate_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Import wages from CSV"),
        }
        return TemplateResponse(request, "admin/reporting/wagerate/import.html", context)


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
