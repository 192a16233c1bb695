from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

from tyndau.territory.signals import subtree_moved, subtree_moving


def _reinstall_tally_triggers(using="default", **_kwargs):
    """SQLite rebuilds a table on many schema changes and drops its triggers with it: put
    the appeal and meeting tallies' triggers back after every migrate (idempotent), and if they were
    missing, recount the tally (appeals written meanwhile were not counted)."""
    from django.db import connections

    from . import meeting_tally
    from .tally import TABLE, install_triggers, rebuild, triggers_installed

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        missing = not triggers_installed(connection)
        install_triggers(connection)
        if missing:
            rebuild(connection)
    if meeting_tally.available(connection):
        missing = not meeting_tally.triggers_installed(connection)
        meeting_tally.install_triggers(connection)
        if missing:
            meeting_tally.rebuild(connection)


def _drop_tally_triggers_on_sqlite(using="default", plan=None, **_kwargs):
    """SQLite changes a table's schema by copying it, dropping the old one and renaming the
    copy; a trigger that names a table being rebuilt (the tallies read the territories and
    offices) then fails the migration with "no such table". So on SQLite, before a migrate
    that has work to do, the tallies' triggers come off; ``_reinstall_tally_triggers``
    puts them back after it and recounts."""
    from django.db import connections

    from . import meeting_tally, tally

    connection = connections[using]
    if not plan or connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in tally.TRIGGERS + meeting_tally.TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _before_move(territory_ids, **_kwargs):
    from .tally import follow_move

    follow_move(territory_ids=territory_ids, sign=-1)


def _after_move(territory_ids, **_kwargs):
    from .tally import follow_move

    follow_move(territory_ids=territory_ids, sign=1)


class ReportsConfig(AppConfig):
    name = "tyndau.reports"
    verbose_name = _("Reports")

    def ready(self):
        from tyndau.core.audit import track

        from .models import FormTopicMapping

        track(FormTopicMapping)
        from tyndau.appeals.bulk import around_bulk_insert
        from tyndau.appeals.models import Appeal

        from .tally import counted_after_insert

        around_bulk_insert(Appeal, counted_after_insert)
        pre_migrate.connect(_drop_tally_triggers_on_sqlite, sender=self)
        post_migrate.connect(_reinstall_tally_triggers, sender=self)
        subtree_moving.connect(_before_move, dispatch_uid="reports_tally_before_move")
        subtree_moved.connect(_after_move, dispatch_uid="reports_tally_after_move")
