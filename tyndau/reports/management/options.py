"""What the report commands share in reading their options."""

import datetime as dt

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def date_option(value: str, name: str) -> dt.date:
    """The date given to the option ``name``, or a CommandError saying how to write it."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("Bad date for %(option)s: “%(value)s”; write it as YYYY-MM-DD.")
            % {"option": name, "value": value}
        ) from None
