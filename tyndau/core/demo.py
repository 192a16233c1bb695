"""The demo district, loaded by ``manage.py seed_demo``; every step is idempotent.

Apps add their own demo records by listing a function in ``settings.TYNDAU_DEMO_STEPS``
(core names no app above it): each takes only ``log``, a callable to print what it did.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string


def seed_demo(*, log: Callable[[str], None] = print) -> None:
    with transaction.atomic():
        for path in settings.TYNDAU_DEMO_STEPS:
            import_string(path)(log=log)
