"""The gathering's record is written by its services (staff pages); the admin shows it."""

from django.contrib import admin

from tyndau.core.admin import ReadOnlyAdmin

from .models import AgendaItem, Attendance, Decision, Member, Session, Vote


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "village", "territory", "delegated_on", "left_on")
    search_fields = ("full_name",)


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("territory", "number", "held_on", "status")
    list_filter = ("status",)


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ("session", "number", "kind", "title_ru")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("agenda_item", "adopted", "present", "votes_for", "votes_against")


admin.site.register(Attendance, ReadOnlyAdmin)
admin.site.register(Vote, ReadOnlyAdmin)
