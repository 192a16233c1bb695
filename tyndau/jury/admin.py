"""Juries in the admin: read and search; changes go through the jury services (audited)."""

from django.contrib import admin

from .models import Jury, Quota, Volunteer


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Jury)
class JuryAdmin(_ReadOnly):
    list_display = ("question", "territory", "panel_size", "status", "starts_on")
    list_filter = ("status",)
    search_fields = ("question",)


@admin.register(Volunteer)
class VolunteerAdmin(_ReadOnly):
    list_display = ("external_id", "jury", "village", "selected")
    list_filter = ("selected",)
    search_fields = ("external_id",)


@admin.register(Quota)
class QuotaAdmin(_ReadOnly):
    list_display = ("jury", "trait", "value")
