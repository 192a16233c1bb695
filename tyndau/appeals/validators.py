"""Kazakhstan's individual and business identification numbers (ИИН / БИН)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit_ok(number: str) -> bool:
    """The official check: weights 1..11 mod 11; if 10, weights 3..11,1,2 mod 11; if 10
    again the number is invalid; otherwise the result must equal the 12th digit."""
    if len(number) != 12 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    check = sum(d * w for d, w in zip(digits, _WEIGHTS_1, strict=False)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _WEIGHTS_2, strict=False)) % 11
        if check == 10:
            return False
    return check == digits[11]


def _validate_number(value: str, code: str, not_digits: str, bad_check: str) -> None:
    """An IIN and a BIN are both 12 digits with the same check digit (``code_format`` and
    ``code_check`` are the error codes)."""
    if not value or len(value) != 12 or not value.isdigit():
        raise ValidationError(not_digits, code=f"{code}_format")
    if not check_digit_ok(value):
        raise ValidationError(bad_check, code=f"{code}_check")


def validate_iin(value: str) -> None:
    _validate_number(
        value,
        "iin",
        _("An IIN is 12 digits."),
        _("This IIN is not valid: its check digit does not match. Please check the number."),
    )


def validate_bin(value: str) -> None:
    _validate_number(
        value,
        "bin",
        _("A BIN is 12 digits."),
        _("This BIN is not valid: its check digit does not match. Please check the number."),
    )


def validate_received_at(value) -> None:
    """When an appeal arrived: not in the future (five minutes of clock difference are
    allowed) and not more than TYNDAU_RECEIVED_AT_MAX_AGE_DAYS ago (the law wants an
    appeal registered the day it arrives; an older date is a typing error; registers of
    past years go through the importer)."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    if value is None:
        return
    now = timezone.now()
    if value > now + dt.timedelta(minutes=5):
        raise ValidationError(
            _("The date of receipt cannot be in the future."), code="received_in_future"
        )
    days = getattr(settings, "TYNDAU_RECEIVED_AT_MAX_AGE_DAYS", 366)
    if value < now - dt.timedelta(days=days):
        raise ValidationError(
            _("The date of receipt cannot be more than %(days)s days ago.") % {"days": days},
            code="received_too_old",
        )
