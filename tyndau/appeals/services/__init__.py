"""State changes of appeals after registration (which is ``intake.appeal_register``).
Nothing else writes an Appeal.

Lifecycle (АППК): registered → in progress (executor assigned) → (extended) → answered with
an outcome, or redirected to the competent body → closed. Anonymous appeals are registered
but not considered, unless they report a crime or a threat to security: those are flagged
for immediate redirect. Every step is one transaction, writes an AppealEvent (the
timeline) and is recorded by the audit log; concurrent edits are refused (``version``).

One module per area: ``actions`` (assign, extend, answer, sign-off, redirect, close, rate),
``challenges``, ``following``, ``staff`` (topic, executors, saved inbox view), ``records``
(what the jobs record; the link sent again), and ``common`` (events, the versioned save,
the audit entry, risk); ``from tyndau.appeals import services`` still gives every service.
"""

from .actions import (
    appeal_answer,
    appeal_approve,
    appeal_assign,
    appeal_close,
    appeal_control,
    appeal_extend,
    appeal_rate,
    appeal_redirect,
    appeal_return,
    needs_sign_off,
    redirect_due_on,
)
from .challenges import CHALLENGE_MONTHS, appeal_challenge, appeal_challenge_refusal, office_above
from .common import (
    EXECUTOR_ROLES,
    MAX_EXTENSION_MONTHS,
    NOTIFY_EXTENSION_DAYS,
    REDIRECT_TERM_DAYS,
    attachment_add,
)
from .following import appeal_follow, appeal_unfollow
from .records import (
    appeal_escalation_record,
    appeal_notice_record,
    appeal_reminder_record,
    appeal_risk_refresh,
    appeal_send_link,
)
from .staff import appeal_change_topic, executor_candidates, inbox_view_save

__all__ = [
    "CHALLENGE_MONTHS",
    "EXECUTOR_ROLES",
    "MAX_EXTENSION_MONTHS",
    "NOTIFY_EXTENSION_DAYS",
    "REDIRECT_TERM_DAYS",
    "appeal_answer",
    "appeal_approve",
    "appeal_assign",
    "appeal_challenge",
    "appeal_challenge_refusal",
    "appeal_change_topic",
    "appeal_close",
    "appeal_control",
    "appeal_escalation_record",
    "appeal_extend",
    "appeal_follow",
    "appeal_notice_record",
    "appeal_rate",
    "appeal_redirect",
    "appeal_reminder_record",
    "appeal_return",
    "appeal_risk_refresh",
    "appeal_send_link",
    "appeal_unfollow",
    "attachment_add",
    "executor_candidates",
    "inbox_view_save",
    "needs_sign_off",
    "office_above",
    "redirect_due_on",
]
