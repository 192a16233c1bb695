"""Intake: every way an appeal comes in ends here.

An entry point (the clerk's form, the portal, REST, Open311, a question at a meeting, the
reception, the demo) only maps its input onto one frozen :class:`AppealDraft` and calls
:func:`appeal_register`. This module is the one home of what every channel shares:

- which office takes the appeal (:func:`office_for`; a :class:`NoServingOffice` error
  when no akimat serves the place), and whether the submitter may register there;
- a retried submission (:func:`appeal_replayed`): the same idempotency key from the same
  submitter returns the appeal already made, and only to someone who may see it;
- the street (:mod:`..streets`): one spelling, read from the
  address when the channel gives none;
- the attachments: counted and checked by content (:mod:`..uploads`) on every channel;
- the number, the legal deadline, repeats, the risk score, the timeline and the
  applicant's notice.

The deadline and the number come from :mod:`..numbering`. Many drafts at once (an import
of an old register, the demo) go through the batch form of the same registration,
:func:`..intake_batch.appeals_register_batch`, with the same checks and bulk writes.

One module per step: ``draft`` (the frozen draft and the errors), ``office``, ``replays``
(idempotency), ``checks``, ``registration``; ``from tyndau.appeals import intake`` still gives
every name.
"""

from .checks import check_draft, checked_attachments, choice_check, resolve_topic
from .draft import (
    KEY_LENGTH,
    REGISTER_PERM,
    AppealDraft,
    Applicant,
    NoServingOffice,
    Place,
    Publication,
    RegisterEntry,
    Registration,
    RegistrationRefused,
)
from .office import office_for
from .registration import appeal_register
from .replays import appeal_replayed, may_see_replay, stored_key

__all__ = [
    "AppealDraft",
    "Applicant",
    "KEY_LENGTH",
    "NoServingOffice",
    "Place",
    "Publication",
    "REGISTER_PERM",
    "RegisterEntry",
    "Registration",
    "RegistrationRefused",
    "appeal_register",
    "appeal_replayed",
    "check_draft",
    "checked_attachments",
    "choice_check",
    "may_see_replay",
    "office_for",
    "resolve_topic",
    "stored_key",
]
