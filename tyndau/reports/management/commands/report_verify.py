"""python manage.py report_verify [--form FORM] [--territory CODE|country] [--from DATE]
[--to DATE] [--scope own|subtree] [--rebuild]

Recomputes the maintained aggregates (of appeals, and of meetings and their questions)
and the report forms from the raw records and prints
every figure that differs; prints nothing else and exits 0 when all agree, exits 1 when
any differs."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tyndau.reports import meeting_tally, tally
from tyndau.reports.definitions import FORMS, SCOPES
from tyndau.reports.management.options import date_option
from tyndau.reports.services import ReportError, report_values, scope_of
from tyndau.territory.models import Territory


class Command(BaseCommand):
    help = "Check the maintained aggregates and the report forms against the raw records."

    def add_arguments(self, parser):
        parser.add_argument("--form", action="append", help="a form (default: every form)")
        parser.add_argument(
            "--territory",
            action="append",
            help="a territory code or “country” (default: the country and every oblast)",
        )
        parser.add_argument("--from", dest="date_from", help="YYYY-MM-DD (default: 1 January)")
        parser.add_argument("--to", dest="date_to", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--scope", choices=list(SCOPES), action="append")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="first recompute the whole tally from the raw records",
        )

    def handle(self, *args, **options):
        meetings = meeting_tally.available()
        if options["rebuild"]:
            tally.rebuild()
            if meetings:
                meeting_tally.rebuild()
        failures = 0
        for key, stored, actual in tally.differences():
            failures += 1
            self.stdout.write(
                _("tally %(key)s: stored %(stored)s, from the records %(actual)s")
                % {"key": "/".join(str(k) for k in key), "stored": stored, "actual": actual}
            )
        for key, stored, actual in meeting_tally.differences() if meetings else []:
            failures += 1
            # The counts: meetings or questions, then the sums of the meetings' fields.
            self.stdout.write(
                _("meeting tally %(key)s: stored %(stored)s, from the records %(actual)s")
                % {
                    "key": "/".join(str(k) for k in key),
                    "stored": " ".join(str(v) for v in stored),
                    "actual": " ".join(str(v) for v in actual),
                }
            )
        forms = options["form"] or list(FORMS)
        for form in forms:
            if form not in FORMS:
                raise CommandError(
                    _("Unknown report form “%(form)s”. Forms: %(forms)s.")
                    % {"form": form, "forms": ", ".join(FORMS)}
                )
        today = dt.date.today()
        start = date_option(options["date_from"], "--from") if options["date_from"] else None
        end = date_option(options["date_to"], "--to") if options["date_to"] else today
        start = start or dt.date(end.year, 1, 1)
        places = []
        for code in options["territory"] or ["country"] + list(
            Territory.objects.filter(parent=None).values_list("code", flat=True)
        ):
            if code == "country":
                places.append((code, None))
                continue
            place = Territory.objects.filter(code=code).first()
            if place is None:
                raise CommandError(_("No territory with code “%(code)s”.") % {"code": code})
            places.append((code, place))
        for form in forms:
            scopes = options["scope"] or [scope_of(form, None)]
            for code, place in places:
                for scope in scopes:
                    try:
                        asked = dict(
                            form=form, territory=place, date_from=start, date_to=end, scope=scope
                        )
                        served = report_values(**asked)
                        raw = report_values(**asked, raw=True)
                    except ReportError as error:
                        raise CommandError(str(error)) from error
                    for key in sorted(set(served) | set(raw)):
                        if served.get(key) != raw.get(key):
                            failures += 1
                            self.stdout.write(
                                _(
                                    "%(form)s %(territory)s %(scope)s %(start)s–%(end)s "
                                    "%(figure)s: served %(served)s, from the records %(raw)s"
                                )
                                % {
                                    "form": form,
                                    "territory": code,
                                    "scope": scope,
                                    "start": start.isoformat(),
                                    "end": end.isoformat(),
                                    "figure": key,
                                    "served": served.get(key),
                                    "raw": raw.get(key),
                                }
                            )
        if failures:
            raise SystemExit(1)
