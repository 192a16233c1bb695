"""State services (государственные услуги) of an akim's office and the land-plot queue.

The register (:class:`PublicService`) is one catalogue for every office, as the state
register of services is; an :class:`Application` is made to one office. State changes
go through ``tyndau.services.services``; nothing else writes these models.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link, optional_link, staff_link
from tyndau.core.i18n import in_language
from tyndau.core.named import NamedInLanguages


class ServiceKind(models.TextChoices):
    REGULAR = "regular", _("a decision or a document")
    QUEUE = "queue", _("the land-plot queue")


class PublicService(NamedInLanguages):
    """One state service of the register: official names, documents, legal term, fee."""

    code = models.SlugField(_("code"), max_length=48, unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ServiceKind.choices, default=ServiceKind.REGULAR
    )
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    documents_ru = models.TextField(_("documents required (Russian)"), blank=True)
    documents_kk = models.TextField(_("documents required (Kazakh)"), blank=True)
    documents_en = models.TextField(_("documents required (English)"), blank=True)
    term_days = models.PositiveSmallIntegerField(
        _("legal term in working days"), help_text=_("Counted from the day after registration.")
    )
    fee = models.DecimalField(
        _("fee, tenge"), max_digits=10, decimal_places=2, default=0, help_text=_("0: free.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("public service")
        verbose_name_plural = _("public services")

    @property
    def documents(self) -> list[str]:
        return [
            line.strip() for line in in_language(self, "documents").splitlines() if line.strip()
        ]


class RefusalReason(NamedInLanguages):
    """A ground for a justified refusal of one service (основание для отказа)."""

    service = link(PublicService, _("service"), on_delete=models.CASCADE, related_name="reasons")
    code = models.SlugField(_("code"), max_length=48)
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["service", "order", "code"]
        verbose_name = _("refusal reason")
        verbose_name_plural = _("refusal reasons")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="unique_refusal_reason")
        ]


class ApplicationChannel(models.TextChoices):
    PORTAL = "portal", _("portal")
    OFFICE = "office", _("at the office (clerk)")


class ApplicationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    RENDERED = "rendered", _("rendered")
    REFUSED = "refused", _("justified refusal")


class QueuePurpose(models.TextChoices):
    INDIVIDUAL_HOUSING = "individual_housing", _("individual housing")
    FARMING = "farming", _("peasant or farm holding")
    GARDENING = "gardening", _("gardening")
    DACHA = "dacha", _("dacha building")
    BUSINESS = "business", _("business")


class QueueAction(models.TextChoices):
    JOIN = "join", _("join the queue")
    LEAVE = "leave", _("leave the queue")


def _tracking_code() -> str:
    return secrets.token_urlsafe(9)


class Application(models.Model):
    """An application for a state service (заявление на оказание госуслуги)."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    office = link("territory.Office", _("office"), related_name="service_applications")
    territory = link("territory.Territory", _("territory"), related_name="service_applications")
    service = link(PublicService, _("service"), related_name="applications")
    channel = models.CharField(_("channel"), max_length=16, choices=ApplicationChannel.choices)
    applicant_name = models.CharField(_("applicant"), max_length=255)
    iin = models.CharField(_("IIN"), max_length=12)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    details = models.TextField(_("details"), blank=True)
    queue_action = models.CharField(
        _("queue action"), max_length=8, choices=QueueAction.choices, blank=True
    )
    queue_purpose = models.CharField(
        _("purpose of the plot"), max_length=24, choices=QueuePurpose.choices, blank=True
    )
    queue_entry = optional_link("QueueEntry", _("queue entry"), related_name="applications")
    received_at = models.DateTimeField(_("received at"))
    registered_on = models.DateField(_("registration date"), db_index=True)
    due_on = models.DateField(_("due date"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.REGISTERED,
        db_index=True,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, db_index=True)
    result_text = models.TextField(_("result"), blank=True)
    refusal_reason = optional_link(RefusalReason, _("refusal reason"), related_name="applications")
    refusal_text = models.TextField(_("explanation of the refusal"), blank=True)
    tracking_code = models.CharField(max_length=24, default=_tracking_code, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    registered_by = staff_link(_("registered by"), related_name="service_applications_registered")
    decided_by = staff_link(_("decided by"), related_name="service_applications_decided")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("service application")
        verbose_name_plural = _("service applications")
        indexes = [
            models.Index(fields=["office", "status", "due_on"], name="svc_app_inbox"),
            models.Index(fields=["service", "registered_on"], name="svc_app_report"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status == ApplicationStatus.REGISTERED


class QueueStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    ALLOCATED = "allocated", _("plot allocated")
    LEFT = "left", _("left the queue")


class QueueEntry(models.Model):
    """A place in the office's queue for a land plot of one purpose.

    The position is not stored: it is the rank among the waiting entries of the same
    office and purpose, by date joined (then by id), computed by the database.
    """

    number = models.CharField(_("queue number"), max_length=32, unique=True)
    office = link("territory.Office", _("office"), related_name="queue_entries")
    purpose = models.CharField(
        _("purpose of the plot"), max_length=24, choices=QueuePurpose.choices
    )
    applicant_name = models.CharField(_("applicant"), max_length=255)
    iin = models.CharField(_("IIN"), max_length=12)
    joined_on = models.DateField(_("joined on"))
    status = models.CharField(
        _("status"), max_length=16, choices=QueueStatus.choices, default=QueueStatus.WAITING
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["office", "purpose", "joined_on", "id"]
        verbose_name = _("queue entry")
        verbose_name_plural = _("queue entries")
        indexes = [
            models.Index(fields=["office", "purpose", "status", "joined_on"], name="svc_queue_rank")
        ]

    def __str__(self):
        return self.number
