import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tyndau.jury.draw import verify


class Command(BaseCommand):
    help = (
        "Re-run a citizens' jury lottery and draw from its reproducibility record and say "
        "whether the recorded panel matches. Exit status 0 on a match, 1 otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--fingerprint", default="", help="The fingerprint published with the draw."
        )

    def handle(self, *args, file: Path, fingerprint: str, **options):
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(_("Cannot read the record: %(error)s") % {"error": error}) from error
        if not isinstance(record, dict):
            raise CommandError(_("Cannot read the record: not a JSON object"))
        check = verify(record)
        if fingerprint and fingerprint != record.get("fingerprint"):
            check.problems.append(_("the fingerprint differs from the published one"))
        if check.matches:
            self.stdout.write(
                _("MATCH: the panel %(panel)s follows from the inputs and seed %(seed)s.")
                % {"panel": " ".join(record["panel"]), "seed": record["seed"]}
            )
            self.stdout.write(_("fingerprint: %(f)s") % {"f": record["fingerprint"]})
            return
        self.stdout.write(_("NO MATCH:"))
        for problem in check.problems:
            self.stdout.write(f"- {problem}")
        raise CommandError(_("The record does not verify."), returncode=1)
