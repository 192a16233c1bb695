from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tyndau.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from tyndau.core.audit import track

        from .models import User

        track(User, exclude_fields=["password", "last_login"])
