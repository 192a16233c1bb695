"""Surveys in the admin, to look at only: they are set up in the staff editor
(/staff/surveys/), whose services refuse edits that would change what respondents answered."""

from django.contrib import admin

from .models import (
    Answer,
    Choice,
    PhoneCode,
    Question,
    Response,
    ResponseTrait,
    Survey,
    Trait,
    TraitOption,
)


class NoWrites:
    """Written through the services only (the editor; one answer per respondent)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnly(NoWrites, admin.ModelAdmin):
    pass


class QuestionInline(NoWrites, admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


class TraitInline(NoWrites, admin.TabularInline):
    model = Trait
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(ReadOnly):
    list_display = (
        "title_ru",
        "territory",
        "opens_on",
        "closes_on",
        "is_anonymous",
        "is_published",
    )
    inlines = [TraitInline, QuestionInline]


class ChoiceInline(NoWrites, admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(ReadOnly):
    list_display = ("text_ru", "survey", "kind", "order")
    list_filter = ("survey",)
    inlines = [ChoiceInline]


class TraitOptionInline(NoWrites, admin.TabularInline):
    model = TraitOption
    extra = 0


@admin.register(Trait)
class TraitAdmin(ReadOnly):
    list_display = ("name_ru", "survey", "code")
    inlines = [TraitOptionInline]


@admin.register(Response)
class ResponseAdmin(ReadOnly):
    list_display = ("__str__", "survey", "channel", "created_at")
    list_filter = ("survey", "channel")
    exclude = ("respondent_key",)


for model in (Choice, TraitOption, Answer, ResponseTrait, PhoneCode):
    admin.site.register(model, ReadOnly)
