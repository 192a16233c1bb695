"""The batch form of registration: many appeals at once (an old register imported, the
demo's history), with the checks of :func:`.intake.appeal_register` and bulk writes.

Each draft is checked as :func:`~.intake.appeal_register` checks it: the office that
takes it (a draft no akimat serves is named, :class:`~.intake.NoServingOffice`), the
registrar's permission there, the rules every appeal obeys (:func:`~.intake.check_draft`),
the topic, a retried submission and the attachments; then it gets its street
(:mod:`.streets`), its first status and legal deadline
(:func:`~.numbering.status_and_due_on`), its number, repeats and its risk score. When any
draft is bad nothing is written, and :class:`BatchRefused` names every bad one by its line.

The writes are one transaction and in bulk (:mod:`.bulk`): the appeals, one timeline event
each, one audit entry each (the entry auditlog writes when an appeal is saved, see
:mod:`.audit_rows`), the counters, and one risk refresh of the offices (which also counts
the similar open appeals). Database triggers (the reports' tally) see every row.

A draft with a :class:`~.intake.RegisterEntry` keeps the number and the history its
register gives. The number is its key within the office: registered again, the entry
updates what an earlier import wrote (or leaves it alone when nothing changed), and an
appeal worked on in Tyndau since is kept as it is (``BatchResult.kept``). Entries are
history: no notice goes to their applicants. Drafts without an entry take the office's
next numbers, and their applicants get the notice of registration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError
from tyndau.core.tables import RowError
from tyndau.territory.models import Office

from .intake import (
    REGISTER_PERM,
    AppealDraft,
    NoServingOffice,
    RegistrationRefused,
    check_draft,
    checked_attachments,
    may_see_replay,
    office_for,
    stored_key,
)
from .intake_writes import (
    NUMBER_MAX_LENGTH,
    Batch,
    BatchRefused,
    BatchResult,
    Planned,
    Progress,
    batch_save,
)
from .models import (
    DECIDED_STATUSES,
    Appeal,
    ApplicantType,
    Topic,
)
from .numbering import status_and_due_on
from .risk import risk_config, risk_evaluate
from .streets import street_for

__all__ = ["BatchRefused", "BatchResult", "appeals_register_batch", "batch_check", "batch_save"]


class _Lookups:
    """What every draft needs, loaded once per batch."""

    def __init__(self, *, by, office: Office | None):
        self.by, self.office = by, office
        self.offices: dict[int, Office | DomainError] = {}
        self.allowed: dict[int, bool] = {}
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.rules, self.bands = risk_config()
        self.today = calendar.today()
        self.registration: dict[dt.datetime, dt.date] = {}
        self.deadlines: dict[tuple[dt.date, int], dt.date] = {}
        self.now = timezone.now()

    def office_of(self, draft: AppealDraft) -> Office:
        place = draft.place
        if place.office is not None or self.office is not None:
            return place.office or self.office
        if place.territory is None:
            return office_for(place=place, by=self.by)
        key = place.territory.pk
        if key not in self.offices:
            try:
                self.offices[key] = office_for(place=place, by=self.by)
            except NoServingOffice:
                self.offices[key] = DomainError(
                    _("no office serves territory %(code)s") % {"code": place.territory.code},
                    code="no_office",
                )
        found = self.offices[key]
        if isinstance(found, DomainError):
            raise found
        return found

    def may_register(self, office: Office) -> bool:
        if self.by is None:  # the operator's command line
            return True
        if office.pk not in self.allowed:
            self.allowed[office.pk] = self.by.has_perm(REGISTER_PERM, office)
        return self.allowed[office.pk]

    def topic(self, topic) -> Topic:
        if isinstance(topic, Topic):
            return topic
        if topic not in self.topics:
            raise DomainError(_("Unknown topic: %s") % topic, code="topic")
        return self.topics[topic]

    def registered_on(self, received_at: dt.datetime) -> dt.date:
        if received_at not in self.registration:
            self.registration[received_at] = calendar.registration_date(received_at)
        return self.registration[received_at]

    def due_on(self, registered_on: dt.date, days: int) -> dt.date:
        key = (registered_on, days)
        if key not in self.deadlines:
            self.deadlines[key] = calendar.add_working_days(registered_on, days)
        return self.deadlines[key]


def _values(draft: AppealDraft, *, office: Office, topic: Topic, lookups: _Lookups) -> dict:
    """The Appeal's fields of one checked draft (appeal_register's, plus its entry's)."""
    applicant, place, entry = draft.applicant, draft.place, draft.entry
    anonymous = applicant.type == ApplicantType.ANONYMOUS
    received_at = draft.received_at or lookups.now
    registered_on = lookups.registered_on(received_at)
    status, due_on = status_and_due_on(
        applicant_type=applicant.type,
        crime_report=draft.crime_report,
        kind=draft.kind,
        registered_on=registered_on,
        due_on=lookups.due_on,
    )
    by = lookups.by
    values = {
        "number": entry.number if entry else "",
        "office_id": office.pk,
        "territory_id": (place.territory or office.territory).pk,
        "received_at": received_at,
        "registered_on": registered_on,
        "channel": str(draft.channel),
        "applicant_type": str(applicant.type),
        "kind": str(draft.kind),
        "topic_id": topic.pk,
        "text": draft.text.strip(),
        "language": str(draft.language),
        "applicant_name": "" if anonymous else applicant.name.strip(),
        "iin": "" if anonymous else applicant.iin.strip(),
        "bin": "" if anonymous else applicant.bin.strip(),
        "phone": applicant.phone.strip(),
        "email": applicant.email.strip(),
        "address": place.address.strip(),
        "street": street_for(place),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "signatories": draft.signatories,
        "publish_consent": draft.publish_consent,
        "social_assistance_recipient": draft.social_assistance_recipient,
        "against_official": draft.against_official,
        "threat_to_life": draft.threat_to_life,
        "crime_report": draft.crime_report,
        "status": str(entry.status if entry else status),
        "due_on": due_on,
        "original_due_on": due_on,
        "registered_by_id": by.pk if by is not None else None,
        "applicant_user_id": getattr(applicant.account, "pk", None),
        "repeated": bool(entry and entry.repeated),
        "outcome": str(entry.outcome) if entry else "",
        "decided_on": entry.decided_on if entry else None,
        "redirected_to": entry.redirected_to if entry else "",
        "executor_id": getattr(entry and entry.executor, "pk", None),
        "answer_text": entry.answer_text if entry else "",
        "created_at": lookups.now,
        "updated_at": lookups.now,
    }
    return values


