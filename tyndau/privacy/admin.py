"""Publications and the access log in the admin: read and search only. Publishing goes
through the moderation queue (``tyndau.privacy.services``, audited); the access log is
written only by reads and purged only by its retention."""

from django.contrib import admin

from tyndau.core.admin import ReadOnlyAdmin

from .models import AccessRecord, Publication


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("appeal", "state", "applicant_declined", "decided_by", "decided_at")
    list_filter = ("state", "applicant_declined")
    search_fields = ("appeal__number",)
    list_select_related = ("appeal", "decided_by")


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "appeal", "channel", "parts")
    list_filter = ("channel",)
    search_fields = ("appeal__number", "user__username", "user__last_name")
    list_select_related = ("appeal", "user")
    date_hierarchy = "at"
