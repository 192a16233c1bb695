"""The appeal itself, the residents who follow it, and the counter behind its number."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core import calendar
from tyndau.core.fields import link, optional_link, staff_link

from ..querysets import AppealQuerySet
from ..tracking import tracking_code_display, tracking_code_new
from .choices import (
    OPEN_STATUSES,
    ApplicantType,
    Channel,
    Kind,
    Language,
    Outcome,
    RiskBand,
    Status,
)
from .topics import Topic


def _tracking_code() -> str:
    # Kept under this name, and re-exported by the package: migration 0001 names it
    # ``tyndau.appeals.models._tracking_code`` as the field's default.
    return tracking_code_new()


class Appeal(models.Model):
    number = models.CharField(_("number"), max_length=32)
    office = link("territory.Office", _("office"), related_name="appeals")
    # No index of its own: the indexes below start with territory.
    territory = link("territory.Territory", _("territory"), related_name="appeals", db_index=False)
    received_at = models.DateTimeField(_("received at"))
    registered_on = models.DateField(_("registration date"), db_index=True)
    channel = models.CharField(_("channel"), max_length=24, choices=Channel.choices)
    applicant_type = models.CharField(
        _("applicant type"), max_length=16, choices=ApplicantType.choices
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    topic = link(Topic, _("topic"), related_name="appeals")
    text = models.TextField(_("text"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.RU
    )

    # Applicant (personal data: shown only to those who need it)
    applicant_name = models.CharField(_("applicant"), max_length=255, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, blank=True)  # indexed with the topic below
    bin = models.CharField(_("BIN"), max_length=12, blank=True)  # indexed with the topic below
    phone = models.CharField(_("phone"), max_length=32, blank=True)  # indexed with the topic below
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    street = models.CharField(
        _("street"), max_length=128, blank=True, help_text=_("Street name without house number.")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    signatories = models.PositiveIntegerField(_("number of signatories"), default=1)
    publish_consent = models.BooleanField(
        _("the applicant agrees to publish the appeal with their name"), default=False
    )
    social_assistance_recipient = models.BooleanField(
        _("the applicant receives social assistance"), default=False
    )
    against_official = models.BooleanField(_("complaint against an official"), default=False)
    threat_to_life = models.BooleanField(_("threat to life or health"), default=False)
    crime_report = models.BooleanField(_("reports a crime or a threat to security"), default=False)

    # Work
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    executor = optional_link(
        settings.AUTH_USER_MODEL, _("executor"), related_name="appeals_executed"
    )
    co_executors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-executors"),
        blank=True,
        related_name="appeals_co_executed",
    )
    due_on = models.DateField(_("deadline"), db_index=True)
    original_due_on = models.DateField(_("original deadline"))
    extension_reason = models.TextField(_("reason for extension"), blank=True)
    extended_on = models.DateField(_("extended on"), null=True, blank=True)
    applicant_notified_of_extension_on = models.DateField(
        _("applicant notified of the extension on"), null=True, blank=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True, db_index=True
    )
    answer_text = models.TextField(_("answer"), blank=True)
    # The executor's answer while it waits for sign-off (given to the applicant only on
    # approval, when it moves to ``outcome``/``answer_text``); kept when returned.
    draft_outcome = models.CharField(
        _("proposed outcome"), max_length=16, choices=Outcome.choices, blank=True
    )
    draft_answer = models.TextField(_("proposed answer"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, db_index=True)
    redirected_to = models.CharField(_("redirected to"), max_length=255, blank=True)
    redirect_reason = models.TextField(_("reason for redirect"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    # Special control of the akim (на особом контроле): only the akim closes it.
    special_control = models.BooleanField(_("on special control"), default=False)
    special_control_since = models.DateField(_("on special control since"), null=True, blank=True)

    # Repeats and risk
    repeated = models.BooleanField(_("repeated"), default=False, db_index=True)
    previous = optional_link(
        "self", _("earlier appeal"), on_delete=models.SET_NULL, related_name="repeats"
    )
    # Обжалование: this appeal is the applicant's complaint about the answer to another one,
    # filed with the office above (``services.appeal_challenge``).
    challenged = optional_link(
        "self", _("complaint about the answer to"), related_name="challenges"
    )
    risk_score = models.PositiveSmallIntegerField(_("risk score"), default=0)
    risk_band = models.CharField(
        _("risk band"), max_length=8, choices=RiskBand.choices, default=RiskBand.NONE, db_index=True
    )
    risk_reasons = models.JSONField(_("risk reasons"), default=list, blank=True)
    # Residents who said "this affects me too" (AppealFollow rows, kept in step by
    # appeal_follow / appeal_unfollow in the same transaction): the inbox reads it without
    # a join, and the risk rule ``supporters`` counts it.
    supporters = models.PositiveIntegerField(_("supporters"), default=0, editable=False)

    # Bookkeeping
    tracking_code = models.CharField(max_length=32, default=_tracking_code, editable=False)
    client_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    registered_by = staff_link(_("registered by"), related_name="appeals_registered")
    applicant_user = staff_link(_("applicant's account"), related_name="appeals_filed")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="unique_appeal_number"),
        ]
        indexes = [
            models.Index(fields=["office", "status", "due_on"], name="appeal_inbox"),
            # Covers the inbox's counts per status, band and overdue within a scope: on
            # 1M appeals the counts read this index alone (about 10x faster).
            models.Index(
                fields=["territory", "status", "risk_band", "due_on"], name="appeal_scope_counts"
            ),
            models.Index(fields=["territory", "registered_on"], name="appeal_territory_reg"),
            models.Index(fields=["territory", "decided_on"], name="appeal_territory_dec"),
            models.Index(fields=["street", "topic", "status"], name="appeal_similar"),
            # Repeat detection: the applicant's latest decided appeal on the topic.
            models.Index(fields=["iin", "topic", "decided_on"], name="appeal_repeat_iin"),
            models.Index(fields=["bin", "topic", "decided_on"], name="appeal_repeat_bin"),
            models.Index(fields=["phone", "topic", "decided_on"], name="appeal_repeat_phone"),
        ]

    def __str__(self):
        return self.number

    @property
    def tracking_code_display(self) -> str:
        """The private code as printed for the resident (``7KQ2M-X9D4T``)."""
        return tracking_code_display(self.tracking_code)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Open and past the deadline today (Asia/Almaty): ``AppealQuerySet.overdue``."""
        return self.is_open and self.due_on < calendar.today()

    @property
    def working_days_left(self) -> int | None:
        """Working days from today (Asia/Almaty) to the deadline, negative when overdue;
        None once the appeal is no longer open."""
        if not self.is_open or self.due_on is None:
            return None
        return calendar.working_days_between(calendar.today(), self.due_on)

    @property
    def is_collective(self) -> bool:
        return self.signatories > 1


class AppealFollow(models.Model):
    """A signed-in resident's "this affects me too" on a public appeal: one per account,
    withdrawn by deleting it (``appeal_follow`` / ``appeal_unfollow``)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="follows")
    user = link(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals_followed")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("supporter of an appeal")
        verbose_name_plural = _("supporters of appeals")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "user"], name="unique_appeal_follow")
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="appeal_follow_user")]

    def __str__(self):
        return f"{self.appeal} ← {self.user}"


class AppealCounter(models.Model):
    """The last number given by an office in a year (for gap-free numbering)."""

    office = models.ForeignKey("territory.Office", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="unique_appeal_counter")
        ]
        verbose_name = _("appeal counter")
        verbose_name_plural = _("appeal counters")

    def __str__(self):
        return f"{self.office} {self.year}: {self.last}"
