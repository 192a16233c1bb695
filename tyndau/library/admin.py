from django.contrib import admin

from tyndau.core.admin import NoAddOrChange

from .models import Entry, Impression


@admin.register(Entry)
class EntryAdmin(NoAddOrChange, admin.ModelAdmin):
    """Read-only here: entries are published and edited on the staff pages (the services,
    which check the anonymiser and keep the search index)."""

    list_display = ("__str__", "topic", "office", "is_published", "published_at")
    list_filter = ("is_published", "topic")


@admin.register(Impression)
class ImpressionAdmin(NoAddOrChange, admin.ModelAdmin):
    """Counts of suggestions shown on the portal's appeal form (read-only)."""

    list_display = ("entry", "shown_at", "filed")
    list_filter = ("filed",)
