"""The configuration of an app whose changes the audit log records."""

from importlib import import_module

from django.apps import AppConfig


class AuditedAppConfig(AppConfig):
    """When the app is ready: its ``rules`` module registers its permissions, and the
    audit log tracks each model named in ``audited`` (names separated by spaces;
    ``tyndau.core.audit.track``).

    An app's ``apps.py`` imports this module, not the class: Django takes the one
    ``AppConfig`` subclass the module holds as the app's configuration."""

    audited = ""

    def ready(self):
        from tyndau.core.audit import track

        import_module(f"{self.name}.rules")
        for name in self.audited.split():
            track(self.get_model(name))
