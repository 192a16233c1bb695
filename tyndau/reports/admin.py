from django.contrib import admin

from .models import AppealTally, FormTopicMapping


@admin.register(FormTopicMapping)
class FormTopicMappingAdmin(admin.ModelAdmin):
    list_display = ["form", "column", "topic"]
    list_filter = ["form", "column"]
    list_editable = ["column"]
    list_select_related = ["topic"]
    search_fields = ["column", "topic__code", "topic__name_ru", "topic__name_kk"]


@admin.register(AppealTally)
class AppealTallyAdmin(admin.ModelAdmin):
    """Read-only: the tally is written by database triggers; ``report_verify`` checks it."""

    list_display = ["territory_id", "own", "grain", "day", "event", "channel", "outcome", "n"]
    list_filter = ["grain", "event", "own"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
