from django.contrib import admin

from .models import Problem, ProblemAppeal, TopicLabel, TopicModel


@admin.register(TopicModel)
class TopicModelAdmin(admin.ModelAdmin):
    list_display = ("version", "status", "trained_at", "score", "previous_score", "scored_on")
    readonly_fields = [f.name for f in TopicModel._meta.fields]

    def has_add_permission(self, request):
        return False  # versions come from `manage.py triage_retrain` or the periodic job


@admin.register(TopicLabel)
class TopicLabelAdmin(admin.ModelAdmin):
    list_display = ("appeal", "topic", "suggested_topic", "confidence", "accepted", "by", "at")
    list_filter = ("accepted",)
    raw_id_fields = ("appeal",)
    readonly_fields = [f.name for f in TopicLabel._meta.fields]

    def has_add_permission(self, request):
        return False


class ProblemAppealInline(admin.TabularInline):
    model = ProblemAppeal
    raw_id_fields = ("appeal",)
    readonly_fields = ("linked_by", "linked_at")
    extra = 0


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ("title", "office", "topic", "created_at")
    inlines = [ProblemAppealInline]
    readonly_fields = ("created_by", "created_at")


@admin.register(ProblemAppeal)
class ProblemAppealAdmin(admin.ModelAdmin):
    list_display = ("problem", "appeal", "linked_by", "linked_at")
    raw_id_fields = ("problem", "appeal")
    readonly_fields = ("linked_by", "linked_at")
