"""``python manage.py suggest_topic < texts.txt``: one topic code per input line, in order."""

import sys

from django.core.management.base import BaseCommand

from tyndau.triage.selectors import topic_codes_for

BATCH = 2000


class Command(BaseCommand):
    help = (
        "Read appeal texts, one per line, on standard input; print the suggested topic code "
        "of each, one per line, in the same order (the model in use, loaded once)."
    )

    def handle(self, *args, **options):
        stdin = sys.stdin
        if hasattr(stdin, "reconfigure"):
            stdin.reconfigure(encoding="utf-8", errors="replace")
        out = self.stdout
        batch: list[str] = []
        for line in stdin:
            batch.append(line.rstrip("\r\n"))
            if len(batch) >= BATCH:
                self._write(batch, out)
                batch = []
        self._write(batch, out)

    def _write(self, batch, out):
        if not batch:
            return
        # An empty line still gets a code (the model's guess for no words), so the output
        # keeps one line per input line.
        for code in topic_codes_for(batch):
            out.write(code)
