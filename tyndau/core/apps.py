from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tyndau.core"
    verbose_name = _("Core")

    def ready(self):
        from . import security, signals  # noqa: F401  (security registers its checks)
        from .audit import track
        from .models import CalendarOverride

        track(CalendarOverride)

        # Pillow refuses pictures far above our pixel limit anywhere (meeting photos too).
        from django.conf import settings
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = getattr(
            settings, "TYNDAU_MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS
        )
