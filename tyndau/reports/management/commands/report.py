"""python manage.py report FORM --territory CODE --from YYYY-MM-DD --to YYYY-MM-DD
[--scope own|subtree] --format json|csv|xlsx|pdf [--output FILE]"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tyndau.reports.definitions import FORMS, SCOPES
from tyndau.reports.exports import FORMATS, report_export
from tyndau.reports.management.options import date_option
from tyndau.reports.services import ReportError, report_build
from tyndau.territory.models import Territory


class Command(BaseCommand):
    help = "Build a report form for a territory and a period and export it."

    def add_arguments(self, parser):
        parser.add_argument("form", help="one of: " + ", ".join(FORMS))
        parser.add_argument("--territory", required=True, help="territory (KATO) code")
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument(
            "--scope",
            choices=list(SCOPES),
            help="own: the territory's own records; subtree: with everything below it "
            "(default: as the official form has it)",
        )
        parser.add_argument("--format", default="json", help="json, csv, xlsx or pdf")
        parser.add_argument("--output", help="file to write (JSON goes to stdout without it)")

    def handle(
        self, *args, form, territory, date_from, date_to, format, output, scope=None, **options
    ):
        if form not in FORMS:
            raise CommandError(
                _("Unknown report form “%(form)s”. Forms: %(forms)s.")
                % {"form": form, "forms": ", ".join(FORMS)}
            )
        if format not in FORMATS:
            raise CommandError(
                _("Unknown format “%(format)s”. Formats: %(formats)s.")
                % {"format": format, "formats": ", ".join(FORMATS)}
            )
        place = Territory.objects.filter(code=territory).first()
        if place is None:
            raise CommandError(_("No territory with code “%(code)s”.") % {"code": territory})
        start, end = date_option(date_from, "--from"), date_option(date_to, "--to")
        try:
            data = report_build(
                form=form, territory=place, date_from=start, date_to=end, scope=scope
            )
            content = report_export(form=form, data=data, fmt=format)
        except ReportError as error:
            raise CommandError(str(error)) from error
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            self.stderr.write(_("Written to %(file)s.") % {"file": output})
        elif format in ("json", "csv"):
            self.stdout.write(content.decode("utf-8"), ending="")
            if format == "json":
                self.stdout.write("")
        else:
            if sys.stdout.isatty():
                raise CommandError(_("Give --output FILE for a binary format."))
            sys.stdout.buffer.write(content)
