"""What is recorded about an appeal as it goes: its timeline, attachments and rating."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import staff_link

from ..querysets import RatingQuerySet
from .appeal import Appeal


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
    actor = staff_link(_("by"))
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")

    def __str__(self):
        return f"{self.appeal} {self.get_kind_display()}"


def _attachment_path(instance, filename):
    # Re-exported by the package: the migrations name it ``tyndau.appeals.models._attachment_path``.
    return f"appeals/{instance.appeal.registered_on:%Y/%m}/{instance.appeal_id}/{filename}"


class Attachment(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path)
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    is_answer = models.BooleanField(_("part of the answer"), default=False)
    uploaded_by = staff_link()
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
