"""The rules and settings of the risk score."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.named import NamedInLanguages

from .choices import RiskBand


class RiskRule(NamedInLanguages):
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
