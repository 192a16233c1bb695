"""``python manage.py anonymise``: texts on standard input, one a line, anonymised on
standard output, one a line, in order, by the very function the public pages use."""

import sys

from django.core.management.base import BaseCommand

from tyndau.appeals.selectors import anonymise
from tyndau.privacy import anonymiser


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = "Anonymise texts read one per line from standard input (the public pages' function)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", action="append", default=[], help="an applicant's name to hide in any case"
        )
        parser.add_argument(
            "--private", action="append", default=[], help="a word or phrase marked private"
        )

    def handle(self, *args, name, private, **options):
        anonymiser.warm_up()  # the models load once, before the first line
        stdin = options.get("stdin") or sys.stdin
        for line in stdin:
            self.stdout.write(anonymise(line.rstrip("\n"), names=name, private=private))
