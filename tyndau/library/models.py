"""The answer library (бюро консультаций): questions residents ask, answered once and
published, so the next resident finds the answer before (or instead of) writing an appeal.

State changes go through ``tyndau.library.services``; nothing else writes these models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.core.fields import link, optional_link, staff_link
from tyndau.core.i18n import in_language


class Entry(models.Model):
    """One question and its answer, in Russian and/or Kazakh, with the legal basis."""

    office = link("territory.Office", _("office"), related_name="library_entries")
    topic = link("appeals.Topic", _("topic"), related_name="library_entries")
    question_ru = models.TextField(pgettext_lazy("library", "question in Russian"), blank=True)
    question_kk = models.TextField(pgettext_lazy("library", "question in Kazakh"), blank=True)
    answer_ru = models.TextField(_("answer in Russian"), blank=True)
    answer_kk = models.TextField(_("answer in Kazakh"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    source_appeal = optional_link(
        "appeals.Appeal",
        _("appeal it came from"),
        on_delete=models.SET_NULL,
        related_name="library_entries",
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = staff_link(_("published by"))
    # Lower-cased question and answer in both languages, for the fallback search.
    search_text = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["topic__order", "-published_at", "-id"]
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")

    def __str__(self):
        return (self.question or "")[:80]

    @property
    def question(self) -> str:
        return in_language(self, "question", fallback=self.question_ru or self.question_kk)

    @property
    def answer(self) -> str:
        return in_language(self, "answer", fallback=self.answer_ru or self.answer_kk)


class Impression(models.Model):
    """An entry shown to a resident while they typed an appeal on the portal.

    One row per entry and form (the form's ``client_key``); ``filed`` turns true when
    that form was then sent. Shown minus filed is how often the entry was shown and the
    resident did not file.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="impressions")
    client_key = models.CharField(max_length=64)
    shown_at = models.DateTimeField(auto_now_add=True)
    filed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("suggestion shown")
        verbose_name_plural = _("suggestions shown")
        constraints = [
            models.UniqueConstraint(fields=["entry", "client_key"], name="unique_impression")
        ]
        indexes = [models.Index(fields=["client_key"], name="library_impression_key")]

    def __str__(self):
        return f"{self.entry_id}:{self.client_key}"
