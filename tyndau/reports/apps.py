from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reinstall_tally_triggers(using="default", **_kwargs):
    """SQLite rebuilds a table on many schema changes and drops its triggers with it: put
    the appeal tally's triggers back after every migrate (idempotent), and if they were
    missing, recount the tally (appeals written meanwhile were not counted)."""
    from django.db import connections

    from .tally import TABLE, install_triggers, rebuild, triggers_installed

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        missing = not triggers_installed(connection)
        install_triggers(connection)
        if missing:
            rebuild(connection)


class ReportsConfig(AppConfig):
    name = "tyndau.reports"
    verbose_name = _("Reports")

    def ready(self):
        from tyndau.core.audit import track

        from .models import FormTopicMapping

        track(FormTopicMapping)
        post_migrate.connect(_reinstall_tally_triggers, sender=self)
