from django.core.management.base import BaseCommand

from tyndau.core.demo import seed_demo


class Command(BaseCommand):
    help = "Load the demo district (Krasnoyarsk rural district, Kokshetau). Idempotent."

    def handle(self, *args, **options):
        from django.test.utils import override_settings

        # Demo appeals notify their (fictional) applicants: don't print those letters.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            seed_demo(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
