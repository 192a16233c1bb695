"""Surveys in the admin, to look at only: they are set up in the staff editor
(/staff/surveys/), whose services refuse edits that would change what respondents answered."""

from django.contrib import admin

from tyndau.core.admin import ReadOnly, ReadOnlyAdmin

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


class QuestionInline(ReadOnly, admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


class TraitInline(ReadOnly, admin.TabularInline):
    model = Trait
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = (
        "title_ru",
        "territory",
        "opens_on",
        "closes_on",
        "is_anonymous",
        "is_published",
    )
    inlines = [TraitInline, QuestionInline]


class ChoiceInline(ReadOnly, admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("text_ru", "survey", "kind", "order")
    list_filter = ("survey",)
    inlines = [ChoiceInline]


class TraitOptionInline(ReadOnly, admin.TabularInline):
    model = TraitOption
    extra = 0


@admin.register(Trait)
class TraitAdmin(ReadOnlyAdmin):
    list_display = ("name_ru", "survey", "code")
    inlines = [TraitOptionInline]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "survey", "channel", "created_at")
    list_filter = ("survey", "channel")
    exclude = ("respondent_key",)


for model in (Choice, TraitOption, Answer, ResponseTrait, PhoneCode):
    admin.site.register(model, ReadOnlyAdmin)
