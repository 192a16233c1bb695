from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tyndau.core.demo import seed_demo

REFUSAL = (
    "seed_demo creates demo users with a published password (admin / tyndau-demo). "
    "It runs only with the laptop demo settings (TYNDAU_DEMO=1, as `make run` sets). "
    "This database is not a demo database: nothing was changed. "
    "To load the demo here anyway, run it again with --force."
)


class Command(BaseCommand):
    help = (
        "Load the demo district (Krasnoyarsk rural district, Kokshetau). Idempotent. "
        "Refuses with production settings unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="load the demo even though the settings are not the laptop demo's",
        )
        parser.add_argument(
            "--oblast",
            action="store_true",
            help=(
                "also load Akmola oblast: 3 cities, 17 districts, 240 lower akims, 54,490 "
                "appeals and 842 meetings reproducing the seed's oblast figures (once)"
            ),
        )

    def handle(self, *args, force: bool = False, oblast: bool = False, **options):
        from django.test.utils import override_settings
        from django.utils.module_loading import import_string

        if not (settings.TYNDAU_DEMO or force):
            raise CommandError(REFUSAL)
        # Demo appeals notify their (fictional) applicants: don't print those letters.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            seed_demo(log=self.stdout.write)
            if oblast:
                try:
                    import_string(settings.TYNDAU_DEMO_OBLAST)(log=self.stdout.write)
                except ValueError as error:
                    raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
