import sys
from pathlib import Path
from zipfile import BadZipFile

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils.exceptions import InvalidFileException

from tyndau.appeals.importing import IMPORT_COLUMNS, ImportFailed, appeals_import


class Command(BaseCommand):
    help = (
        "Import an existing register of appeals from a CSV or XLSX file with columns "
        + ",".join(IMPORT_COLUMNS)
        + ". Idempotent by number; all-or-nothing: every bad row is reported and nothing "
        "is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show a progress bar even when stderr is not a terminal.",
        )
        parser.add_argument(
            "--by", default="", help="Username of the staff member recorded as importer."
        )
        parser.add_argument(
            "--language", default="", help="Language of the messages: kk, ru or en."
        )

    def handle(self, *args, file: Path, progress: bool, by: str, language: str, **options):
        with translation.override(language or translation.get_language()):
            self._import(file, progress=progress, username=by)

    def _import(self, file: Path, *, progress: bool, username: str):
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("No user named %(name)s.") % {"name": username})
        if not file.exists():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        show = progress or sys.stderr.isatty()
        bars = {}

        def report(stage: str, done: int, total: int) -> None:
            if not show:
                return
            if stage not in bars:
                from tqdm import tqdm

                label = _("checking") if stage == "check" else _("saving")
                bars[stage] = tqdm(total=total, desc=label, unit=_("rows"), file=sys.stderr)
            bars[stage].update(done)

        try:
            result = appeals_import(path=file, by=user, progress=report)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            bad_rows = len({error.row for error in exc.errors})
            raise CommandError(
                ngettext(
                    "%(count)d bad row in %(file)s; nothing was saved.",
                    "%(count)d bad rows in %(file)s; nothing was saved.",
                    bad_rows,
                )
                % {"count": bad_rows, "file": file}
            ) from exc
        except (OSError, UnicodeDecodeError, BadZipFile, InvalidFileException) as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        finally:
            for bar in bars.values():
                bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Appeals imported: %(created)s new, %(updated)s updated, "
                    "%(unchanged)s unchanged, %(kept)s kept as worked on in Tyndau."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "kept": len(result.kept),
                }
            )
        )
