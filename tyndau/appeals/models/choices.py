"""The fixed choices of an appeal: channel, applicant type, kind, status, outcome, risk band,
language, and the groups of statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PORTAL = "portal", _("portal")
    WRITTEN = "written", _("written (paper)")
    EOTINISH = "eotinish", _("e-Otinish")
    PERSONAL_RECEPTION = "personal_reception", _("personal reception")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    SOCIAL = "social", _("social network")
    MEETING = "meeting", _("meeting with residents")


class ApplicantType(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    LEGAL_ENTITY = "legal_entity", _("legal entity")
    ANONYMOUS = "anonymous", _("anonymous")


class Kind(models.TextChoices):
    STATEMENT = "statement", _("statement")
    COMPLAINT = "complaint", _("complaint")
    PROPOSAL = "proposal", _("proposal")
    REQUEST = "request", _("request")
    RESPONSE = "response", _("response")


class Status(models.TextChoices):
    REGISTERED = "registered", _("registered")
    IN_PROGRESS = "in_progress", _("in progress")
    EXTENDED = "extended", _("extended")
    # An executor's answer waiting for the akim's or a deputy's sign-off (на согласовании),
    # when the office requires it: not yet given to the applicant.
    FOR_SIGN_OFF = "for_sign_off", _("answer awaiting sign-off")
    ANSWERED = "answered", _("answered")
    REDIRECTED = "redirected", _("redirected")
    NOT_CONSIDERED = "not_considered", _("not considered (anonymous)")
    CLOSED = "closed", _("closed")


# Not yet decided: the term runs (an answer awaiting sign-off has not reached the applicant).
OPEN_STATUSES = (Status.REGISTERED, Status.IN_PROGRESS, Status.EXTENDED, Status.FOR_SIGN_OFF)
DECIDED_STATUSES = (Status.ANSWERED, Status.REDIRECTED, Status.CLOSED)


# What the public portal and Open311 may show (not "not considered": anonymous appeals).
PUBLIC_STATUSES = OPEN_STATUSES + DECIDED_STATUSES


class Outcome(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    EXPLAINED = "explained", _("explained")
    REFUSED = "refused", _("refused")
    TERMINATED = "terminated", _("terminated")


class RiskBand(models.TextChoices):
    NONE = "none", _("no risk")
    YELLOW = "yellow", _("yellow")
    ORANGE = "orange", _("orange")
    RED = "red", _("red")


class Language(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
    EN = "en", _("English")
