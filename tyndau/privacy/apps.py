from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "tyndau.privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from tyndau.core.audit import track

        from . import places
        from .models import Publication

        places.connect_signals()

        track(Publication, exclude_fields=["version", "answer_digest", "public_answer"])
