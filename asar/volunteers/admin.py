from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from asar.volunteers.models import Skill, VolunteerProfile


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    # Health restrictions never appear in lists; the IIN is not stored, only its masked tail.
    list_display = [
        "full_name_display",
        "user",
        "region",
        "gender",
        "employment",
        "age_group_display",
    ]
    list_filter = ["region", "gender", "employment", "passport_public"]
    search_fields = ["last_name", "first_name", "user__email"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["user", "region"]
    filter_horizontal = ["skills"]
    readonly_fields = ["iin_display", "personal_data_consent_at", "created_at"]
    exclude = ["iin_hash", "iin_last4"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "user",
                    ("last_name", "first_name", "patronymic"),
                    ("region", "settlement"),
                    ("gender", "birth_date"),
                    "iin_display",
                    "phone",
                )
            },
        ),
        (
            _("Volunteering"),
            {
                "fields": (
                    ("employment", "education"),
                    "languages",
                    "skills",
                    "other_skills",
                    ("hours_per_week", "availability"),
                    "health_restrictions",
                )
            },
        ),
        (
            _("Consent and privacy"),
            {
                "fields": (
                    "guardian_consent",
                    "personal_data_consent_at",
                    "passport_public",
                    "created_at",
                )
            },
        ),
    )

    @admin.display(description=_("full name"), ordering="last_name")
    def full_name_display(self, obj: VolunteerProfile) -> str:
        return obj.full_name

    @admin.display(description=_("IIN"))
    def iin_display(self, obj: VolunteerProfile) -> str:
        return obj.iin_masked or "—"

    @admin.display(description=_("age group"))
    def age_group_display(self, obj: VolunteerProfile) -> str:
        return obj.age_group or "—"
