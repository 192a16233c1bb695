from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """A day moved by government decree (перенос дня по постановлению Правительства).

    A Saturday made a working day, or a weekday made a day off. The working-day calendar
    (``tyndau.core.calendar``) applies these on top of weekends and public holidays.
    """

    class Kind(models.TextChoices):
        WORKING_DAY = "working_day", _("working day")
        DAY_OFF = "day_off", _("day off")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    reason = models.CharField(
        _("reason"), max_length=255, blank=True, help_text=_("For example, the decree number.")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("moved day")
        verbose_name_plural = _("moved days")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} — {self.get_kind_display()}"


class FailedJob(models.Model):
    """A background job that raised (a mail server down, say), kept to be run again.

    ``tyndau.core.jobs`` records it instead of losing it; the periodic job
    ``retry_failed_jobs`` runs it again with a growing pause until it succeeds or has
    failed ``MAX_ATTEMPTS`` times, after which it waits here for an administrator.
    """

    path = models.CharField(_("job"), max_length=255)
    kwargs = models.JSONField(_("arguments"), default=dict)
    error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    failed_at = models.DateTimeField(_("failed at"))
    next_try_at = models.DateTimeField(_("next try at"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(_("succeeded at"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("failed background job")
        verbose_name_plural = _("failed background jobs")

    def __str__(self):
        return f"{self.path} ({self.attempts})"
