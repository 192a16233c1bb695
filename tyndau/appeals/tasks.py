"""Notifications and reminders about appeals (run through tyndau.core.jobs).

- the applicant gets the number and every status change by e-mail and SMS, in the
  language of the appeal;
- executors are reminded 3 and 1 working days before the deadline (the akim too, of an
  appeal on special control; the akim and deputies, of an answer awaiting sign-off);
- the akim (and deputies) are told of every overdue appeal, once;
- the akim and deputies are told of an answer awaiting sign-off, the executor of one
  returned with a comment;
- risk scores are refreshed, since deadlines move with time.
"""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.jobs import periodic
from tyndau.core.sms import sms_send
from tyndau.territory.models import Membership, Role

from . import services
from .models import OPEN_STATUSES, Appeal, AppealEvent, AppealFollow, Status
from .tracking import public_link, tracking_link

REMIND_DAYS = (3, 1)
# What a notice to the applicant reads (the rest of the appeal is not loaded).
NOTICE_FIELDS = (
    "number",
    "office",
    "registered_on",
    "due_on",
    "extension_reason",
    "outcome",
    "answer_text",
    "redirected_to",
    "email",
    "phone",
    "language",
    "tracking_code",
)


def _message(appeal: Appeal, event: str) -> tuple[str, str]:
    number = appeal.number
    subjects = {
        "registered": _("Your appeal is registered: %(number)s"),
        "extended": _("The term of your appeal %(number)s is extended"),
        "answered": _("Your appeal %(number)s is answered"),
        "redirected": _("Your appeal %(number)s is redirected"),
        "link": _("The link to your appeal %(number)s"),
    }
    bodies = {
        "registered": _(
            "Your appeal to %(office)s is registered under number %(number)s on %(date)s. "
            "The answer is due by %(due)s."
        ),
        "link": _(
            "Your appeal to %(office)s has number %(number)s and private code %(code)s. "
            "Keep this message: the link below opens your appeal."
        ),
        "extended": _(
            "The term of your appeal %(number)s is extended until %(due)s. Reason: %(reason)s"
        ),
        "answered": _(
            "Your appeal %(number)s is answered (%(outcome)s):\n\n%(answer)s\n\n"
            "Please rate the answer: it helps the akimat work better."
        ),
        "redirected": _(
            "Your appeal %(number)s is redirected to %(to)s, the body competent to consider it."
        ),
    }
    values = {
        "number": number,
        "office": appeal.office.name,
        "date": appeal.registered_on.strftime("%d.%m.%Y"),
        "due": appeal.due_on.strftime("%d.%m.%Y"),
        "reason": appeal.extension_reason,
        "outcome": appeal.get_outcome_display(),
        "answer": appeal.answer_text,
        "to": appeal.redirected_to,
        "code": appeal.tracking_code_display,
    }
    if event == "answered":
        follow = _("Rate the answer: %(link)s") % {"link": notice_link(appeal, event)}
    else:
        follow = _("Follow your appeal: %(link)s") % {"link": tracking_link(appeal)}
    return subjects[event] % values, f"{bodies[event] % values}\n\n{follow}"


def notice_link(appeal: Appeal, event: str) -> str:
    """The link a notice carries: the appeal's page, at its rating form once answered."""
    link = tracking_link(appeal)
    return f"{link}#rate" if event == "answered" else link


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def notify_applicant(*, appeal_id: int, event: str, to: str = "") -> None:
    """Tell the applicant of ``event`` by e-mail and SMS, with the link to the appeal.

    ``to`` ("email" or "phone") sends to that contact only (a resent link goes only to the
    contact the resident proved they hold).
    """
    appeal = (
        Appeal.objects.select_related("office")
        .only(*NOTICE_FIELDS, "office__name_ru", "office__name_kk", "office__name_en")
        .get(pk=appeal_id)
    )
    email = appeal.email if to in ("", "email") else ""
    phone = appeal.phone if to in ("", "phone") else ""
    if not (email or phone):
        return
    with translation.override(appeal.language):
        subject, body = _message(appeal, event)
        link = tracking_link(appeal)
        if email:
            mail = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
            mail.attach(f"{appeal.number}.png", _qr_png(link), "image/png")
            mail.send()
        if phone:
            sms_send(phone=phone, text=f"{subject}. {notice_link(appeal, event)}")
    services.appeal_notice_record(appeal=appeal, event=event, email=bool(email), sms=bool(phone))


def notify_follower(*, appeal_id: int, user_id: int) -> None:
    """Tell a resident who supports a public appeal that it is answered, in the account's
    language, by e-mail and SMS to the contacts the resident proved, with the link to the
    appeal's public page (which shows only what the privacy policy lets the public see;
    the notice itself carries no text of the appeal or the answer)."""
    follow = (
        AppealFollow.objects.select_related("user")
        .filter(appeal_id=appeal_id, user_id=user_id)
        .first()
    )
    appeal = Appeal.objects.public().filter(pk=appeal_id).only("pk", "number").first()
    if follow is None or appeal is None:  # withdrawn, or no longer public
        return
    user = follow.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        link = public_link(appeal)
        subject = _("An appeal you support is answered: %(number)s") % {"number": appeal.number}
        body = _(
            "The appeal %(number)s, which you said affects you too, is answered. "
            "Read the answer: %(link)s"
        ) % {"number": appeal.number, "link": link}
        if user.verified_email:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.verified_email])
        if user.verified_phone:
            sms_send(phone=f"+7{user.verified_phone}", text=f"{subject}. {link}")


