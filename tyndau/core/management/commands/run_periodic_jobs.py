import time

from django.core.management.base import BaseCommand

from tyndau.core.jobs import run_periodic_jobs


class Command(BaseCommand):
    help = "Run the periodic jobs (reminders, escalations) once, or every N minutes with --loop."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running")
        parser.add_argument("--every", type=int, default=15, help="minutes between runs")

    def handle(self, *args, loop=False, every=15, **options):
        while True:
            ran = run_periodic_jobs()
            self.stdout.write(f"ran {len(ran)} periodic job(s)")
            if not loop:
                return
            time.sleep(every * 60)
