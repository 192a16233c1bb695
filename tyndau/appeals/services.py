"""State changes of appeals after registration (which is ``intake.appeal_register``).
Nothing else writes an Appeal.

Lifecycle (АППК): registered → in progress (executor assigned) → (extended) → answered with
an outcome, or redirected to the competent body → closed. Anonymous appeals are registered
but not considered, unless they report a crime or a threat to security: those are flagged
for immediate redirect. Every step is one transaction, writes an AppealEvent (the
timeline) and is recorded by the audit log; concurrent edits are refused (``version``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.jobs import enqueue
from tyndau.core.locking import update_versioned
from tyndau.territory.models import Office, Role

from . import intake, lifecycle
from .intake import choice_check, resolve_topic
from .models import (
    OPEN_STATUSES,
    Appeal,
    AppealEvent,
    AppealFollow,
    Attachment,
    Channel,
    Kind,
    Language,
    Outcome,
    Rating,
    Status,
)
from .risk import risk_changed_open, risk_evaluate

REDIRECT_TERM_DAYS = 3
NOTIFY_EXTENSION_DAYS = 3
MAX_EXTENSION_MONTHS = 2
EXECUTOR_ROLES = {Role.EXECUTOR, Role.DEPUTY, Role.AKIM}


# --- helpers ------------------------------------------------------------------------------


def _event(appeal: Appeal, kind: str, *, actor=None, note: str = "", **data) -> AppealEvent:
    return AppealEvent.objects.create(appeal=appeal, kind=kind, actor=actor, note=note, data=data)


def _save(appeal: Appeal, fields: dict, *, expected_version: int | None) -> Appeal:
    """Write ``fields`` if nobody changed the appeal since it was read; bump the version."""
    before = update_versioned(
        appeal,
        expected_version,
        message=_(
            "Appeal %(number)s was changed by someone else while you were working on it. "
            "Reload the page to see the changes, then try again."
        )
        % {"number": appeal.number},
        updated_at=timezone.now(),
        **fields,
    )
    _log_audit(appeal, before, fields)
    return appeal


def _log_audit(appeal: Appeal, before: dict, after: dict) -> None:
    """Queryset updates bypass model signals: write the audit entry ourselves, with the
    values as auditlog writes them (strings; "None" for none, which its display of date
    fields expects)."""
    from auditlog.models import LogEntry

    changes = {key: [str(before[key]), str(value)] for key, value in after.items()}
    LogEntry.objects.log_create(
        appeal, action=LogEntry.Action.UPDATE, changes=changes, force_log=True
    )


def _lock(appeal: Appeal, expected_version: int | None = None) -> Appeal:
    """Re-read the appeal inside the transaction, keeping the version the caller saw."""
    seen_version = appeal.version if expected_version is None else expected_version
    fresh = (
        Appeal.objects.select_for_update()
        .select_related("office__territory", "topic")
        .get(pk=appeal.pk)
    )
    fresh._seen_version = seen_version
    return fresh


def _refresh_risk(appeal: Appeal) -> None:
    score, band, reasons = risk_evaluate(appeal)
    Appeal.objects.filter(pk=appeal.pk).update(
        risk_score=score, risk_band=band, risk_reasons=reasons
    )
    appeal.risk_score, appeal.risk_band, appeal.risk_reasons = score, band, reasons


def attachment_add(*, appeal: Appeal, file, by=None, is_answer: bool = False) -> Attachment:
    return Attachment.objects.create(
        appeal=appeal,
        file=file,
        name=getattr(file, "name", "file")[:255],
        content_type=getattr(file, "content_type", "") or "application/octet-stream",
        size=getattr(file, "size", 0) or 0,
        is_answer=is_answer,
        uploaded_by=by,
    )


# --- lifecycle --------------------------------------------------------------------------


def _is_executor_of(user, office: Office) -> bool:
    from tyndau.territory.models import Membership

    return Membership.objects.filter(user=user, office=office, role__in=EXECUTOR_ROLES).exists()


@transaction.atomic
def appeal_assign(
    *, appeal: Appeal, executor, co_executors: Iterable = (), by, expected_version=None
) -> Appeal:
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "assign", by=by)
    co_executors = [u for u in co_executors if u.pk != executor.pk]
    for person in [executor, *co_executors]:
        if not _is_executor_of(person, appeal.office):
            raise DomainError(
                _("%(person)s cannot execute appeals of %(office)s.")
                % {"person": person, "office": appeal.office.name},
                code="executor",
            )
    fields = {"executor": executor}
    if appeal.status == Status.REGISTERED:
        fields["status"] = Status.IN_PROGRESS
    _save(appeal, fields, expected_version=appeal._seen_version)
    appeal.co_executors.set(co_executors)
    _event(
        appeal,
        AppealEvent.Kind.ASSIGNED,
        actor=by,
        executor=str(executor),
        co_executors=[str(u) for u in co_executors],
    )
    enqueue("tyndau.appeals.tasks.notify_executor", appeal_id=appeal.pk)
    return appeal


@transaction.atomic
def appeal_extend(
    *, appeal: Appeal, until: dt.date, reason: str, by, expected_version=None
) -> Appeal:
    """Extend the term by a reasoned decision, at most two months past the original term.
    The applicant is notified at once (the law allows three working days)."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "extend", by=by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("An extension needs a reasoned decision."), code="reason")
    if until <= appeal.due_on:
        raise DomainError(
            _("The new deadline must be later than the current one (%(due)s).")
            % {"due": appeal.due_on.strftime("%d.%m.%Y")},
            code="until",
        )
    limit = calendar.months_later(appeal.original_due_on, MAX_EXTENSION_MONTHS)
    if until > limit:
        raise DomainError(
            _("A term can be extended by at most two months, that is until %(limit)s.")
            % {"limit": limit.strftime("%d.%m.%Y")},
            code="until",
        )
    today = calendar.today()
    _save(
        appeal,
        {
            "status": Status.EXTENDED,
            "due_on": until,
            "extension_reason": reason,
            "extended_on": today,
        },
        expected_version=appeal._seen_version,
    )
    _event(appeal, AppealEvent.Kind.EXTENDED, actor=by, note=reason, until=until.isoformat())
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="extended")
    return appeal


