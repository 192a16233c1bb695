from django.contrib import admin

from .models import FormTopicMapping


@admin.register(FormTopicMapping)
class FormTopicMappingAdmin(admin.ModelAdmin):
    list_display = ["form", "column", "topic"]
    list_filter = ["form", "column"]
    list_editable = ["column"]
    list_select_related = ["topic"]
    search_fields = ["column", "topic__code", "topic__name_ru", "topic__name_kk"]
