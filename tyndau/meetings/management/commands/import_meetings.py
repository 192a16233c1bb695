from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tyndau.meetings.services import ImportFailed, meetings_import, meetings_read


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
            # read one object at a time: a file past the row limit stops at once
            result = meetings_import(data=meetings_read(file))
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            if len(exc.errors) == 1:  # the file itself (not JSON, too long) or one object
                raise CommandError(f"{file}: {exc.errors[0]}; nothing was saved.") from exc
            bad = len({e.index for e in exc.errors})
            raise CommandError(f"{bad} bad object(s) in {file}; nothing was saved.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Meetings imported: {result.meetings}; questions: {result.questions}."
            )
        )
