"""Meetings with residents (встречи с населением) under Decree No. 826, the questions raised
at them, assignments (поручения) that follow, and the akim's personal reception (личный прием).

State changes go through ``tyndau.meetings.services``; nothing else writes these models.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.core import calendar
from tyndau.core.fields import link, staff_link
from tyndau.core.i18n import in_language
from tyndau.territory.models import AkimLevel

from .querysets import AssignmentQuerySet, MeetingQuerySet, QuestionQuerySet


class MeetingKind(models.TextChoices):
    REPORTING = "reporting", _("reporting meeting of the akim")
    GATHERING = "gathering", _("gathering of residents")
    FIELD = "field", _("field meeting")
    HEARING = "hearing", _("public hearing")
    ORGANISATIONS = "organisations", _("meeting with heads of organisations")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


# The online channels of a broadcast, in the order of the Decree 826 form.
ONLINE_CHANNELS = ("instagram", "facebook", "videoconference", "tv")
MEDIA_KINDS = ("central", "local", "social")
OFFICIAL_KINDS = ("government", "parliament", "state_bodies")

# The counts recorded when a meeting is held, by the Decree 826 form's groups and in its
# order: the hold form shows them so, the services and the reports' tally read them.
BROADCAST_FIELDS = [f"broadcasts_{c}" for c in ONLINE_CHANNELS]
ATTENDANCE_FIELDS = [
    "participants_offline",
    *(f"participants_{c}" for c in ONLINE_CHANNELS),
    "speakers",
]
MEDIA_FIELDS = [f"media_{m}" for m in MEDIA_KINDS]
OFFICIAL_FIELDS = [f"officials_{o}" for o in OFFICIAL_KINDS]
COUNT_FIELDS = BROADCAST_FIELDS + ATTENDANCE_FIELDS + MEDIA_FIELDS + OFFICIAL_FIELDS


class Meeting(models.Model):
    """A meeting of an akim with residents: planned, then held (or cancelled)."""

    office = link("territory.Office", _("office holding it"), related_name="meetings")
    territory = link("territory.Territory", _("where it is held"), related_name="meetings")
    akim_level = models.PositiveSmallIntegerField(
        _("akim level"), choices=AkimLevel.choices, editable=False
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        db_index=True,
    )
    title = models.CharField(_("subject"), max_length=255, blank=True)
    title_kk = models.CharField(_("subject in Kazakh"), max_length=255, blank=True)
    title_en = models.CharField(_("subject in English"), max_length=255, blank=True)
    planned_on = models.DateField(_("planned date"), db_index=True)
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    held_on = models.DateField(_("date held"), null=True, blank=True, db_index=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    broadcasts_instagram = models.PositiveIntegerField(_("broadcasts on Instagram"), default=0)
    broadcasts_facebook = models.PositiveIntegerField(_("broadcasts on Facebook"), default=0)
    broadcasts_videoconference = models.PositiveIntegerField(
        _("broadcasts by video conference"), default=0
    )
    broadcasts_tv = models.PositiveIntegerField(_("broadcasts on TV"), default=0)
    broadcast_url = models.URLField(_("broadcast link"), blank=True)

    participants_offline = models.PositiveIntegerField(_("present in person"), default=0)
    participants_instagram = models.PositiveIntegerField(_("watched on Instagram"), default=0)
    participants_facebook = models.PositiveIntegerField(_("watched on Facebook"), default=0)
    participants_videoconference = models.PositiveIntegerField(
        _("joined by video conference"), default=0
    )
    participants_tv = models.PositiveIntegerField(_("watched on TV"), default=0)
    speakers = models.PositiveIntegerField(_("speakers"), default=0)

    media_central = models.PositiveIntegerField(_("central media"), default=0)
    media_local = models.PositiveIntegerField(_("local media"), default=0)
    media_social = models.PositiveIntegerField(_("social networks"), default=0)

    officials_government = models.PositiveIntegerField(
        _("Presidential Administration or Government"), default=0
    )
    officials_parliament = models.PositiveIntegerField(_("Parliament"), default=0)
    officials_state_bodies = models.PositiveIntegerField(
        _("central and local state bodies"), default=0
    )

    minutes = models.TextField(_("minutes"), blank=True)
    protocol = models.FileField(_("protocol (PDF)"), upload_to="meetings/protocols/", blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("meeting with residents")
        verbose_name_plural = _("meetings with residents")
        indexes = [
            models.Index(fields=["territory", "planned_on"], name="meeting_territory_planned"),
            models.Index(fields=["territory", "held_on"], name="meeting_territory_held"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.date:%d.%m.%Y}"

    @property
    def date(self):
        return self.held_on or self.planned_on

    @property
    def title_shown(self) -> str:
        """The subject in the active language (``title`` as written when there is none)."""
        return in_language(self, "title", fallback=self.title)

    @property
    def participants_online(self) -> int:
        return sum(getattr(self, f"participants_{c}") for c in ONLINE_CHANNELS)

    @property
    def participants_total(self) -> int:
        return self.participants_offline + self.participants_online

    @property
    def broadcasts_total(self) -> int:
        return sum(getattr(self, f"broadcasts_{c}") for c in ONLINE_CHANNELS)

    @property
    def media_total(self) -> int:
        return sum(getattr(self, f"media_{m}") for m in MEDIA_KINDS)

    @property
    def officials_total(self) -> int:
        return sum(getattr(self, f"officials_{o}") for o in OFFICIAL_KINDS)

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


def _photo_path(instance, filename):
    return f"meetings/{instance.meeting_id}/photos/{filename}"


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("photo"), upload_to=_photo_path)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.file.name


class Question(models.Model):
    """A question or proposal raised at a meeting (вопрос, предложение)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    topic = link("appeals.Topic", _("topic"), related_name="+")
    text = models.TextField(_("question or proposal"))
    repeated = models.BooleanField(_("repeated"), default=False)
    critical_of = models.PositiveSmallIntegerField(
        _("critical remark aimed at akim level"),
        choices=AkimLevel.choices,
        null=True,
        blank=True,
    )
    appeal = models.OneToOneField(
        "appeals.Appeal",
        verbose_name=_("appeal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_question",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("question raised")
        verbose_name_plural = _("questions raised")

    def __str__(self):
        return self.text[:80]

    @property
    def territory(self):
        return self.meeting.territory


class AssignmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class Assignment(models.Model):
    """An assignment (поручение) given from a question raised at a meeting."""

    question = models.OneToOneField(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="assignment"
    )
    office = link("territory.Office", _("office"), related_name="+")
    territory = link("territory.Territory", _("territory"), related_name="+")
    executor = link(settings.AUTH_USER_MODEL, _("executor"), related_name="meeting_assignments")
    text = models.TextField(_("what must be done"))
    given_on = models.DateField(_("given on"))
    due_on = models.DateField(_("deadline"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.IN_PROGRESS,
        db_index=True,
    )
    result = models.TextField(_("result"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminded_days = models.JSONField(default=list, blank=True, editable=False)
    escalated_on = models.DateField(_("overdue reported on"), null=True, blank=True)
    # The akim's special control (на особом контроле): the akim is reminded too, and only
    # the akim closes it.
    special_control = models.BooleanField(_("on special control"), default=False)
    special_control_since = models.DateField(_("on special control since"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    given_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return self.text[:80]

    @property
    def is_done(self) -> bool:
        return self.status == AssignmentStatus.DONE

    def is_overdue(self, today=None) -> bool:
        """Not done and past the deadline (``AssignmentQuerySet.overdue``); templates call
        it without an argument: today in Asia/Almaty."""
        return not self.is_done and self.due_on < (today or calendar.today())


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]


def _default_weekdays():
    return [1, 3]  # Tuesday and Thursday


class ReceptionSchedule(models.Model):
    """When the akim of an office receives residents (график личного приема)."""

    office = models.OneToOneField(
        "territory.Office",
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="reception_schedule",
    )
    weekdays = models.JSONField(_("reception days"), default=_default_weekdays)
    starts_at = models.TimeField(_("from"), default=dt.time(10, 0))
    ends_at = models.TimeField(_("until"), default=dt.time(13, 0))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per visitor"), default=20)
    place = models.CharField(_("place"), max_length=255, blank=True)
    received_by = models.CharField(_("who receives"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("reception schedule")
        verbose_name_plural = _("reception schedules")

    def __str__(self):
        return str(self.office)

    @property
    def territory(self):
        return self.office.territory


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CAME = "came", _("came")
    NO_SHOW = "no_show", _("did not come")
    CANCELLED = "cancelled", _("cancelled")


def _booking_code() -> str:
    return secrets.token_hex(4).upper()


class ReceptionBooking(models.Model):
    """A slot of the personal reception booked by a resident or by a clerk for a caller."""

    class Source(models.TextChoices):
        PORTAL = "portal", _("portal")
        PHONE = "phone", _("phone (booked by a clerk)")

    office = link("territory.Office", _("office"), related_name="reception_bookings")
    starts_at = models.DateTimeField(_("time"), db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    source = models.CharField(_("booked via"), max_length=8, choices=Source.choices)
    name = models.CharField(_("full name"), max_length=255)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("e-mail"), blank=True)
    topic = link("appeals.Topic", _("topic"), related_name="+")
    summary = models.TextField(_("what the question is about"))
    code = models.CharField(max_length=16, default=_booking_code, editable=False, unique=True)
    booked_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "starts_at"],
                condition=models.Q(status="booked"),
                name="one_booking_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.starts_at:%d.%m.%Y %H:%M} {self.name}"

    @property
    def territory(self):
        return self.office.territory


class ReceptionSession(models.Model):
    """One visit to the personal reception: who came and what they asked."""

    office = link("territory.Office", _("office"), related_name="reception_sessions")
    booking = models.OneToOneField(
        ReceptionBooking,
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="session",
    )
    # Where the visit is counted (Decree 826 row 7): the territory its questions' appeals
    # are registered to, which may lie below the office's (a village's resident received
    # by the rural district's akim). ``territory`` stays the office's (who may see it).
    place = link(
        "territory.Territory", _("territory of the questions"), related_name="reception_sessions"
    )
    held_at = models.DateTimeField(pgettext_lazy("reception", "received at"))
    visitor_name = models.CharField(_("visitor"), max_length=255)
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    received_by = staff_link(_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_at"]
        # The tally's triggers look up an office's other visits of the same day.
        indexes = [models.Index(fields=["office", "held_at"], name="reception_office_held")]
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")

    def __str__(self):
        return f"{self.held_at:%d.%m.%Y %H:%M} {self.visitor_name}"

    @property
    def territory(self):
        return self.office.territory


class ReceptionQuestion(models.Model):
    """A question asked at the reception; each becomes an appeal (channel personal_reception)."""

    session = link(ReceptionSession, on_delete=models.CASCADE, related_name="questions")
    topic = link("appeals.Topic", _("topic"), related_name="+")
    text = models.TextField(_("question"))
    appeal = models.OneToOneField(
        "appeals.Appeal",
        verbose_name=_("appeal"),
        on_delete=models.PROTECT,
        related_name="reception_question",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("reception question")
        verbose_name_plural = _("reception questions")

    def __str__(self):
        return self.text[:80]
