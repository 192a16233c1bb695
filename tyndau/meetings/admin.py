from django.contrib import admin
from django.db import models

from .models import (
    Assignment,
    Meeting,
    MeetingPhoto,
    Question,
    ReceptionBooking,
    ReceptionQuestion,
    ReceptionSchedule,
    ReceptionSession,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["topic", "text", "repeated", "critical_of", "appeal"]
    raw_id_fields = ["appeal"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["planned_on", "held_on", "kind", "status", "territory", "place"]
    list_filter = ["kind", "status", "akim_level"]
    search_fields = ["place", "title", "territory__name_ru"]
    date_hierarchy = "planned_on"
    raw_id_fields = ["territory", "office", "created_by"]
    inlines = [QuestionInline]
    # A bare "example.kz" is https://, as in Django 6 (and without 5.2's deprecation warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["text", "executor", "due_on", "status", "done_on"]
    list_filter = ["status"]
    raw_id_fields = ["question", "executor", "office", "territory", "given_by"]


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(admin.ModelAdmin):
    list_display = ["office", "weekdays", "starts_at", "ends_at", "slot_minutes"]


@admin.register(ReceptionBooking)
class ReceptionBookingAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "office", "name", "status", "source"]
    list_filter = ["status", "source"]


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(admin.ModelAdmin):
    list_display = ["held_at", "office", "visitor_name"]


@admin.register(MeetingPhoto)
class MeetingPhotoAdmin(admin.ModelAdmin):
    list_display = ["meeting", "caption", "uploaded_at"]
    raw_id_fields = ["meeting"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "topic", "repeated", "critical_of", "meeting"]
    list_filter = ["repeated", "topic"]
    raw_id_fields = ["meeting", "appeal"]


@admin.register(ReceptionQuestion)
class ReceptionQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "topic", "session", "appeal"]
    raw_id_fields = ["session", "appeal"]
