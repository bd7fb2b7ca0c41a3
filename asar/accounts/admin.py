from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from asar.accounts.forms import RateLimitedAdminAuthenticationForm
from asar.accounts.models import ApiToken, RoleGrant, User

# The admin site's sign-in counts failures like the site's own (see accounts.throttle).
admin.site.login_form = RateLimitedAdminAuthenticationForm
admin.site.site_header = _("Asar back office")
admin.site.site_title = "Asar"
admin.site.index_title = _("Registry, selection and monitoring")


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["region"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "preferred_language",
        "consent",
        "is_staff",
        "is_active",
    ]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleGrantInline]
    fieldsets = (
        (None, {"fields": ("email", "username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (
            _("Important dates"),
            {"fields": ("last_login", "date_joined", "personal_data_consent_at")},
        ),
    )
    # Given by the person on signing up, never entered for them.
    readonly_fields = ["personal_data_consent_at"]

    @admin.display(description=_("consent"), ordering="personal_data_consent_at")
    def consent(self, obj: User) -> object:
        """When the person consented to the processing of their data (on signing up)."""
        return obj.personal_data_consent_at

    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "username", "password1", "password2")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at"]
    readonly_fields = ["key_sha256"]
    search_fields = ["user__email", "name"]
