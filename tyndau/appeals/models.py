"""Appeals (обращения) of residents and organisations, under the АППК.

State changes go through ``tyndau.appeals.services``; nothing else writes these models.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core import calendar
from tyndau.core.i18n import in_language

from .querysets import AppealQuerySet, RatingQuerySet
from .tracking import tracking_code_display, tracking_code_new


class Topic(models.Model):
    """One topic of the internal taxonomy; report forms map these onto their own columns."""

    code = models.SlugField(_("code"), max_length=48, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    plain_ru = models.CharField(_("plain words in Russian"), max_length=255, blank=True)
    plain_kk = models.CharField(_("plain words in Kazakh"), max_length=255, blank=True)
    plain_en = models.CharField(_("plain words in English"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def plain(self) -> str:
        return in_language(self, "plain", fallback=self.name)


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


def _tracking_code() -> str:
    # Kept under this name: migration 0001 names it as the field's default.
    return tracking_code_new()


class Appeal(models.Model):
    number = models.CharField(_("number"), max_length=32)
    office = models.ForeignKey(
        "territory.Office",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    territory = models.ForeignKey(
        "territory.Territory",
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="appeals",
        db_index=False,  # the indexes below start with territory
    )
    received_at = models.DateTimeField(_("received at"))
    registered_on = models.DateField(_("registration date"), db_index=True)
    channel = models.CharField(_("channel"), max_length=24, choices=Channel.choices)
    applicant_type = models.CharField(
        _("applicant type"), max_length=16, choices=ApplicantType.choices
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="appeals"
    )
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
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("executor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_executed",
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
    previous = models.ForeignKey(
        "self",
        verbose_name=_("earlier appeal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    # Обжалование: this appeal is the applicant's complaint about the answer to another one,
    # filed with the office above (``services.appeal_challenge``).
    challenged = models.ForeignKey(
        "self",
        verbose_name=_("complaint about the answer to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
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
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals_registered",
    )
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals_filed",
    )
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
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals_followed"
    )
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


class AppealEvent(models.Model):
    """One step of an appeal's life (the timeline), written by the services only."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("registered")
        ASSIGNED = "assigned", _("executor assigned")
        EXTENDED = "extended", _("deadline extended")
        SUBMITTED = "submitted", _("answer sent for sign-off")
        APPROVED = "approved", _("answer signed off")
        RETURNED = "returned", _("answer returned for rework")
        ANSWERED = "answered", _("answered")
        REDIRECTED = "redirected", _("redirected")
        NOT_CONSIDERED = "not_considered", _("left without consideration")
        CLOSED = "closed", _("closed")
        RATED = "rated", _("rated by the applicant")
        CHALLENGED = "challenged", _("answer challenged by the applicant")
        CHALLENGE_FILED = "challenge_filed", _("complaint about an answer")
        NOTIFIED = "notified", _("applicant notified")
        REMINDED = "reminded", _("reminder sent")
        ESCALATED = "escalated", _("overdue reported to the akim")
        EDITED = "edited", _("edited")
        CONTROL_ON = "control_on", _("put on special control")
        CONTROL_OFF = "control_off", _("taken off special control")
        IMPORTED = "imported", _("imported")

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")

    def __str__(self):
        return f"{self.appeal} {self.get_kind_display()}"


def _attachment_path(instance, filename):
    return f"appeals/{instance.appeal.registered_on:%Y/%m}/{instance.appeal_id}/{filename}"


class Attachment(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path)
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    is_answer = models.BooleanField(_("part of the answer"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class Rating(models.Model):
    """The applicant's rating of the answer (1–5) with an optional comment."""

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(auto_now_add=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_5"
            )
        ]

    def __str__(self):
        return f"{self.appeal}: {self.score}"


class RiskRule(models.Model):
    """One editable rule of the risk score. ``code`` names the check in ``risk.py``."""

    code = models.SlugField(_("code"), max_length=48, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    points = models.PositiveSmallIntegerField(_("points"))
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        default=0,
        help_text=_(
            "For rules that count: days before the deadline, or how many similar open "
            "appeals make a cluster."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-points", "code"]
        verbose_name = _("risk rule")
        verbose_name_plural = _("risk rules")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")


class RiskSettings(models.Model):
    """The lowest score of each band (defaults: yellow 1–2, orange 3–5, red 6–10)."""

    yellow_from = models.PositiveSmallIntegerField(_("yellow from"), default=1)
    orange_from = models.PositiveSmallIntegerField(_("orange from"), default=3)
    red_from = models.PositiveSmallIntegerField(_("red from"), default=6)

    class Meta:
        verbose_name = _("risk bands")
        verbose_name_plural = _("risk bands")

    def __str__(self):
        return f"{self.yellow_from}/{self.orange_from}/{self.red_from}"

    @classmethod
    def current(cls) -> "RiskSettings":
        return cls.objects.first() or cls()

    def band_for(self, score: int) -> str:
        if score >= self.red_from:
            return RiskBand.RED
        if score >= self.orange_from:
            return RiskBand.ORANGE
        if score >= self.yellow_from:
            return RiskBand.YELLOW
        return RiskBand.NONE


class SavedInboxView(models.Model):
    """A staff member's default view of the inbox: the filters they chose, kept as a
    query string and restored when they open the inbox without filters."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="saved_inbox_view",
    )
    query = models.CharField(_("filters"), max_length=2000)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("saved inbox view")
        verbose_name_plural = _("saved inbox views")

    def __str__(self):
        return f"{self.user}: {self.query}"
