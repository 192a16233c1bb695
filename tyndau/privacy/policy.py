"""The one policy of who sees which part of an appeal.

Every page, the REST API, Open311, exports and report drill-downs ask :func:`parts_for`
(or :func:`can_see`) instead of deciding on their own. The table:

============== ============ ========== ============ ======== ======== ==========
part           own office:  own office own office:  office   office   applicant
               akim, deputy executor   others       above    below,   with code
               clerk        of it      (analyst…)            neighbour,
                                                             public
============== ============ ========== ============ ======== ======== ==========
applicant      yes          yes        —            —        —        yes
raw text       yes          yes        —            —        —        yes
answer         yes          yes        anonymised   anonym.  published yes
attachments    yes          yes        —            —        —        —
slip           yes          yes        —            —        —        —
tracking code  yes          yes        —            —        —        yes
exact pin      yes          yes        yes          —        consent  yes
street         yes          yes        yes          yes      yes      yes
============== ============ ========== ============ ======== ======== ==========

"Own office" is the office that registered the appeal (``appeal.office``); "office
above" is any office whose territory contains the own office's; "office below" is an
office whose territory holds the place the appeal is about but lies below the office that
registered it (a village office, and the rural district's appeal about that village): it
sees the appeal, as the office above does, and no personal part. A neighbour is staff of
any other office and sees what the public sees. Where the raw text is not visible the
anonymised text is shown; where the answer is marked "anonymised" it passes the
anonymiser too. A superuser sees everything (the Django admin).

Lists of many appeals ask the same table in its set-based form: the register export
(``appeals/register.py``) fills the applicant's columns only in the rows of
:func:`applicant_q` and logs them; the inbox search matches personal fields only in
:func:`raw_text_offices`; the inbox map and the risk map show exact pins only in the rows
of :func:`exact_pin_q`, elsewhere rounded; the rule ``appeals.view_personal_data`` is
:func:`can_see` of the applicant part. Lists that carry no personal part need no question
per row: a report's drill-down lists (``reports/records``) show the number, dates,
status, outcome, channel, topic and territory of each appeal, which every relation that
may open them sees, and link to the appeal page, which asks :func:`parts_for`; open data
(``tyndau.opendata``) publishes figures of the counted appeals only; report exports carry
figures only. Their tests (``privacy/tests/test_policy.py``, ``test_matrix.py``,
``test_leaks.py``) check that none of them shows a personal part.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.territory.models import Role
from tyndau.territory.selectors import is_in_scope, memberships_of


class Part(models.TextChoices):
    APPLICANT = "applicant", _("applicant's details")
    RAW_TEXT = "raw_text", _("text as written")
    ANSWER = "answer", _("answer as written")
    ATTACHMENTS = "attachments", _("attachments")
    SLIP = "slip", _("registration slip")
    TRACKING_CODE = "tracking_code", _("tracking code")
    EXACT_PIN = "exact_pin", _("exact location")
    STREET = "street", _("street")


class Relation(models.TextChoices):
    OWN_OFFICE = "own", _("own office")
    OFFICE_ABOVE = "above", _("office above")
    OFFICE_BELOW = "below", _("office below")
    NEIGHBOUR = "neighbour", _("another office")
    PUBLIC = "public", _("the public")
    APPLICANT = "applicant", _("the applicant")


# Parts holding personal data: a staff member opening one of these is logged.
PERSONAL_PARTS = frozenset(
    {Part.APPLICANT, Part.RAW_TEXT, Part.ANSWER, Part.ATTACHMENTS, Part.SLIP, Part.TRACKING_CODE}
)
ALL = frozenset(Part)
WORKERS = frozenset({Role.AKIM, Role.DEPUTY, Role.CLERK})
_BY_RELATION = {
    Relation.OFFICE_ABOVE: frozenset({Part.STREET}),
    Relation.OFFICE_BELOW: frozenset({Part.STREET}),
    Relation.NEIGHBOUR: frozenset({Part.STREET}),
    Relation.PUBLIC: frozenset({Part.STREET}),
    Relation.APPLICANT: frozenset(
        {
            Part.APPLICANT,
            Part.RAW_TEXT,
            Part.ANSWER,
            Part.TRACKING_CODE,
            Part.EXACT_PIN,
            Part.STREET,
        }
    ),
}
OWN_OTHERS = frozenset({Part.EXACT_PIN, Part.STREET})


def _is_executor(user, appeal) -> bool:
    if appeal.executor_id == user.pk:
        return True
    return appeal.co_executors.filter(pk=user.pk).exists()


def relation(user, appeal, *, applicant: bool = False) -> Relation:
    """How ``user`` stands to ``appeal``. ``applicant`` is True when the request carries
    the appeal's valid tracking code (the portal checked it)."""
    if applicant:
        return Relation.APPLICANT
    if not getattr(user, "is_authenticated", False):
        return Relation.PUBLIC
    memberships = memberships_of(user=user)
    if any(m.office_id == appeal.office_id for m in memberships):
        return Relation.OWN_OFFICE
    if is_in_scope(user=user, territory=appeal.office.territory):
        return Relation.OFFICE_ABOVE
    if is_in_scope(user=user, territory=appeal.territory):
        return Relation.OFFICE_BELOW
    if memberships:
        return Relation.NEIGHBOUR
    return Relation.PUBLIC


def parts_for(user, appeal, *, applicant: bool = False) -> frozenset[Part]:
    """The parts of ``appeal`` that ``user`` may see."""
    if not applicant and getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return ALL
    rel = relation(user, appeal, applicant=applicant)
    if rel != Relation.OWN_OFFICE:
        return _BY_RELATION[rel]
    roles = {m.role for m in memberships_of(user=user) if m.office_id == appeal.office_id}
    if roles & WORKERS or _is_executor(user, appeal):
        return ALL
    return OWN_OTHERS


def can_see(user, appeal, part: Part, *, applicant: bool = False) -> bool:
    return part in parts_for(user, appeal, applicant=applicant)


def raw_text_offices(*, user) -> list[int]:
    """Ids of the offices in which ``user`` reads every appeal's raw text (search there may
    match the text and the applicant's name; elsewhere only the number and public text)."""
    return [m.office_id for m in memberships_of(user=user) if m.role in WORKERS]


def applicant_q(*, user):
    """The appeals whose applicant's details (and raw text) ``user`` may read, as a ``Q``
    over appeals: the set-based form of ``Part.APPLICANT in parts_for(user, appeal)`` for
    lists that cannot ask per row (the register export). Own office's akim, deputy or
    clerk; or, in the own office, the appeal's executor or co-executor; a superuser all."""
    from django.db.models import Exists, OuterRef, Q

    from tyndau.appeals.models import Appeal

    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return Q(pk__isnull=False)
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    memberships = memberships_of(user=user)
    member_of = sorted({m.office_id for m in memberships})
    co_executor = Appeal.co_executors.through.objects.filter(
        appeal_id=OuterRef("pk"), user_id=user.pk
    )
    executes = Q(executor_id=user.pk) | Q(Exists(co_executor))
    return Q(office_id__in=raw_text_offices(user=user)) | (Q(office_id__in=member_of) & executes)


def exact_pin_q(*, user):
    """The appeals whose exact pin ``user`` may see, as a ``Q`` over appeals: the set-based
    form of ``Part.EXACT_PIN in parts_for(user, appeal)`` for maps of many appeals (every
    member of the own office; a superuser all). Elsewhere a map shows the pin rounded."""
    from django.db.models import Q

    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return Q(pk__isnull=False)
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(office_id__in=sorted({m.office_id for m in memberships_of(user=user)}))