def needs_sign_off(appeal: Appeal, by) -> bool:
    """Whether an answer by ``by`` waits for sign-off: the office requires it and ``by``
    is neither the akim nor a deputy over the appeal."""
    if not appeal.office.answers_need_sign_off:
        return False
    return by is None or not lifecycle.leaders.test(by, appeal)


@transaction.atomic
def appeal_answer(*, appeal: Appeal, outcome: str, text: str, by, expected_version=None) -> Appeal:
    """Answer the appeal with an outcome. If the office requires sign-off and ``by`` is
    an executor, the answer waits for the akim or a deputy (status ``for_sign_off``) and
    the applicant hears nothing until it is approved."""
    appeal = _lock(appeal, expected_version)
    if appeal.status == Status.REGISTERED:
        raise TransitionError(
            _("Assign an executor to appeal %(number)s before answering it.")
            % {"number": appeal.number},
            code="transition",
        )
    lifecycle.require(appeal, "answer", by=by)
    choice_check(outcome, Outcome, _("outcome"))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("The answer text is empty."), code="text")
    if needs_sign_off(appeal, by):
        _save(
            appeal,
            {"status": Status.FOR_SIGN_OFF, "draft_outcome": outcome, "draft_answer": text},
            expected_version=appeal._seen_version,
        )
        _event(appeal, AppealEvent.Kind.SUBMITTED, actor=by, outcome=outcome)
        enqueue("tyndau.appeals.tasks.notify_sign_off", appeal_id=appeal.pk)
        return appeal
    return _give_answer(appeal, outcome=outcome, text=text, author=by)


def _give_answer(appeal: Appeal, *, outcome: str, text: str, author, **event_data) -> Appeal:
    """The answer reaches the applicant: decided today, the notice goes out."""
    today = calendar.today()
    _save(
        appeal,
        {
            "status": Status.ANSWERED,
            "outcome": outcome,
            "answer_text": text,
            "decided_on": today,
            "draft_outcome": "",
            "draft_answer": "",
        },
        expected_version=appeal._seen_version,
    )
    _event(
        appeal,
        AppealEvent.Kind.ANSWERED,
        actor=author,
        outcome=outcome,
        on_time=today <= appeal.due_on,
        **event_data,
    )
    _refresh_risk(appeal)
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="answered")
    if appeal.supporters:
        # Each supporter ("this affects me too") hears of it, one job each (a failure is
        # retried for that one person only).
        for user_id in appeal.follows.values_list("user_id", flat=True):
            enqueue("tyndau.appeals.tasks.notify_follower", appeal_id=appeal.pk, user_id=user_id)
    return appeal


