"""The local community gathering (собрание местного сообщества) of a rural district.

By the Law on local government and self-government (art. 39-3) the gathering is made of
representatives of the villages, delegated by each village's сход; it agrees the draft
budget of the rural district and the development programme, hears the akim's report on
them and monitors the spending. The akim convenes it and reports to it but is not a
member. A session (заседание) has an agenda; the members present are registered; a
session decides only with a quorum, and a proposal is adopted by a majority of the
members present. The secretary records the minutes (протокол), signed by the chair and
the secretary.

Not to be confused with the сход itself (a gathering of all residents of a village:
``tyndau.meetings``).

State changes go through ``tyndau.gathering.services``; nothing else writes these models.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.core.fields import link, optional_link, staff_link
from tyndau.core.languages import InLanguage

from .querysets import AgendaItemQuerySet, DecisionQuerySet, MemberQuerySet, SessionQuerySet


class Member(models.Model):
    """A representative of a village in the gathering, delegated by its сход."""

    territory = link("territory.Territory", _("rural district"), related_name="gathering_members")
    village = link("territory.Territory", _("village"), related_name="gathering_delegates")
    full_name = models.CharField(_("full name"), max_length=255)
    delegated_on = models.DateField(_("delegated on"))
    basis = models.CharField(
        _("delegated by"),
        max_length=255,
        blank=True,
        help_text=_(
            "The village gathering (сход) that delegated the member, e.g. its minutes number."
        ),
    )
    left_on = models.DateField(
        _("left on"), null=True, blank=True, help_text=_("The first day no longer a member.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["territory__path", "village__name_ru", "full_name", "pk"]
        verbose_name = _("member of the gathering")
        verbose_name_plural = _("members of the gathering")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gt=models.F("delegated_on")),
                name="gathering_member_leaves_after_delegation",
            )
        ]

    def __str__(self):
        return self.full_name


class SessionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("session", "planned")
    OPEN = "open", pgettext_lazy("session", "in session")
    CLOSED = "closed", pgettext_lazy("session", "closed")
    CANCELLED = "cancelled", pgettext_lazy("session", "cancelled")


class Session(models.Model):
    """A session (заседание) of the gathering of one rural district."""

    territory = link("territory.Territory", _("rural district"), related_name="gathering_sessions")
    number = models.PositiveIntegerField(_("number"), editable=False)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.PLANNED,
        db_index=True,
    )
    chair = optional_link(Member, _("chair"), related_name="+")
    secretary = optional_link(Member, _("secretary"), related_name="+")
    invited = models.TextField(
        _("invited"),
        blank=True,
        help_text=_("Who took part without a vote: the akim, staff, guests (one a line)."),
    )
    convened_by = staff_link(_("convened by"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["territory__path", "-held_on", "-number"]
        verbose_name = _("session of the gathering")
        verbose_name_plural = _("sessions of the gathering")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "number"], name="unique_gathering_session_number"
            )
        ]

    def __str__(self):
        return _("Session No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.held_on.strftime("%d.%m.%Y"),
        }

    @property
    def is_planned(self) -> bool:
        return self.status == SessionStatus.PLANNED

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED


class Attendance(models.Model):
    """A member registered as present at a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendance")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "member__full_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="unique_gathering_presence")
        ]

    def __str__(self):
        return f"{self.session_id}: {self.member}"


class AgendaKind(models.TextChoices):
    BUDGET = "budget", _("agreeing the budget of the rural district")
    PLAN = "plan", _("approving the development programme")
    REPORT = "report", _("the akim's report")
    MONITORING = "monitoring", _("monitoring of the budget spending")
    OTHER = "other", _("other question")


class AgendaItem(models.Model):
    """A question on a session's agenda; a budget or plan question names what it agrees."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    kind = models.CharField(_("kind of question"), max_length=16, choices=AgendaKind.choices)
    title_ru = models.CharField(_("question in Russian"), max_length=500)
    title_kk = models.CharField(_("question in Kazakh"), max_length=500)
    title_en = models.CharField(_("question in English"), max_length=500, blank=True)
    speaker = models.CharField(_("speaker"), max_length=255, blank=True)
    budget = optional_link("budget.Budget", _("budget"), related_name="gathering_questions")
    plan = optional_link("plans.Plan", _("development plan"), related_name="gathering_questions")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="unique_agenda_number"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="budget", budget__isnull=False, plan__isnull=True)
                    | models.Q(kind="plan", plan__isnull=False, budget__isnull=True)
                    | (
                        ~models.Q(kind__in=["budget", "plan"])
                        & models.Q(plan__isnull=True, budget__isnull=True)
                    )
                ),
                name="agenda_item_names_what_it_agrees",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    title = InLanguage()


class VoteChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstained")


class Vote(models.Model):
    """How one member present voted on one agenda item (open vote, as recorded)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)

    class Meta:
        ordering = ["agenda_item", "member__full_name"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "member"], name="unique_gathering_vote")
        ]

    def __str__(self):
        return f"{self.agenda_item_id}: {self.member} {self.choice}"


class Decision(models.Model):
    """What the gathering decided on an agenda item, with the votes counted when it was
    taken (they are final: a decision is taken once, while the session is open)."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="decision"
    )
    text_ru = models.TextField(_("decision in Russian"))
    text_kk = models.TextField(_("decision in Kazakh"))
    text_en = models.TextField(_("decision in English"), blank=True)
    adopted = models.BooleanField(_("adopted"))
    present = models.PositiveIntegerField(_("members present"))
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    votes_abstained = models.PositiveIntegerField(_("abstained"))
    decided_by = staff_link()
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__session", "agenda_item__number"]
        verbose_name = _("decision of the gathering")
        verbose_name_plural = _("decisions of the gathering")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    present__gte=models.F("votes_for")
                    + models.F("votes_against")
                    + models.F("votes_abstained")
                ),
                name="decision_votes_within_present",
            )
        ]

    def __str__(self):
        return _("%(session)s, decision No. %(number)s") % {
            "session": self.agenda_item.session,
            "number": self.agenda_item.number,
        }

    text = InLanguage()

    @property
    def session(self) -> Session:
        return self.agenda_item.session
