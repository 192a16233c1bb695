from django.contrib import admin

from .models import (
    Appeal,
    AppealCounter,
    AppealEvent,
    AppealFollow,
    Attachment,
    Rating,
    RiskRule,
    RiskSettings,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "name_kk", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]


class EventInline(admin.TabularInline):
    model = AppealEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "at", "actor", "note", "data"]

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    """Read-mostly: appeals change state through the staff pages (services), not here."""

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
    list_filter = ["status", "channel", "kind", "risk_band", "outcome", "topic"]
    search_fields = ["number", "text", "applicant_name"]
    date_hierarchy = "registered_on"
    raw_id_fields = ["executor", "previous", "registered_by", "applicant_user", "co_executors"]
    readonly_fields = [f.name for f in Appeal._meta.concrete_fields if f.name != "id"]
    inlines = [AttachmentInline, EventInline]
    list_select_related = ["office__territory", "topic"]


@admin.register(AppealEvent)
class AppealEventAdmin(admin.ModelAdmin):
    list_display = ["appeal", "kind", "at", "actor"]
    list_filter = ["kind"]
    raw_id_fields = ["appeal", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskRule)
class RiskRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "points", "threshold", "is_active"]
    list_editable = ["points", "threshold", "is_active"]


@admin.register(RiskSettings)
class RiskSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "yellow_from", "orange_from", "red_from"]


@admin.register(AppealFollow)
class AppealFollowAdmin(admin.ModelAdmin):
    """Read-only: residents follow and stop following on the portal (services)."""

    list_display = ["appeal", "user", "created_at"]
    raw_id_fields = ["appeal", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(AppealCounter)
admin.site.register(Attachment)
admin.site.register(Rating)