def _answer_author(appeal: Appeal):
    """Who wrote the answer waiting for sign-off (the last submission)."""
    event = (
        appeal.events.filter(kind=AppealEvent.Kind.SUBMITTED)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return event.actor if event else None


@transaction.atomic
def appeal_approve(*, appeal: Appeal, by, expected_version=None) -> Appeal:
    """Sign off the executor's answer (согласовать): it is given to the applicant now."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "approve", by=by)
    _event(appeal, AppealEvent.Kind.APPROVED, actor=by)
    return _give_answer(
        appeal,
        outcome=appeal.draft_outcome,
        text=appeal.draft_answer,
        author=_answer_author(appeal),
        signed_off_by=str(by),
    )


@transaction.atomic
def appeal_return(*, appeal: Appeal, comment: str, by, expected_version=None) -> Appeal:
    """Send the executor's answer back for rework with a comment; the draft is kept for
    the executor to correct, and the term goes on running."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "return", by=by)
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(_("Say what the executor should change in the answer."), code="comment")
    status = Status.EXTENDED if appeal.extended_on else Status.IN_PROGRESS
    _save(appeal, {"status": status}, expected_version=appeal._seen_version)
    _event(appeal, AppealEvent.Kind.RETURNED, actor=by, note=comment)
    enqueue("tyndau.appeals.tasks.notify_returned", appeal_id=appeal.pk)
    return appeal


@transaction.atomic
def appeal_control(*, appeal: Appeal, on: bool, by, expected_version=None) -> Appeal:
    """Put the appeal on the akim's special control (на особый контроль), or take it off.
    On special control it comes first on the akim's dashboard, the akim gets its
    reminders, and only the akim signs off and closes it."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "control", by=by)
    on = bool(on)
    if on == appeal.special_control:
        if appeal._seen_version != appeal.version:
            _save(appeal, {}, expected_version=appeal._seen_version)  # raises the conflict
        return appeal
    _save(
        appeal,
        {"special_control": on, "special_control_since": calendar.today() if on else None},
        expected_version=appeal._seen_version,
    )
    kind = AppealEvent.Kind.CONTROL_ON if on else AppealEvent.Kind.CONTROL_OFF
    _event(appeal, kind, actor=by)
    return appeal


@transaction.atomic
def appeal_redirect(*, appeal: Appeal, to: str, reason: str, by, expected_version=None) -> Appeal:
    """Send the appeal to the competent body (within three working days of registration)."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "redirect", by=by)
    to = (to or "").strip()
    if not to:
        raise DomainError(_("Name the body the appeal is redirected to."), code="to")
    today = calendar.today()
    late = today > calendar.add_working_days(appeal.registered_on, REDIRECT_TERM_DAYS)
    _save(
        appeal,
        {
            "status": Status.REDIRECTED,
            "redirected_to": to,
            "redirect_reason": (reason or "").strip(),
            "decided_on": today,
        },
        expected_version=appeal._seen_version,
    )
    _event(appeal, AppealEvent.Kind.REDIRECTED, actor=by, note=reason or "", to=to, late=late)
    _refresh_risk(appeal)
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="redirected")
    return appeal


def redirect_due_on(appeal: Appeal) -> dt.date:
    return calendar.add_working_days(appeal.registered_on, REDIRECT_TERM_DAYS)


@transaction.atomic
def appeal_close(*, appeal: Appeal, by, expected_version=None) -> Appeal:
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "close", by=by)
    _save(
        appeal,
        {"status": Status.CLOSED, "closed_on": calendar.today()},
        expected_version=appeal._seen_version,
    )
    _event(appeal, AppealEvent.Kind.CLOSED, actor=by)
    return appeal


@transaction.atomic
def appeal_rate(*, appeal: Appeal, score: int, comment: str = "") -> Rating:
    appeal = _lock(appeal)
    if not appeal.outcome:
        raise TransitionError(
            _("Appeal %(number)s has no answer to rate yet.") % {"number": appeal.number},
            code="transition",
        )
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise DomainError(_("Rate the answer from 1 to 5."), code="score")
    if Rating.objects.filter(appeal=appeal).exists():
        raise DomainError(_("This answer has already been rated."), code="rated")
    rating = Rating.objects.create(appeal=appeal, score=score, comment=(comment or "").strip())
    _event(appeal, AppealEvent.Kind.RATED, score=score)
    return rating


# --- the applicant challenges an answer (обжалование) ------------------------------------

# A complaint about an answer may be filed within three months of it (АППК, art. 91); the
# office above considers it in its own legal term (``COMPLAINT_TERM_DAYS`` working days).
CHALLENGE_MONTHS = 3


