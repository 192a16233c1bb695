from django.core.management.base import BaseCommand, CommandError

from tyndau.core.backup import BackupError, backup_create, backup_rotate


class Command(BaseCommand):
    help = (
        "Back up the database and the attachments into one .tar.gz with a manifest of row "
        "counts and checksums (SQLite: online backup API, safe while serving; PostgreSQL: "
        "pg_dump). With --dir and --keep: a scheduled backup that keeps the newest N."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the archive to write (e.g. backup.tar.gz)")
        parser.add_argument("--dir", help="write tyndau-YYYYmmdd-HHMMSS.tar.gz into this folder")
        parser.add_argument("--keep", type=int, default=14, help="with --dir: archives to keep")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output=None, dir=None, keep=14, database="default", **options):
        if bool(output) == bool(dir):
            raise CommandError("Give either --output FILE or --dir FOLDER.")
        try:
            if dir:
                output = backup_rotate(directory=dir, keep=keep, using=database)
                manifest = None
            else:
                manifest = backup_create(output=output, using=database)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if manifest is not None:
            rows = sum(t["rows"] for t in manifest["tables"].values())
            self.stdout.write(
                f"{output}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['media'])} attachments ({manifest['engine']})."
            )
        else:
            self.stdout.write(f"{output} written.")
