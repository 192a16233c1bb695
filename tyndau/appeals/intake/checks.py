"""The checks every draft passes: choices, the topic, the applicant's identity, attachments."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.territory.models import Office, Territory

from ..models import ApplicantType, Channel, Kind, Language, Topic
from ..validators import validate_bin, validate_iin
from .draft import AppealDraft


@functools.cache
def _values_of(choices) -> frozenset:
    return frozenset(choices.values)


def choice_check(value: str, choices, label: str) -> str:
    if value not in _values_of(choices):
        raise DomainError(
            _("Unknown %(what)s: %(value)s") % {"what": label, "value": value}, code="choice"
        )
    return value


def resolve_topic(topic) -> Topic:
    if isinstance(topic, Topic):
        return topic
    try:
        return Topic.objects.get(code=topic)
    except Topic.DoesNotExist:
        raise DomainError(_("Unknown topic: %s") % topic, code="topic") from None


def check_draft(draft: AppealDraft, office: Office, territory: Territory) -> None:
    """The rules every appeal obeys, whichever way it came in (no writes)."""
    choice_check(draft.channel, Channel, _("channel"))
    choice_check(draft.applicant.type, ApplicantType, _("applicant type"))
    choice_check(draft.kind, Kind, _("kind of appeal"))
    choice_check(draft.language, Language, _("language"))
    if not (draft.text or "").strip():
        raise DomainError(_("The text of the appeal is empty."), code="text")
    if not territory.is_within(office.territory):
        raise DomainError(
            _("%(territory)s is not served by %(office)s.")
            % {"territory": territory.name, "office": office.name},
            code="territory",
        )
    if draft.signatories < 1:
        raise DomainError(_("An appeal has at least one signatory."), code="signatories")
    lat, lon = draft.place.latitude, draft.place.longitude
    if lat is not None and not -90 <= lat <= 90:
        raise DomainError(_("The latitude must be between -90 and 90."), code="latitude")
    if lon is not None and not -180 <= lon <= 180:
        raise DomainError(_("The longitude must be between -180 and 180."), code="longitude")
    applicant = draft.applicant
    try:
        if applicant.type == ApplicantType.INDIVIDUAL and applicant.iin:
            validate_iin(applicant.iin)
        if applicant.type == ApplicantType.LEGAL_ENTITY:
            # An old register's entry may lack the BIN (the import has no such column).
            if not applicant.bin and draft.entry is None:
                raise DomainError(_("A legal entity's appeal needs its BIN."), code="bin")
            if applicant.bin:
                validate_bin(applicant.bin)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "invalid") from exc


def checked_attachments(files: Iterable) -> list:
    """The files, each checked by content (images without their metadata): a file a form
    already checked is taken as it is."""
    from ..uploads import MAX_FILES, clean_upload

    files = [f for f in files if f]
    if len(files) > MAX_FILES:
        raise DomainError(_("Attach at most %(n)d files.") % {"n": MAX_FILES}, code="attachments")
    checked = []
    for upload in files:
        if getattr(upload, "tyndau_checked", False):
            checked.append(upload)
            continue
        try:
            checked.append(clean_upload(upload))
        except ValidationError as exc:
            raise DomainError(exc.messages[0], code="attachments") from exc
    return checked
