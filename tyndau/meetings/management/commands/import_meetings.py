import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tyndau.meetings.services import ImportFailed, meetings_import


class Command(BaseCommand):
    help = (
        "Import meetings with residents from a JSON list of objects (territory, kind, status, "
        "planned_on, held_on, place, broadcasts, participants, speakers, media, "
        "officials_present, questions). All-or-nothing: any bad object is reported with its "
        "index and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{file} is not valid JSON: {exc}") from exc
        try:
            result = meetings_import(data=data)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            bad = len({e.index for e in exc.errors})
            raise CommandError(f"{bad} bad object(s) in {file}; nothing was saved.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Meetings imported: {result.meetings}; questions: {result.questions}."
            )
        )
