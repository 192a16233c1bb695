from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tyndau.territory.services import ImportFailed, territories_import


class Command(BaseCommand):
    help = (
        "Import territories from a CSV file with columns "
        "code,parent_code,level,name_ru,name_kk,name_en (and optionally population). "
        "Creates the office of every territory that has an akim. All-or-nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        try:
            result = territories_import(text=text)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} bad row(s) in {file}; nothing was saved."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Territories: {result.created} created, {result.updated} updated; "
                f"offices created: {result.offices_created}."
            )
        )
