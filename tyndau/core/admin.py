from django.contrib import admin

from .models import CalendarOverride, FailedJob


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(FailedJob)
class FailedJobAdmin(admin.ModelAdmin):
    """Jobs that raised: retried by ``retry_failed_jobs``; an admin may set "next try at"
    to run one again after it was given up."""

    list_display = ["path", "attempts", "failed_at", "next_try_at", "done_at"]
    list_filter = ["path"]
    readonly_fields = ["path", "kwargs", "error", "attempts", "failed_at", "done_at"]
    date_hierarchy = "failed_at"


class ReadOnly:
    """Shown, never written in the admin: records that change only through their app's
    services (which check, number, audit and notify). An administrator may look, not
    edit, add or delete. Mix into a ModelAdmin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A ModelAdmin that only shows its records (see ``ReadOnly``)."""
