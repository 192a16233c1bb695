import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from tyndau.core.backup import copy_database


class Command(BaseCommand):
    help = (
        "Move the office to another database (e.g. SQLite -> PostgreSQL): migrate the "
        "target first (DATABASE_URL=... manage.py migrate), stop writes, then "
        "copy_database --to postgres://...; every table's rows and checksum are compared."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="the target DATABASE_URL (migrated)")
        parser.add_argument("--database", default="default", help="the source alias")

    def handle(self, *args, to, database="default", **options):
        configured = connections.configure_settings(
            {"default": connections.databases["default"], "copy_target": dj_database_url.parse(to)}
        )
        connections.databases["copy_target"] = configured["copy_target"]
        try:
            problems = copy_database(source=database, target="copy_target")
        finally:
            connections["copy_target"].close()
        if problems:
            raise CommandError("The copy differs:\n" + "\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Copied; every table has the same rows and checksum."))
