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
