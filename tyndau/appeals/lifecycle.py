"""The lifecycle of an appeal in one table: each staff action, the statuses it is allowed
from, and who may take it.

Everything else reads this table:

- ``rules.py`` registers ``appeals.<action>_appeal`` as *who* **and** *allowed from the
  current status*, so ``user.has_perm("appeals.close_appeal", closed_appeal)`` is False;
- the services call :func:`require` before changing anything (a ``TransitionError``
  naming the status);
- the staff pages and the REST API loop over :data:`ACTIONS` (which forms to show, which
  endpoints exist) and check :func:`check_role` first, so a user outside the roles gets
  403 while a user in the roles acting in the wrong status gets the service's message.

An office may require sign-off of its executors' answers (``Office.answers_need_sign_off``):
``answer`` by someone who is not a leader then leads to ``for_sign_off``, from which only
``approve`` and ``return`` are allowed. On the akim's special control (``control``), the
actions marked ``akim_only_under_control`` are the akim's alone.

Changing who may extend a deadline is one edit here; ``tests/test_lifecycle.py`` checks
role × status × territory for every action against a table of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from tyndau.core.errors import TransitionError
from tyndau.territory.models import Role
from tyndau.territory.rules import STAFF, role_in_scope

from .models import Status


@rules.predicate
def is_executor_of_appeal(user, appeal) -> bool:
    if appeal is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(appeal, "executor_id", None) == user.pk:
        return True
    co_executors = getattr(appeal, "co_executors", None)
    return co_executors is not None and co_executors.filter(pk=user.pk).exists()


@rules.predicate
def on_special_control(user, appeal) -> bool:
    return bool(getattr(appeal, "special_control", False))


in_scope = role_in_scope(*STAFF)
akims = role_in_scope(Role.AKIM)
leaders = role_in_scope(Role.AKIM, Role.DEPUTY)
registrars = role_in_scope(Role.CLERK, Role.AKIM, Role.DEPUTY, Role.ADMINISTRATOR)
dispatchers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)

OPEN = (Status.REGISTERED, Status.IN_PROGRESS, Status.EXTENDED)
WORKED_ON = (Status.IN_PROGRESS, Status.EXTENDED)
SIGN_OFF = (Status.FOR_SIGN_OFF,)
FINISHED = (Status.ANSWERED, Status.REDIRECTED, Status.NOT_CONSIDERED)
NOT_CLOSED = tuple(s for s in Status.values if s != Status.CLOSED)


@dataclass(frozen=True)
class Action:
    name: str  # "assign": the URL segment, the API action, the form's key
    allowed_from: tuple[str, ...]
    who: rules.Predicate  # roles in the appeal's territory (and the appeal's executors)
    done: Promise  # "appeal … cannot be <done>: it is closed"
    # On the akim's special control (на особом контроле) only the akim may take it.
    akim_only_under_control: bool = False

    @property
    def perm(self) -> str:
        return f"appeals.{self.name}_appeal"

    @property
    def role_rule(self) -> str:
        return f"appeals.{self.name}_appeal_role"

    def allows(self, status: str) -> bool:
        return status in self.allowed_from


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action("assign", OPEN, dispatchers, pgettext_lazy("appeal action", "assigned")),
        Action(
            "answer",
            WORKED_ON,
            leaders | (in_scope & is_executor_of_appeal),
            pgettext_lazy("appeal action", "answered"),
        ),
        Action("extend", WORKED_ON, leaders, pgettext_lazy("appeal action", "extended")),
        # Sign-off (согласование): an executor's answer, when the office requires it,
        # waits for the akim or a deputy; "approve" gives it to the applicant, "return"
        # sends it back to the executor with a comment.
        Action(
            "approve",
            SIGN_OFF,
            leaders,
            pgettext_lazy("appeal action", "signed off"),
            akim_only_under_control=True,
        ),
        Action(
            "return",
            SIGN_OFF,
            leaders,
            pgettext_lazy("appeal action", "returned for rework"),
            akim_only_under_control=True,
        ),
        Action("redirect", OPEN, dispatchers, pgettext_lazy("appeal action", "redirected")),
        Action(
            "close",
            FINISHED,
            dispatchers,
            pgettext_lazy("appeal action", "closed"),
            akim_only_under_control=True,
        ),
        # Put on or take off the akim's special control (на особый контроль).
        Action("control", NOT_CLOSED, akims, pgettext_lazy("appeal action", "put on control")),
    )
}


# --- what a resident may do with an appeal (the portal) ---------------------------------


def _digits(value: str) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


@rules.predicate
def is_applicant_of_appeal(user, appeal) -> bool:
    """The appeal was filed from this account, or with the phone or e-mail the resident
    proved with a one-time code (the same meaning as "My appeals")."""
    if appeal is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(appeal, "applicant_user_id", None) == user.pk:
        return True
    email = getattr(user, "verified_email", "")
    if email and (appeal.email or "").strip().lower() == email.lower():
        return True
    phone = getattr(user, "verified_phone", "")
    return bool(phone) and _digits(appeal.phone).endswith(phone)


@rules.predicate
def is_resident(user) -> bool:
    """Signed in with a contact proved by a one-time code (``/sign-in/``)."""
    return getattr(user, "is_authenticated", False) and bool(
        getattr(user, "verified_phone", "") or getattr(user, "verified_email", "")
    )


@dataclass(frozen=True)
class ResidentAction:
    name: str
    allowed_from: tuple[str, ...]
    done: Promise

    def allows(self, status: str) -> bool:
        return status in self.allowed_from


RESIDENT_ACTIONS: dict[str, ResidentAction] = {
    action.name: action
    for action in (
        # "This affects me too": while the appeal is open or answered (not once it is
        # closed or sent to another body).
        ResidentAction(
            "follow", (*OPEN, Status.ANSWERED), pgettext_lazy("appeal action", "supported")
        ),
        # Обжалование: the applicant challenges the answer, to the office above.
        ResidentAction(
            "challenge",
            (Status.ANSWERED, Status.CLOSED),
            pgettext_lazy("appeal action", "challenged"),
        ),
    )
}


def follow_refusal(user, appeal) -> str | None:
    """Why the user may not say "this affects me too" about the appeal now, or None."""
    from .models import Appeal

    if not is_resident(user):
        return _("Sign in with your phone or e-mail to support an appeal.")
    if is_applicant_of_appeal(user, appeal):
        return _("This is your own appeal.")
    if not RESIDENT_ACTIONS["follow"].allows(appeal.status) or not (
        Appeal.objects.public().filter(pk=appeal.pk).exists()
    ):
        return _("This appeal can no longer be supported.")
    return None


def status_allows(name: str) -> rules.Predicate:
    """A predicate: the object is not an appeal (an office, say), or its status allows
    the action."""
    action = ACTIONS[name]

    @rules.predicate(name=f"status_allows:{name}")
    def predicate(user, obj=None) -> bool:
        status = getattr(obj, "status", None)
        return status is None or action.allows(status)

    return predicate


def control_allows(name: str) -> rules.Predicate:
    """A predicate: the action is not reserved to the akim on special control, or the
    object is not on special control, or the user is an akim over it."""
    action = ACTIONS[name]

    @rules.predicate(name=f"control_allows:{name}")
    def predicate(user, obj=None) -> bool:
        if not action.akim_only_under_control or not on_special_control(user, obj):
            return True
        return akims.test(user, obj)

    return predicate


def require(appeal, name: str, *, by=None) -> None:
    """Refuse the action (staff or resident) if the appeal's status does not allow it, or
    if the appeal is on the akim's special control and ``by`` is not its akim."""
    action = ACTIONS.get(name) or RESIDENT_ACTIONS[name]
    if by is not None and name in ACTIONS and not control_allows(name).test(by, appeal):
        raise TransitionError(
            _("Appeal %(number)s is on the akim's special control: only the akim may do this.")
            % {"number": appeal.number},
            code="special_control",
        )
    if not action.allows(appeal.status):
        raise TransitionError(
            _("Appeal %(number)s cannot be %(action)s: it is %(status)s.")
            % {
                "number": appeal.number,
                "action": action.done,
                "status": appeal.get_status_display(),
            },
            code="transition",
        )


def role_allows(user, name: str, appeal) -> bool:
    """Whether the user holds a role that may take the action on this appeal, whatever
    its status."""
    return rules.test_rule(ACTIONS[name].role_rule, user, appeal)


def check_role(user, name: str, appeal) -> None:
    """PermissionDenied unless the user holds a role that may take the action here
    (whatever the status: the service explains a refusal by status)."""
    if not role_allows(user, name, appeal):
        raise PermissionDenied(_("You may not do this with this appeal."))


def available(user, appeal) -> list[Action]:
    """The actions the user may take on the appeal now (for buttons and forms)."""
    return [a for a in ACTIONS.values() if user.has_perm(a.perm, appeal)]
