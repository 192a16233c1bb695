from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CalendarOverride, Job


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"


class JobStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("failed", _("failed, to be tried again")),
            ("given_up", _("given up (waits for an administrator)")),
            ("done", _("succeeded after failing")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.failed().filter(next_try_at__isnull=False)
        if self.value() == "given_up":
            return queryset.given_up()
        if self.value() == "done":
            return queryset.filter(done_at__isnull=False)
        return queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs not yet delivered, and those that failed: run again by ``run_due_jobs``; an
    admin may set "next try at" to run one again after it was given up."""

    list_display = ["path", "created_at", "attempts", "failed_at", "next_try_at", "done_at"]
    list_filter = [JobStateFilter, "path"]
    readonly_fields = ["path", "kwargs", "created_at", "error", "attempts", "failed_at", "done_at"]
    date_hierarchy = "created_at"


class NoAddOrChange:
    """Shown, never added or changed in the admin: records that are written only through
    their app's services or pages; an administrator may look and delete. Mix into a
    ModelAdmin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnly(NoAddOrChange):
    """Shown, never written in the admin: records that change only through their app's
    services (which check, number, audit and notify). An administrator may look, not
    edit, add or delete. Mix into a ModelAdmin or an inline."""

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A ModelAdmin that only shows its records (see ``ReadOnly``)."""
