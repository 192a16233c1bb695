"""The staff actions of the lifecycle (``tyndau.appeals.lifecycle``): assign, extend, answer,
sign off or return, special control, redirect, close; and the applicant's rating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.jobs import enqueue

from .. import lifecycle
from ..intake import choice_check
from ..models import Appeal, AppealEvent, Outcome, Rating, Status
from .common import (
    MAX_EXTENSION_MONTHS,
    REDIRECT_TERM_DAYS,
    _event,
    _is_executor_of,
    _lock,
    _refresh_risk,
    _save,
)


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