class _Probe(SimpleNamespace):
    """The attributes of an appeal that :func:`risk_evaluate` reads, without a model."""


def batch_check(
    drafts: Sequence[AppealDraft],
    *,
    by=None,
    office: Office | None = None,
    lines: Sequence[int] | None = None,
    source: str = "",
) -> Batch:
    """Check every draft and prepare its appeal; nothing is written.

    ``office`` registers the drafts whose place names none (else the office serving the
    territory); ``by`` needs the registering permission there (None: the operator's
    command line). ``lines`` names each draft in the errors (its row in a file; 1, 2, …
    by default); ``source`` is the file's name for the timeline.
    """
    lookups = _Lookups(by=by, office=office)
    with_lines = lines is not None
    lines = list(lines) if lines is not None else list(range(1, len(drafts) + 1))
    planned: list[Planned] = []
    errors: list[RowError] = []
    numbers: dict[tuple[int, str], int] = {}
    keys: dict[str, int] = {}
    for index, (draft, line) in enumerate(zip(drafts, lines, strict=True)):
        try:
            chosen = lookups.office_of(draft)
            if not lookups.may_register(chosen):
                raise RegistrationRefused(
                    _("You may not register appeals for this office."), code="permission"
                )
            check_draft(draft, chosen, draft.place.territory or chosen.territory)
            topic = lookups.topic(draft.topic)
            attachments = checked_attachments(draft.attachments) if draft.attachments else []
        except DomainError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        plan = Planned(index, line, draft, chosen, {}, topic, attachments)
        entry = draft.entry
        if entry is not None:
            reason = _number_problem(entry.number, numbers.get((chosen.pk, entry.number)))
            if reason:
                errors.append(RowError(line, reason))
                continue
            numbers[(chosen.pk, entry.number)] = line
        key = stored_key(draft, by)
        if key is not None:
            if key in keys:
                plan.same_as = keys[key]
            else:
                keys[key] = index
        plan.values = _values(draft, office=chosen, topic=topic, lookups=lookups)
        plan.values["client_key"] = key
        planned.append(plan)
    _replays(planned, keys, errors, by=by)
    _repeats(planned)
    for plan in planned:
        plan.values["risk_score"], plan.values["risk_band"], plan.values["risk_reasons"] = (
            risk_evaluate(
                _Probe(**plan.values, topic=plan.topic),
                rules=lookups.rules,
                bands=lookups.bands,
                today=lookups.today,
                similar=0,  # counted by the risk refresh after the save
            )
        )
    errors.sort(key=lambda e: e.row)
    return Batch(planned, errors, by, source, with_lines)