def office_above(appeal: Appeal) -> Office | None:
    """The office above the one that answered: the office serving its territory's parent."""
    from tyndau.territory.selectors import office_serving

    parent = appeal.office.territory.parent
    if parent is None:
        return None
    try:
        return office_serving(territory=parent)
    except Office.DoesNotExist:
        return None


def appeal_challenge_refusal(*, appeal: Appeal, today: dt.date | None = None) -> str | None:
    """Why the applicant cannot challenge the answer to this appeal now, or None."""
    if not lifecycle.RESIDENT_ACTIONS["challenge"].allows(appeal.status) or not appeal.outcome:
        return _("Only an answer can be challenged.")
    earlier = Appeal.objects.filter(challenged=appeal).values_list("number", flat=True).first()
    if earlier:
        return _("This answer is already challenged: complaint %(number)s.") % {"number": earlier}
    today = today or calendar.today()
    if appeal.decided_on and today > calendar.months_later(appeal.decided_on, CHALLENGE_MONTHS):
        return _("An answer can be challenged within three months; this time has passed.")
    if office_above(appeal) is None:
        return _("There is no office above %(office)s to consider a complaint.") % {
            "office": appeal.office.name
        }
    return None


def _challenge_publication(original: Appeal) -> intake.Publication:
    """A complaint is filed by the resident: it waits for moderation like any portal
    appeal, and keeps what the applicant said about publishing the original."""
    publication = getattr(original, "publication", None)
    if publication is None:
        return intake.Publication()
    return intake.Publication(
        declined=publication.applicant_declined, private_terms=publication.private_terms
    )


