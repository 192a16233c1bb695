"""Publications and the access log in the admin: read and search only. Publishing goes
through the moderation queue (``tyndau.privacy.services``, audited); the access log is
written only by reads and purged only by its retention."""

from django.contrib import admin

from .models import AccessRecord, Publication


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(_ReadOnly):
    list_display = ("appeal", "state", "applicant_declined", "decided_by", "decided_at")
    list_filter = ("state", "applicant_declined")
    search_fields = ("appeal__number",)
    list_select_related = ("appeal", "decided_by")


@admin.register(AccessRecord)
class AccessRecordAdmin(_ReadOnly):
    list_display = ("at", "user", "appeal", "channel", "parts")
    list_filter = ("channel",)
    search_fields = ("appeal__number", "user__username", "user__last_name")
    list_select_related = ("appeal", "user")
    date_hierarchy = "at"
