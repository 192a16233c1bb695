"""Model fields that several apps declare alike."""

from django.conf import settings
from django.db import models


def staff_link(verbose_name=None, *, related_name: str = "+") -> models.ForeignKey:
    """The user who did something (created, registered, decided, booked it): empty when
    not known, and emptied, not deleted with the record, when the account goes."""
    named = {} if verbose_name is None else {"verbose_name": verbose_name}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **named,
    )
