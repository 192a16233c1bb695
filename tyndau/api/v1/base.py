"""What every endpoint of the REST API shares."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError

from ..exceptions import DomainErrorsMixin
from ..pagination import Pagination

# The largest id the database holds (a bigint); a larger one names no row.
MAX_ID = 2**63 - 1


def in_languages() -> tuple[serializers.CharField, serializers.CharField, serializers.CharField]:
    """One text in Russian, Kazakh and English, as three plain text fields in that order:
    ``title_ru, title_kk, title_en = in_languages()``."""
    return serializers.CharField(), serializers.CharField(), serializers.CharField()


class ApiViewMixin(DomainErrorsMixin):
    pagination_class = Pagination


class ReadOnlyViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """An endpoint that lists rows and gives them one by one, and changes nothing."""


class ById:
    """Mixed into a viewset whose rows are found by id: ``get_object()`` is the row of
    ``get_queryset()`` with the id in the URL (the list's filters do not apply), else 404,
    also for an id the database cannot hold and, with ``view_permission``, for a row the
    user may not view (so that its existence does not leak)."""

    lookup_value_regex = r"[0-9]+"
    view_permission: str | None = None

    def get_object(self):
        pk = int(self.kwargs["pk"])
        row = self.get_queryset().filter(pk=pk).first() if pk <= MAX_ID else None
        if row is None or (
            self.view_permission and not self.request.user.has_perm(self.view_permission, row)
        ):
            raise NotFound()
        return row


class PreconditionRequired(APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = gettext_lazy(
        'Say which version you read: send an If-Match header (the ETag, e.g. If-Match: "3") '
        "or a version field, so that a change made meanwhile is not overwritten."
    )


def expected_version(request, data: dict | None = None, *, required: bool = True) -> int | None:
    """The version the client last read: an ``If-Match`` header (``"3"``, ``W/"3"`` or
    ``3``) or a ``version`` field of the body. Without either: 428 Precondition Required
    (a change must never silently overwrite a concurrent one), or ``None`` when not
    ``required``."""
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
    if required:
        raise PreconditionRequired()
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
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class TerritoryFilter(django_filters.CharFilter):
    """A territory by its KATO code: the rows within it (it and everything below it, the
    queryset's ``within``); a code no territory has matches nothing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "KATO code: this territory and all below it.")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        from tyndau.territory.models import Territory

        territory = Territory.objects.filter(code=value).first()
        return qs.none() if territory is None else qs.within(territory)
