from django.contrib import admin

from tyndau.core.admin import ReadOnly

from .models import (
    Appeal,
    AppealCounter,
    AppealEvent,
    AppealFollow,
    Attachment,
    Rating,
    RiskRule,
    RiskSettings,
    SavedInboxView,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "name_kk", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]


class EventInline(ReadOnly, admin.TabularInline):
    model = AppealEvent
    extra = 0
    readonly_fields = ["kind", "at", "actor", "note", "data"]


class AttachmentInline(ReadOnly, admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Appeal)
class AppealAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: appeals change through the staff pages and the API (the services)."""

    list_display = [
        "number",
        "office",
        "registered_on",
        "channel",
        "topic",
        "status",
        "outcome",
        "due_on",
        "risk_band",
    ]
    list_filter = [
        "status",
        "channel",
        "kind",
        "risk_band",
        "outcome",
        "special_control",
        "topic",
    ]
    search_fields = ["number", "text", "applicant_name"]
    date_hierarchy = "registered_on"
    readonly_fields = [
        *(f.name for f in Appeal._meta.concrete_fields if f.name != "id"),
        "co_executors",
    ]
    inlines = [AttachmentInline, EventInline]
    list_select_related = ["office__territory", "topic"]


@admin.register(AppealEvent)
class AppealEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["appeal", "kind", "at", "actor"]
    list_filter = ["kind"]


@admin.register(RiskRule)
class RiskRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "points", "threshold", "is_active"]
    list_editable = ["points", "threshold", "is_active"]


@admin.register(RiskSettings)
class RiskSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "yellow_from", "orange_from", "red_from"]


@admin.register(AppealCounter)
class AppealCounterAdmin(ReadOnly, admin.ModelAdmin):
    """The gap-free numbering of an office's year: moved only by registration."""

    list_display = ["office", "year", "last"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "appeal", "content_type", "size", "is_answer", "uploaded_at"]
    list_select_related = ["appeal"]


@admin.register(Rating)
class RatingAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["appeal", "score", "rated_at"]
    list_select_related = ["appeal"]


@admin.register(SavedInboxView)
class SavedInboxViewAdmin(admin.ModelAdmin):
    list_display = ["user", "query", "saved_at"]


@admin.register(AppealFollow)
class AppealFollowAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: residents follow and stop following on the portal (services)."""

    list_display = ["appeal", "user", "created_at"]
    raw_id_fields = ["appeal", "user"]
