from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tyndau.core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals  # noqa: F401
        from .audit import track
        from .models import CalendarOverride

        track(CalendarOverride)
        _admin_urls_assume_https()


def _admin_urls_assume_https() -> None:
    """Every admin's URL fields read a bare "example.kz" as https://, as Django 6 will (and
    without the deprecation warning Django 5.2 gives when the scheme is not said)."""
    from django.contrib.admin import options
    from django.db import models

    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.URLField] = {
        **options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.URLField],
        "assume_scheme": "https",
    }
