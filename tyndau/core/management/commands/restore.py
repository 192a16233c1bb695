from django.core.management.base import BaseCommand, CommandError

from tyndau.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup (manage.py backup) into an empty, migrated database and verify "
        "every table's row count and checksum and every attachment against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, archive, database="default", force=False, **options):
        try:
            manifest = backup_restore(archive_path=archive, using=database, force=force)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['media'])} attachments, all checksums equal."
            )
        )
