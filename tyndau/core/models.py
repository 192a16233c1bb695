from django.db import models
from django.utils import timezone
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


class JobQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting and due: a failed job whose pause is over, or one whose process died
        (its lease is over)."""
        return self.filter(done_at__isnull=True, next_try_at__lte=now)

    def failed(self):
        """Tried and not (yet) succeeded: what an admin looks at."""
        return self.filter(done_at__isnull=True, attempts__gt=0)

    def given_up(self):
        """Failed ``MAX_ATTEMPTS`` times: waits for an administrator."""
        return self.filter(done_at__isnull=True, next_try_at__isnull=True)


class Job(models.Model):
    """A background job (a notice, an e-mail), written in the same transaction as the
    change it follows, so that a committed appeal never loses its notice (an outbox).

    ``tyndau.core.jobs`` runs it right after the commit and deletes it when it succeeds.
    If it raises, it stays here with the error and ``run_due_jobs`` runs it again with a
    growing pause until it succeeds (then ``done_at`` is set) or has failed
    ``MAX_ATTEMPTS`` times, after which it waits for an administrator. If its process
    died before it ran, ``run_due_jobs`` takes it once its lease (``next_try_at``) is over.
    """

    path = models.CharField(_("job"), max_length=255)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    next_try_at = models.DateTimeField(_("next try at"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(_("succeeded at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.path} ({self.attempts})"
