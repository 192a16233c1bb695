from django.core.management.base import BaseCommand

from tyndau.core.demo import seed_demo


class Command(BaseCommand):
    help = "Load the demo district (Krasnoyarsk rural district, Kokshetau). Idempotent."

    def handle(self, *args, **options):
        seed_demo(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
