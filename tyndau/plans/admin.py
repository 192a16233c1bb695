from django.contrib import admin

from tyndau.core.admin import NoAddOrChange, ReadOnlyAdmin

from .models import (
    FinancingLine,
    Follower,
    ItemStatus,
    Plan,
    PlanItem,
    PlanLink,
    PlanVersion,
    ProgressEntry,
    ProgressPhoto,
)

admin.site.register(ProgressPhoto, ReadOnlyAdmin)
admin.site.register(PlanLink, ReadOnlyAdmin)
admin.site.register(Follower, ReadOnlyAdmin)


@admin.register(ItemStatus)
class ItemStatusAdmin(admin.ModelAdmin):
    """The editable list of plan item statuses."""

    list_display = ("code", "name_ru", "name_kk", "name_en", "is_done", "order")
    list_editable = ("name_ru", "name_kk", "name_en", "is_done", "order")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title_ru", "territory", "first_year", "last_year")
    readonly_fields = ("version",)

    def has_add_permission(self, request):  # plans are created on the staff pages
        return False


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title_ru", "plan", "status", "progress", "due_on")
    list_filter = ("plan", "status")
    readonly_fields = [f.name for f in PlanItem._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(FinancingLine)
class FinancingLineAdmin(admin.ModelAdmin):
    list_display = ("item", "source", "year", "planned", "spent", "budget_programme_code")
    readonly_fields = [f.name for f in FinancingLine._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin):
    list_display = ("item", "on", "percent")
    readonly_fields = [f.name for f in ProgressEntry._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(NoAddOrChange, admin.ModelAdmin):
    list_display = ("plan", "number", "approved_on", "approved_by")
    readonly_fields = [f.name for f in PlanVersion._meta.fields] + ["snapshot"]
