from __future__ import annotations

from django.contrib import admin

from asar.geo.models import Direction, Programme, Region, RegionPopulation


class PopulationInline(admin.TabularInline):
    model = RegionPopulation
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["iso_code", "former_iso_code", "name_kk", "name_ru", "name_en", "kind"]
    search_fields = ["iso_code", "name_kk", "name_ru", "name_en"]
    inlines = [PopulationInline]


@admin.register(Direction)
class DirectionAdmin(admin.ModelAdmin):
    list_display = ["number", "code", "name_kk", "name_ru", "name_en"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["directions"]