def _number_problem(number: str, first: int | None) -> str:
    if not number:
        return _("the number is empty")
    if len(number) > NUMBER_MAX_LENGTH:
        return _("the number %(number)s is longer than %(max)s characters") % {
            "number": number,
            "max": NUMBER_MAX_LENGTH,
        }
    if first is not None:
        return _("duplicate number %(number)s (first on row %(first)s)") % {
            "number": number,
            "first": first,
        }
    return ""


def _replays(planned: list[Planned], keys: dict[str, int], errors: list, *, by) -> None:
    """Drafts whose key an earlier submission used: their appeal, when the submitter may
    see it (as :func:`~.intake.appeal_replayed` decides)."""
    if not keys:
        return
    earlier = {a.client_key: a for a in Appeal.objects.filter(client_key__in=list(keys))}
    for plan in list(planned):
        found = earlier.get(plan.values["client_key"])
        if found is None:
            continue
        if not may_see_replay(found, draft=plan.draft, by=by):
            errors.append(
                RowError(
                    plan.line,
                    _("This submission was already sent, and you may not see the appeal it made."),
                )
            )
            planned.remove(plan)
        else:
            plan.earlier = found.pk


def _repeats(planned: list[Planned]) -> None:
    """Mark as repeated the drafts (without an entry) of an applicant whose earlier appeal
    on the same topic was decided (IIN, else BIN, else phone), as appeal_register does."""
    wanted: dict[str, set] = {"iin": set(), "bin": set(), "phone": set()}
    asking = []
    for plan in planned:
        v = plan.values
        if plan.draft.entry is not None or v["applicant_type"] == ApplicantType.ANONYMOUS:
            continue
        column = next((c for c in ("iin", "bin", "phone") if v[c]), None)
        if column:
            wanted[column].add(v[column])
            asking.append((plan, column))
    if not asking:
        return
    latest: dict[tuple[str, str, int], int] = {}
    for column, found in wanted.items():
        if not found:
            continue
        rows = (
            Appeal.objects.filter(
                **{f"{column}__in": found},
                status__in=DECIDED_STATUSES,
                decided_on__isnull=False,
            )
            .order_by("decided_on", "id")
            .values_list(column, "topic_id", "id")
        )
        for value, topic_id, pk in rows:
            latest[(column, value, topic_id)] = pk  # the last one wins
    for plan, column in asking:
        v = plan.values
        previous = latest.get((column, v[column], v["topic_id"]))
        if previous:
            v["repeated"], v["previous_id"] = True, previous


def appeals_register_batch(
    drafts: Sequence[AppealDraft],
    *,
    by=None,
    office: Office | None = None,
    lines: Sequence[int] | None = None,
    source: str = "",
    progress: Progress | None = None,
) -> BatchResult:
    """Register many appeals at once, all or nothing: :func:`batch_check`, then
    :func:`batch_save`. Raises :class:`BatchRefused` naming every bad draft."""
    return batch_save(
        batch_check(drafts, by=by, office=office, lines=lines, source=source), progress=progress
    )
