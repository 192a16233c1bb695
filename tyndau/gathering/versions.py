"""A frozen copy of a plan or a budget as a decision of the local community gathering
approved (agreed) it: the one declaration of what such a version records.

``tyndau.plans.services.version_approve`` writes them, for plans and budgets alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApprovedVersion(models.Model):
    """The base of ``PlanVersion`` and ``BudgetVersion``: the version's number, when and by
    which decision of the gathering it was approved, and the approved contents. Later edits
    change the working plan or budget, not this copy.

    A model adds the foreign key to what it copies (with ``related_name="versions"``), names
    it in ``of``, and declares ``decision`` with :func:`approving_decision`."""

    of = ""  # the name of the foreign key to the plan or budget this is a version of

    number = models.PositiveIntegerField(_("version"))
    approved_on = models.DateField(_("approved on"))
    approved_by = models.CharField(
        _("approved by"), max_length=255, blank=True, help_text=_("The session and decision.")
    )
    snapshot = models.JSONField(_("approved contents"), editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{getattr(self, self.of)} v{self.number}"


def approving_decision(*, related_name: str, help_text) -> models.ForeignKey:
    """The decision of the gathering that approved the version (empty for a version from
    before decisions were recorded); a decision with versions cannot be deleted."""
    return models.ForeignKey(
        "gathering.Decision",
        verbose_name=_("decision of the gathering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        help_text=help_text,
    )
