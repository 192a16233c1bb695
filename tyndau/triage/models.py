"""Triage: versions of the topic model, the labels clerks give, and problems (several
appeals about one matter). Written only by ``tyndau.triage.services``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link, optional_link


class TopicModel(models.Model):
    """One trained version of the topic model. Exactly one is in use at a time; a new one
    replaces it only if it scores at least as well on the held-out labels."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("in use")
        RETIRED = "retired", _("replaced")
        REJECTED = "rejected", _("rejected: scored lower")

    version = models.PositiveIntegerField(_("version"), unique=True)
    file = models.CharField(_("file"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    corpus_size = models.PositiveIntegerField(_("texts from the shipped corpus"))
    labels_used = models.PositiveIntegerField(_("office labels trained on"))
    labels_held_out = models.PositiveIntegerField(_("office labels held out"))
    score = models.FloatField(_("accuracy on the held-out labels"), null=True)
    previous_score = models.FloatField(_("accuracy of the model in use"), null=True)
    scored_on = models.CharField(_("scored on"), max_length=32)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("topic model version")
        verbose_name_plural = _("topic model versions")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="active"),
                name="one_active_topic_model",
            )
        ]

    def __str__(self):
        return f"v{self.version} ({self.get_status_display()})"


class TopicLabel(models.Model):
    """A person's choice of topic for an appeal, with what the model had suggested.

    The latest label of an appeal is the one the model learns from."""

    appeal = link("appeals.Appeal", on_delete=models.CASCADE, related_name="topic_labels")
    topic = link("appeals.Topic", _("topic"), related_name="+")
    suggested_topic = optional_link("appeals.Topic", _("suggested topic"), related_name="+")
    confidence = models.FloatField(_("confidence of the suggestion"), null=True, blank=True)
    model_version = models.PositiveIntegerField(_("model version"), null=True, blank=True)
    accepted = models.BooleanField(_("suggestion accepted"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("topic label")
        verbose_name_plural = _("topic labels")

    def __str__(self):
        return f"{self.appeal_id}: {self.topic_id}"


class Problem(models.Model):
    """One problem several residents wrote about (a burst water main on one street).

    Each linked appeal keeps its own record, deadline and answer; the problem groups them
    so they are solved and answered together."""

    office = link("territory.Office", _("office"), related_name="+")
    title = models.CharField(_("title"), max_length=255)
    topic = link("appeals.Topic", _("topic"), related_name="+")
    street = models.CharField(_("street"), max_length=128, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self):
        return self.title


class ProblemAppeal(models.Model):
    """An appeal linked to a problem (an appeal belongs to one problem at most)."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="links")
    appeal = models.OneToOneField(
        "appeals.Appeal", on_delete=models.CASCADE, related_name="problem_link"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appeal of a problem")
        verbose_name_plural = _("appeals of problems")

    def __str__(self):
        return f"{self.problem_id}: {self.appeal_id}"
