"""Model fields that several apps declare alike.

A link (``ForeignKey``) between records is declared with ``link``, ``optional_link`` or
``staff_link``, so that what it does when the linked record goes is said in one place:
a required or optional link protects the record it points to (``on_delete=PROTECT``)
unless its declaration says otherwise, and a link to a staff member is emptied with the
account. Each deconstructs to the plain ``ForeignKey`` it stands for, so migrations do
not see them.
"""

from django.conf import settings
from django.db import models


def link(to, verbose_name=None, *, related_name: str, on_delete=models.PROTECT, **options):
    """A required link to ``to``; the linked record cannot be deleted while this one points
    to it, unless ``on_delete`` says otherwise (``models.CASCADE`` for a part of it)."""
    if verbose_name is not None:
        options["verbose_name"] = verbose_name
    return models.ForeignKey(to, on_delete=on_delete, related_name=related_name, **options)


def optional_link(to, verbose_name=None, *, related_name: str, on_delete=models.PROTECT, **options):
    """A link that may be empty (in the database and in forms); otherwise as ``link``."""
    return link(
        to,
        verbose_name,
        related_name=related_name,
        on_delete=on_delete,
        null=True,
        blank=True,
        **options,
    )


def staff_link(verbose_name=None, *, related_name: str = "+") -> models.ForeignKey:
    """The user who did something (created, registered, decided, booked it): empty when
    not known, and emptied, not deleted with the record, when the account goes."""
    return optional_link(
        settings.AUTH_USER_MODEL,
        verbose_name,
        related_name=related_name,
        on_delete=models.SET_NULL,
    )
