from django.contrib import admin

from tyndau.core.admin import ReadOnlyAdmin

from .models import AppealTally, FormTopicMapping, MeetingTally, TallyPause


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


@admin.register(MeetingTally)
class MeetingTallyAdmin(ReadOnlyAdmin):
    """Read-only: the meeting tally is written by database triggers; ``report_verify``
    checks it."""

    list_display = ["territory_id", "own", "grain", "day", "event", "kind", "level", "n"]
    list_filter = ["grain", "event", "own", "kind"]


@admin.register(TallyPause)
class TallyPauseAdmin(ReadOnlyAdmin):
    """Read-only and empty outside a bulk insert's transaction (``tally.counted_after_insert``):
    a row seen here would mean the appeal tally's insert trigger is paused."""
