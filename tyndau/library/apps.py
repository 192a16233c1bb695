from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "tyndau.library"
    label = "library"
    verbose_name = _("Answer library")

    def ready(self):
        from tyndau.core.audit import track

        from .models import Entry

        track(Entry, exclude_fields=["search_text"])