def appeal_challenge(*, appeal: Appeal, reason: str, language: str = Language.RU) -> Appeal:
    """The applicant's complaint about the answer to ``appeal`` (обжалование): a new appeal
    of kind "complaint", linked to the original, registered with the office above, with its
    own legal term; both timelines show it. The caller has proved that the applicant asks
    (the private tracking link). A retry returns the complaint already filed."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why you disagree with the answer."), code="reason")
    with transaction.atomic():
        original = _lock(appeal)
        already = Appeal.objects.filter(challenged=original).first()
        if already is not None:
            return already
        refusal = appeal_challenge_refusal(appeal=original)
        if refusal:
            raise TransitionError(refusal, code="challenge")
        above = office_above(original)
        complaint = intake.appeal_register(
            draft=intake.AppealDraft(
                channel=Channel.PORTAL,
                kind=Kind.COMPLAINT,
                topic=original.topic,
                text=reason,
                applicant=intake.Applicant(
                    type=original.applicant_type,
                    name=original.applicant_name,
                    iin=original.iin,
                    bin=original.bin,
                    phone=original.phone,
                    email=original.email,
                    account=original.applicant_user,
                ),
                place=intake.Place(
                    office=above,
                    territory=original.territory,
                    address=original.address,
                    street=original.street,
                    latitude=original.latitude,
                    longitude=original.longitude,
                ),
                language=language if language in Language.values else original.language,
                idempotency_key=f"challenge-{original.pk}",
                publication=_challenge_publication(original),
            )
        ).appeal
        # A complaint to the office above is not a repeated appeal (that goes to the same
        # office): registration took it for one, by the same applicant and topic.
        Appeal.objects.filter(pk=complaint.pk).update(
            challenged=original, repeated=False, previous=None
        )
        complaint.challenged, complaint.repeated, complaint.previous = original, False, None
        _refresh_risk(complaint)
        _event(
            original,
            AppealEvent.Kind.CHALLENGED,
            complaint=complaint.number,
            office=above.name_ru,
            office_kk=above.name_kk,
        )
        _event(
            complaint,
            AppealEvent.Kind.CHALLENGE_FILED,
            original=original.number,
            office=original.office.name_ru,
            office_kk=original.office.name_kk,
        )
    return complaint


# --- residents following a public appeal ("this affects me too") ------------------------


def _supporters_changed(appeal: Appeal, delta: int) -> Appeal:
    """Move the appeal's count of supporters by ``delta`` and re-score its risk, in the
    caller's transaction. Not a staff edit: the version stays, so a clerk's open form is
    not refused because a resident followed."""
    Appeal.objects.filter(pk=appeal.pk).update(supporters=F("supporters") + delta)
    appeal.supporters = Appeal.objects.filter(pk=appeal.pk).values_list("supporters", flat=True)[0]
    if appeal.status in OPEN_STATUSES:
        _refresh_risk(appeal)
    return appeal


@transaction.atomic
def appeal_follow(*, appeal: Appeal, user) -> AppealFollow:
    """A signed-in resident says a public appeal affects them too: once per account."""
    appeal = _lock(appeal)
    refusal = lifecycle.follow_refusal(user, appeal)
    if refusal:
        raise DomainError(refusal, code="follow")
    if AppealFollow.objects.filter(appeal=appeal, user=user).exists():
        raise DomainError(_("You already support this appeal."), code="followed")
    follow = AppealFollow.objects.create(appeal=appeal, user=user)  # audited (apps.py)
    _supporters_changed(appeal, +1)
    return follow


@transaction.atomic
def appeal_unfollow(*, appeal: Appeal, user) -> Appeal:
    """Withdraw "this affects me too"."""
    appeal = _lock(appeal)
    follow = AppealFollow.objects.filter(appeal=appeal, user=user).first()
    if follow is None:
        raise DomainError(_("You do not support this appeal."), code="not_followed")
    follow.delete()
    return _supporters_changed(appeal, -1)


def executor_candidates(*, office: Office):
    """Users who may execute appeals of an office."""
    return (
        get_user_model()
        .objects.filter(memberships__office=office, memberships__role__in=EXECUTOR_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def appeal_change_topic(*, appeal: Appeal, topic, by, expected_version=None) -> Appeal:
    """Give an open or decided appeal another topic (a clerk corrects the classification);
    the risk score follows (a topic can be a risk rule)."""
    appeal = _lock(appeal, expected_version)
    topic = resolve_topic(topic)
    if topic.pk == appeal.topic_id:
        if appeal._seen_version != appeal.version:
            _save(appeal, {}, expected_version=appeal._seen_version)  # raises the conflict
        return appeal
    before = appeal.topic
    _save(appeal, {"topic": topic}, expected_version=appeal._seen_version)
    _event(appeal, AppealEvent.Kind.EDITED, actor=by, topic=[before.code, topic.code])
    _refresh_risk(appeal)
    return appeal


def inbox_view_save(*, user, query: str) -> None:
    """Keep ``query`` (the inbox's filters, a query string) as the user's default view;
    an empty query forgets it. Only the inbox's own filter names are kept."""
    from django.http import QueryDict

    from .forms import InboxFilterForm
    from .models import SavedInboxView

    given = QueryDict(query or "")
    kept = QueryDict(mutable=True)
    for name in InboxFilterForm.base_fields:
        if name in given and given.get(name) != "":
            kept.setlist(name, given.getlist(name))
    text = kept.urlencode()
    if not text:
        SavedInboxView.objects.filter(user=user).delete()
        return
    if len(text) > 2000:
        raise DomainError(_("These filters are too long to keep."), code="query")
    SavedInboxView.objects.update_or_create(user=user, defaults={"query": text})


# --- what the jobs record (no version bump: a notice never conflicts with a clerk's edit) ---


def appeal_notice_record(*, appeal: Appeal, event: str, email: bool, sms: bool) -> None:
    """The applicant was told of ``event``; the law counts an extension's notice days."""
    _event(appeal, AppealEvent.Kind.NOTIFIED, event=event, email=email, sms=sms)
    if event == "extended":
        Appeal.objects.filter(pk=appeal.pk).update(
            applicant_notified_of_extension_on=calendar.today()
        )


def appeal_reminder_record(*, appeal: Appeal, days: int, to: list[str] = ()) -> None:
    _event(appeal, AppealEvent.Kind.REMINDED, days=days, to=list(to))


def appeal_escalation_record(*, appeal: Appeal, to: list[str]) -> None:
    _event(appeal, AppealEvent.Kind.ESCALATED, to=to)


def appeal_risk_refresh(*, office_ids: list[int] | None = None) -> int:
    """Recompute the risk of the open appeals (deadlines move with time) and save the
    changed scores in bulk; returns how many changed."""
    changed = risk_changed_open(office_ids=office_ids)
    Appeal.objects.bulk_update(
        changed, ["risk_score", "risk_band", "risk_reasons"], batch_size=1000
    )
    return len(changed)


def appeal_send_link(*, number: str, contact: str) -> bool:
    """Send the private link of appeal ``number`` again, to ``contact`` only, when it is the
    phone or e-mail the applicant gave (so the link reaches only its owner).

    Returns whether it was sent; the caller shows the same answer either way, so the
    portal never confirms which numbers exist or whose contacts they are.
    """
    from .selectors import appeal_contact_matching

    found = appeal_contact_matching(number=number, contact=contact)
    if found is None:
        return False
    appeal, to = found
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="link", to=to)
    return True
