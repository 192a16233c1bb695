"""Juries in the admin: read and search; changes go through the jury services (audited)."""

from django.contrib import admin

from tyndau.core.admin import ReadOnlyAdmin

from .models import Jury, Quota, Volunteer


@admin.register(Jury)
class JuryAdmin(ReadOnlyAdmin):
    list_display = ("question", "territory", "panel_size", "status", "starts_on")
    list_filter = ("status",)
    search_fields = ("question",)


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnlyAdmin):
    list_display = ("external_id", "jury", "village", "selected")
    list_filter = ("selected",)
    search_fields = ("external_id",)


@admin.register(Quota)
class QuotaAdmin(ReadOnlyAdmin):
    list_display = ("jury", "trait", "value")
