"""Surveys are set up here: questions with their options, traits with theirs."""

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


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


class TraitInline(admin.TabularInline):
    model = Trait
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = (
        "title_ru",
        "territory",
        "opens_on",
        "closes_on",
        "is_anonymous",
        "is_published",
    )
    inlines = [TraitInline, QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text_ru", "survey", "kind", "order")
    list_filter = ("survey",)
    inlines = [ChoiceInline]


class TraitOptionInline(admin.TabularInline):
    model = TraitOption
    extra = 0


@admin.register(Trait)
class TraitAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "survey", "code")
    inlines = [TraitOptionInline]


class ReadOnly(admin.ModelAdmin):
    """Answers are recorded through the services only (one answer per respondent)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnly):
    list_display = ("__str__", "survey", "channel", "created_at")
    list_filter = ("survey", "channel")
    exclude = ("respondent_key",)


for model in (Choice, TraitOption, Answer, ResponseTrait, PhoneCode):
    admin.site.register(model, ReadOnly)
