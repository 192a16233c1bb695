"""python manage.py seed_country [--appeals N] [--meetings N] [--seed S] [--scale F]
    [--reception-rate F]

A synthetic Kazakhstan for the country-scale benchmark (never run by make test)."""

from django.core.management.base import BaseCommand, CommandError

from tyndau.reports.country import seed_country


class Command(BaseCommand):
    help = "Load a synthetic Kazakhstan: 20 top territories, ~8,500 below, appeals, meetings."

    def add_arguments(self, parser):
        parser.add_argument("--appeals", type=int, default=10_000_000)
        parser.add_argument("--meetings", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--days", type=int, default=730, help="how many days back")
        parser.add_argument("--scale", type=float, default=1.0, help="shrink the tree (tests)")
        parser.add_argument(
            "--reception-rate", type=float, default=1.0,
            help="visits to the personal reception as a share of the national rate (1.0: "
            "the seed's 43 a year for each rural district akim, 5x for districts, 20x for "
            "oblasts; 0: none)",
        )  # fmt: skip

    def handle(self, *args, appeals, meetings, seed, days, scale, reception_rate, **options):
        if appeals < 0 or meetings < 0 or days < 1 or not 0 < scale <= 1 or reception_rate < 0:
            raise CommandError(
                "Counts and the reception rate must be ≥ 0, days ≥ 1 and 0 < scale ≤ 1."
            )
        try:
            made = seed_country(
                appeals=appeals, meetings=meetings, seed=seed, days=days, scale=scale,
                reception_rate=reception_rate, log=lambda line: self.stdout.write(line),
            )  # fmt: skip
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("loaded: " + ", ".join(f"{key} {value}" for key, value in made.items()))
