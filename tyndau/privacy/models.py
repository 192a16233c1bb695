"""What leaves the office of an appeal (its publication) and who read its personal data.

State changes go through ``tyndau.privacy.services``; nothing else writes these models.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link, staff_link


class Publication(models.Model):
    """Whether an appeal is on public pages, and the anonymised text shown there.

    Every appeal gets one when it is registered, in state "pending": nothing is public
    before a clerk has looked and pressed "publish" (on the anonymised, editable text) or
    "keep private".
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        PUBLISHED = "published", _("published")
        PRIVATE = "private", _("kept private")

    appeal = models.OneToOneField(
        "appeals.Appeal",
        verbose_name=_("appeal"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="publication",
    )
    state = models.CharField(
        _("publication"), max_length=12, choices=State.choices, default=State.PENDING
    )
    applicant_declined = models.BooleanField(
        _("the applicant asked not to publish the appeal"), default=False
    )
    private_terms = models.TextField(
        _("words the applicant marked private"), blank=True, help_text=_("One a line.")
    )
    public_text = models.TextField(_("public text"), blank=True)
    public_answer = models.TextField(_("public answer"), blank=True)
    answer_digest = models.CharField(max_length=64, blank=True, editable=False)
    decided_by = staff_link(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["state"], name="publication_state")]

    def __str__(self):
        return f"{self.appeal_id}: {self.get_state_display()}"

    @property
    def terms(self) -> list[str]:
        return [t.strip() for t in self.private_terms.splitlines() if t.strip()]


class AccessRecord(models.Model):
    """One read of an appeal's personal data by a staff member (журнал доступа)."""

    class Channel(models.TextChoices):
        PAGE = "page", _("appeal page")
        API = "api", _("API")
        EXPORT = "export", _("export")
        ATTACHMENT = "attachment", _("attachment")
        SLIP = "slip", _("registration slip")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = link(
        settings.AUTH_USER_MODEL, _("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    appeal = link(
        "appeals.Appeal", _("appeal"), on_delete=models.CASCADE, related_name="access_records"
    )
    channel = models.CharField(_("where"), max_length=12, choices=Channel.choices)
    parts = models.JSONField(_("parts"), default=list)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access to personal data")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["appeal", "at"], name="access_by_appeal"),
            models.Index(fields=["user", "at"], name="access_by_user"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.appeal_id} {self.at:%Y-%m-%d %H:%M}"

    @property
    def parts_display(self) -> list[str]:
        from .policy import Part

        labels = dict(Part.choices)
        return [str(labels.get(p, p)) for p in self.parts]
