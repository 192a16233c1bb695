"""Which internal topics fall into which column of each report form (editable)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .definitions import COLUMNS, FORMS, MAPPED_FORMS


class FormTopicMapping(models.Model):
    """One internal topic counted in one column of a report form.

    A topic has at most one column per form; a topic with no row for a form is counted
    in that form's ``other`` column.
    """

    form = models.CharField(
        _("report form"),
        max_length=32,
        choices=[(f, FORMS[f]) for f in MAPPED_FORMS],
    )
    column = models.CharField(_("column"), max_length=48)
    topic = models.ForeignKey(
        "appeals.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="form_mappings",
    )

    class Meta:
        ordering = ["form", "column", "topic__order"]
        verbose_name = _("topic mapping of a report form")
        verbose_name_plural = _("topic mappings of report forms")
        constraints = [
            models.UniqueConstraint(fields=["form", "topic"], name="unique_form_topic_mapping")
        ]

    def __str__(self):
        return f"{self.form}: {self.topic} → {self.column}"

    def clean(self):
        columns = [c for c, _label in COLUMNS.get(self.form, [])]
        if self.column not in columns:
            raise ValidationError(
                {
                    "column": _("This form has no such column. Columns: %(columns)s.")
                    % {"columns": ", ".join(columns)}
                }
            )
