from __future__ import annotations

from django.contrib import admin
from django.db import models

from asar.organizations.forms import HttpsURLField
from asar.organizations.models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "bin", "home_region", "city", "verification", "created_at"]
    list_filter = ["verification", "kind", "home_region"]
    search_fields = ["name_kk", "name_ru", "name_en", "bin", "city"]
    list_select_related = ["home_region"]
    autocomplete_fields = ["home_region", "verified_by"]
    filter_horizontal = ["regions", "directions"]
    readonly_fields = ["created_at"]
    inlines = [MembershipInline]
    # As on the organisation's own form: an address typed without a scheme is https://.
    formfield_overrides = {models.URLField: {"form_class": HttpsURLField}}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__name_kk", "organization__name_ru"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]
