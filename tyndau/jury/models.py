"""A citizens' jury: its pool of volunteers, quotas, LEXIMIN lottery and drawn panel."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    POOL = "pool", _("collecting volunteers")
    DRAWN = "drawn", _("panel drawn")
    VERDICT = "verdict", _("verdict given")


class DrawState(models.TextChoices):
    IDLE = "", _("not started")
    RUNNING = "running", _("drawing")
    FAILED = "failed", _("failed")


# A draw still "running" after this long died with its process (a restart): it may be
# started again. A 2,000-person LEXIMIN takes about two minutes.
DRAW_STALE_AFTER = dt.timedelta(minutes=30)


class Source(models.TextChoices):
    IMPORT = "import", _("imported")
    PORTAL = "portal", _("portal form")


class Jury(models.Model):
    question = models.TextField(_("question"))
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("territory"), on_delete=models.PROTECT
    )
    panel_size = models.PositiveSmallIntegerField(_("panel size"))
    starts_on = models.DateField(_("hearings start"))
    ends_on = models.DateField(_("hearings end"))
    household_rule = models.BooleanField(_("at most one person per address"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.POOL
    )
    experts = models.TextField(_("experts heard"), blank=True)
    documents = models.TextField(_("documents"), blank=True)
    verdict = models.TextField(_("verdict"), blank=True)
    seed = models.CharField(_("public random seed"), max_length=200, blank=True)
    seed_source = models.CharField(
        _("where and when the seed was published"), max_length=300, blank=True
    )
    record = models.JSONField(_("reproducibility record"), null=True, blank=True, editable=False)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, editable=False)
    min_probability = models.FloatField(_("minimum probability"), null=True, editable=False)
    mean_probability = models.FloatField(_("mean probability"), null=True, editable=False)
    share_below_fair = models.FloatField(_("share below k/n"), null=True, editable=False)
    draw_state = models.CharField(
        _("draw"), max_length=8, choices=DrawState.choices, default=DrawState.IDLE, blank=True
    )
    draw_started_at = models.DateTimeField(_("draw started"), null=True, editable=False)
    draw_error = models.TextField(_("why the draw failed"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("citizens' jury")
        verbose_name_plural = _("citizens' juries")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.question[:80]

    @property
    def draw_running(self) -> bool:
        """A draw is computing now (one that outlived DRAW_STALE_AFTER died unfinished)."""
        from django.utils import timezone

        return (
            self.draw_state == DrawState.RUNNING
            and self.draw_started_at is not None
            and timezone.now() - self.draw_started_at < DRAW_STALE_AFTER
        )

    @property
    def draw_interrupted(self) -> bool:
        return self.draw_state == DrawState.RUNNING and not self.draw_running


class Volunteer(models.Model):
    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="volunteers")
    external_id = models.CharField(_("id"), max_length=64)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    village = models.CharField(_("village"), max_length=120, blank=True)
    traits = models.JSONField(_("traits"), default=dict)
    consent = models.BooleanField(_("consent to take part"), default=False)
    public_consent = models.BooleanField(_("consent to show first name and village"), default=False)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.IMPORT)
    probability = models.FloatField(_("selection probability"), null=True, editable=False)
    selected = models.BooleanField(_("on the panel"), default=False, editable=False)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(fields=["jury", "external_id"], name="jury_volunteer_unique_id")
        ]

    def __str__(self):
        return self.external_id

    @property
    def first_name(self) -> str:
        return (self.name.split() or [""])[0]


class Quota(models.Model):
    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="quotas")
    trait = models.CharField(_("trait"), max_length=64)
    value = models.CharField(_("value"), max_length=120)
    minimum = models.PositiveSmallIntegerField(_("minimum"))
    maximum = models.PositiveSmallIntegerField(_("maximum"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["trait", "value"]
        constraints = [
            models.UniqueConstraint(fields=["jury", "trait", "value"], name="jury_quota_unique")
        ]

    def __str__(self):
        return f"{self.trait}={self.value}: {self.minimum}..{self.maximum}"
