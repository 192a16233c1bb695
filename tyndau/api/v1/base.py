"""What every endpoint of the REST API shares."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from ..exceptions import DomainErrorsMixin
from ..pagination import Pagination


class ApiViewMixin(DomainErrorsMixin):
    pagination_class = Pagination


def expected_version(request, data: dict | None = None) -> int | None:
    """The version the client last read: an ``If-Match`` header (``"3"``, ``W/"3"`` or
    ``3``) or a ``version`` field of the body. ``None``: the client did not say."""
    raw = request.headers.get("If-Match")
    if raw:
        value = raw.strip()
        if value.startswith("W/"):
            value = value[2:]
        value = value.strip().strip('"')
        if not value.isdigit() or not value.isascii() or int(value) < 1:
            raise ValidationError(
                {"If-Match": [_('Send the version you read, for example If-Match: "3".')]}
            )
        return int(value)
    if data and data.get("version") is not None:
        return data["version"]
    return None


class VersionedInput(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version you read (or send an If-Match header); a stale one gets 409.",
    )


class IdFilter(django_filters.Filter):
    """An id in a filter: a whole number the database can hold (else a clear 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)
