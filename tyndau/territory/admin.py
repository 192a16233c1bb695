from django.contrib import admin

from .models import Membership, Office, ProfileFigure, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "name_kk", "level", "akim_level", "population"]
    list_filter = ["level", "akim_level"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    readonly_fields = ["akim_level", "path", "depth"]
    autocomplete_fields = ["parent"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "territory", "prefix", "phone"]
    search_fields = ["name_ru", "name_kk", "territory__name_ru", "territory__code"]
    autocomplete_fields = ["territory"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "office__name_ru"]
    autocomplete_fields = ["user", "office"]


@admin.register(ProfileFigure)
class ProfileFigureAdmin(admin.ModelAdmin):
    list_display = ["territory", "section", "label_ru", "value", "unit", "as_of"]
    list_filter = ["section"]
    search_fields = ["label_ru", "label_kk", "key"]
