from django.contrib import admin

from tyndau.core.admin import NoAddOrChange

from .models import Application, PublicService, QueueEntry, RefusalReason


class RefusalReasonInline(admin.TabularInline):
    model = RefusalReason
    extra = 0


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    """The term is changed on the staff page (``services:catalogue``), through the service
    that checks it and detects a concurrent change; here it is shown only."""

    list_display = ("code", "name_ru", "kind", "term_days", "fee", "is_active")
    list_editable = ("is_active",)

    def get_readonly_fields(self, request, obj=None):
        return ("term_days",) if obj is not None else ()

    inlines = [RefusalReasonInline]


@admin.register(Application)
class ApplicationAdmin(NoAddOrChange, admin.ModelAdmin):
    """Read-only: applications change only through the staff pages (the services)."""

    list_display = ("number", "service", "office", "status", "registered_on", "due_on")
    list_filter = ("status", "service")
    search_fields = ("number",)


@admin.register(QueueEntry)
class QueueEntryAdmin(NoAddOrChange, admin.ModelAdmin):
    list_display = ("number", "office", "purpose", "joined_on", "status")
    list_filter = ("purpose", "status")


@admin.register(RefusalReason)
class RefusalReasonAdmin(admin.ModelAdmin):
    list_display = ("service", "code", "name_ru", "order")
    list_filter = ("service",)
