from django import forms
from django.contrib import admin

from tyndau.core.errors import DomainError

from . import services
from .models import Membership, Office, ProfileFigure, Street, Territory


class TerritoryAdminForm(forms.ModelForm):
    class Meta:
        model = Territory
        fields = [
            "code",
            "parent",
            "level",
            "name_ru",
            "name_kk",
            "name_en",
            "population",
            "latitude",
            "longitude",
        ]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        try:
            services.territory_move_check(territory=self.instance, parent=parent)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error
        return parent


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "name_kk", "level", "akim_level", "population"]
    list_filter = ["level", "akim_level"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    readonly_fields = ["akim_level", "path", "depth"]
    autocomplete_fields = ["parent"]
    form = TerritoryAdminForm

    def save_model(self, request, obj, form, change):
        # A new parent or code moves the whole subtree: the service re-paths it.
        services.territory_save(territory=obj)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "territory", "prefix", "phone", "answers_need_sign_off"]
    list_filter = ["answers_need_sign_off"]
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


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    """The office's street list: what the filing form's address search offers."""

    list_display = ["name_ru", "name_kk", "territory", "latitude", "longitude"]
    list_filter = ["territory"]
    search_fields = ["name_ru", "name_kk", "name_en"]
    autocomplete_fields = ["territory"]
