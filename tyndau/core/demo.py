"""The demo district, loaded by ``manage.py seed_demo``; every step is idempotent.

Apps add their own demo records by listing a function here in ``DEMO_STEPS``: each takes
no arguments and may print what it did through the ``log`` callable it receives.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils.module_loading import import_string

DEMO_STEPS = [
    "tyndau.territory.demo.seed_territories",
    "tyndau.territory.demo.seed_users",
    "tyndau.territory.demo.seed_profile",
    "tyndau.appeals.demo.seed_appeals",
    "tyndau.meetings.demo.seed_meetings",
    "tyndau.reports.demo.seed_report_demo",
    "tyndau.services.demo.seed_services",
    "tyndau.library.demo.seed_library",
    "tyndau.api.demo.seed_api_token",
]


def seed_demo(*, log: Callable[[str], None] = print) -> None:
    with transaction.atomic():
        for path in DEMO_STEPS:
            import_string(path)(log=log)
