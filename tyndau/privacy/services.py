"""State changes of publications and the access log. Keyword-only, typed, atomic, audited."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.locking import update_versioned

from . import anonymiser
from .models import AccessRecord, Publication
from .places import place_names


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def publication_text_for(appeal, *, publication: Publication | None = None) -> str:
    """The anonymised text a clerk starts from (the applicant's name and private words
    hidden in any case; with consent to publish with the name, the name and the address
    stay)."""
    terms = publication.terms if publication else []
    names = [appeal.applicant_name] if appeal.applicant_name else []
    if appeal.publish_consent:
        return anonymiser.anonymise(
            appeal.text,
            names=names,
            private=terms,
            keep_names=names,
            keep_addresses=True,
            places=_places(appeal),
        )
    return anonymiser.anonymise(appeal.text, names=names, private=terms, places=_places(appeal))


def _places(appeal) -> frozenset[str]:
    """The office's own place names, which the anonymiser keeps («в Кенесе»)."""
    return place_names(appeal.office.territory)


def publication_create(
    *, appeal, private_terms: str = "", declined: bool = False, registering: bool = False
) -> Publication:
    """The publication of a new appeal: pending moderation (or private, if the applicant
    asked not to publish, or the appeal can never be public). ``registering``: the appeal
    is being registered in this transaction, so it has none yet (no look-up first)."""
    state = Publication.State.PENDING
    if declined or appeal.applicant_type == "anonymous" or appeal.crime_report:
        state = Publication.State.PRIVATE
    fields = {
        "state": state,
        "applicant_declined": declined,
        "private_terms": (private_terms or "").strip(),
    }
    if registering:
        return Publication.objects.create(appeal=appeal, **fields)
    publication, _created = Publication.objects.get_or_create(appeal=appeal, defaults=fields)
    return publication


def _save(publication: Publication, fields: dict, *, expected_version: int | None) -> None:
    before = update_versioned(
        publication,
        expected_version,
        message=_("Someone else has just moderated this appeal; reload the page and look again."),
        **fields,
    )
    # queryset updates bypass auditlog's signals: write the entry as auditlog would
    from auditlog.models import LogEntry

    LogEntry.objects.log_create(
        publication,
        action=LogEntry.Action.UPDATE,
        changes={k: [str(before[k]), str(v)] for k, v in fields.items()},
        force_log=True,
    )


@transaction.atomic
def publication_publish(
    *, publication: Publication, text: str, by, expected_version: int | None = None
) -> Publication:
    """Publish the appeal with ``text`` (the clerk's edit of the anonymised text). The text
    passes the anonymiser once more, so an IIN typed back in cannot leak."""
    if publication.applicant_declined:
        raise TransitionError(_("The applicant asked not to publish this appeal."))
    if publication.appeal.applicant_type == "anonymous" or publication.appeal.crime_report:
        raise TransitionError(_("Anonymous appeals and crime reports are never published."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("The public text is empty."), code="text")
    appeal = publication.appeal
    names = [appeal.applicant_name] if appeal.applicant_name else []
    keep = names if appeal.publish_consent else []
    clean = anonymiser.anonymise(
        text,
        names=names,
        private=publication.terms,
        keep_names=keep,
        keep_addresses=appeal.publish_consent,
        places=_places(appeal),
    )
    _save(
        publication,
        {
            "state": Publication.State.PUBLISHED,
            "public_text": clean,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
        expected_version=expected_version,
    )
    return publication


@transaction.atomic
def publication_keep_private(
    *, publication: Publication, by, expected_version: int | None = None
) -> Publication:
    _save(
        publication,
        {
            "state": Publication.State.PRIVATE,
            "public_text": "",
            "public_answer": "",
            "decided_by": by,
            "decided_at": timezone.now(),
        },
        expected_version=expected_version,
    )
    return publication


def publication_public_answer(*, publication: Publication) -> str:
    """The anonymised answer, made once per answer text and kept on the publication."""
    appeal = publication.appeal
    source = appeal.answer_text or ""
    digest = _digest(source, appeal.applicant_name, publication.private_terms)
    if publication.answer_digest != digest:
        names = [appeal.applicant_name] if appeal.applicant_name else []
        keep = names if appeal.publish_consent else []
        publication.public_answer = anonymiser.anonymise(
            source,
            names=names,
            private=publication.terms,
            keep_names=keep,
            places=_places(appeal),
        )
        publication.answer_digest = digest
        Publication.objects.filter(pk=publication.pk).update(
            public_answer=publication.public_answer, answer_digest=digest
        )
    return publication.public_answer


def access_record(*, user, appeal, channel: str, parts) -> AccessRecord | None:
    """Log that staff ``user`` opened ``parts`` of ``appeal``'s personal data."""
    from .policy import PERSONAL_PARTS

    shown = sorted(str(p) for p in parts if p in PERSONAL_PARTS)
    if not shown or not getattr(user, "is_authenticated", False):
        return None
    return AccessRecord.objects.create(user=user, appeal=appeal, channel=channel, parts=shown)


def access_record_many(*, user, channel: str, reads) -> int:
    """Log many reads at once (an API list): ``reads`` is [(appeal, parts), …]."""
    from .policy import PERSONAL_PARTS

    if not getattr(user, "is_authenticated", False):
        return 0
    records = [
        AccessRecord(
            user=user,
            appeal=appeal,
            channel=channel,
            parts=sorted(str(p) for p in parts if p in PERSONAL_PARTS),
        )
        for appeal, parts in reads
        if set(parts) & PERSONAL_PARTS
    ]
    if len(records) == 1:  # one appeal's page or answer: one INSERT, no transaction
        records[0].save()
    else:
        AccessRecord.objects.bulk_create(records)
    return len(records)


def access_log_purge(*, now: dt.datetime | None = None) -> int:
    """Delete access records older than ``TYNDAU_ACCESS_LOG_RETENTION_DAYS``."""
    days = getattr(settings, "TYNDAU_ACCESS_LOG_RETENTION_DAYS", 365)
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _ = AccessRecord.objects.filter(at__lt=cutoff).delete()
    return deleted