def _mail(users, subject, body) -> list[str]:
    """One message to each user with an e-mail, in the user's language; ``subject`` and
    ``body`` are callables so each is translated for its reader."""
    sent = []
    for user in users:
        if not user.email or user.email in sent:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            send_mail(subject(), body(), settings.DEFAULT_FROM_EMAIL, [user.email])
        sent.append(user.email)
    return sent


def _office_people(office_id: int, *roles: str):
    return [
        m.user
        for m in Membership.objects.filter(office_id=office_id, role__in=roles)
        .select_related("user")
        .order_by("user_id")
    ]


def notify_executor(*, appeal_id: int) -> None:
    appeal = Appeal.objects.select_related("executor", "office").get(pk=appeal_id)
    if not appeal.executor or not appeal.executor.email:
        return
    with translation.override(appeal.executor.preferred_language or settings.LANGUAGE_CODE):
        send_mail(
            _("Appeal %(number)s is assigned to you") % {"number": appeal.number},
            _("Appeal %(number)s is assigned to you. The answer is due by %(due)s.")
            % {"number": appeal.number, "due": appeal.due_on.strftime("%d.%m.%Y")},
            settings.DEFAULT_FROM_EMAIL,
            [appeal.executor.email],
        )


def notify_sign_off(*, appeal_id: int) -> None:
    """Tell the akim and deputies (the akim alone on special control) that an answer
    awaits their sign-off."""
    appeal = Appeal.objects.get(pk=appeal_id)
    roles = (Role.AKIM,) if appeal.special_control else (Role.AKIM, Role.DEPUTY)
    values = {"number": appeal.number, "due": appeal.due_on.strftime("%d.%m.%Y")}
    _mail(
        _office_people(appeal.office_id, *roles),
        lambda: _("The answer to appeal %(number)s awaits your sign-off") % values,
        lambda: (
            _(
                "The executor has answered appeal %(number)s. The applicant gets the answer "
                "once you approve it; the term ends on %(due)s."
            )
            % values
        ),
    )


def notify_returned(*, appeal_id: int) -> None:
    """Tell the executor that their answer was returned, with the comment."""
    appeal = Appeal.objects.select_related("executor").get(pk=appeal_id)
    event = appeal.events.filter(kind=AppealEvent.Kind.RETURNED).order_by("-at", "-id").first()
    comment = event.note if event else ""
    values = {"number": appeal.number, "comment": comment}
    _mail(
        [appeal.executor] if appeal.executor else [],
        lambda: _("Your answer to appeal %(number)s is returned for rework") % values,
        lambda: _("Your answer to appeal %(number)s is returned for rework: %(comment)s") % values,
    )


def reminded_people(appeal: Appeal) -> list:
    """Who is reminded of an appeal's deadline: the executor; for an answer awaiting
    sign-off, the akim and deputies instead; on special control, the akim as well."""
    if appeal.status == Status.FOR_SIGN_OFF:
        roles = (Role.AKIM,) if appeal.special_control else (Role.AKIM, Role.DEPUTY)
        return _office_people(appeal.office_id, *roles)
    people = [appeal.executor] if appeal.executor else []
    if appeal.special_control:
        people += _office_people(appeal.office_id, Role.AKIM)
    return people


@periodic(minutes=60)
def remind_executors() -> int:
    """Remind executors 3 and 1 working days before the deadline (once each); the akim
    as well for appeals on special control (:func:`reminded_people`)."""
    today = calendar.today()
    sent = 0
    for days in REMIND_DAYS:
        due = calendar.add_working_days(today, days)
        appeals = (
            Appeal.objects.filter(status__in=OPEN_STATUSES, due_on=due)
            .filter(Q(executor__isnull=False) | Q(special_control=True))
            .exclude(events__kind=AppealEvent.Kind.REMINDED, events__data__days=days)
            .select_related("executor")
        )
        for appeal in appeals:
            values = {
                "number": appeal.number,
                "days": days,
                "due": appeal.due_on.strftime("%d.%m.%Y"),
            }
            to = _mail(
                reminded_people(appeal),
                lambda v=values: _("Appeal %(number)s is due in %(days)s working day(s)") % v,
                lambda v=values: _("The answer to appeal %(number)s is due by %(due)s.") % v,
            )
            services.appeal_reminder_record(appeal=appeal, days=days, to=to)
            sent += 1
    return sent


@periodic(minutes=60)
def escalate_overdue() -> int:
    """Tell the akim and deputies of the office of every overdue appeal, once."""
    overdue = (
        Appeal.objects.overdue()
        .exclude(events__kind=AppealEvent.Kind.ESCALATED)
        .select_related("office")
    )
    count = 0
    for appeal in overdue:
        leaders = Membership.objects.filter(
            Q(role=Role.AKIM) | Q(role=Role.DEPUTY), office=appeal.office
        ).select_related("user")
        emails = sorted({m.user.email for m in leaders if m.user.email})
        if emails:
            send_mail(
                _("Overdue appeal %(number)s") % {"number": appeal.number},
                _("Appeal %(number)s was due on %(due)s and is still not answered.")
                % {"number": appeal.number, "due": appeal.due_on.strftime("%d.%m.%Y")},
                settings.DEFAULT_FROM_EMAIL,
                emails,
            )
        services.appeal_escalation_record(appeal=appeal, to=emails)
        count += 1
    return count


@periodic(minutes=60)
def refresh_risk() -> int:
    return services.appeal_risk_refresh()
