"""The budget of a rural district (бюджет четвёртого уровня) by year: revenues by kind and
expenditures by budget programme, each planned, adjusted and executed, by month.

State changes go through ``tyndau.budget.services``.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link, optional_link
from tyndau.core.languages import InLanguage
from tyndau.gathering.versions import ApprovedVersion, approving_decision

MONEY = {"max_digits": 16, "decimal_places": 2}


class RevenueKind(models.TextChoices):
    """The revenues that go to the budget of a rural district (Budget Code, art. 52-1)."""

    INCOME_TAX = "income_tax", _("individual income tax")
    PROPERTY_TAX = "property_tax", _("property tax of individuals")
    LAND_TAX = "land_tax", _("land tax")
    SINGLE_LAND_TAX = "single_land_tax", _("single land tax")
    VEHICLE_TAX = "vehicle_tax", _("vehicle tax")
    ADVERTISING = "advertising", _("fee for outdoor advertising")
    FEES = "fees", _("other fees and charges")
    FINES = "fines", _("fines")
    VOLUNTARY = "voluntary", _("voluntary payments")
    PROPERTY_INCOME = "property_income", _("income from communal property")
    TRANSFERS = "transfers", _("transfers from the district")
    OTHER = "other", _("other revenues")


class Section(models.TextChoices):
    REVENUE = "revenue", _("revenue")
    EXPENDITURE = "expenditure", _("expenditure")


class Budget(models.Model):
    territory = link("territory.Territory", _("territory"), related_name="budgets")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["territory__path", "-year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="unique_budget_year")
        ]

    def __str__(self):
        return f"{self.territory} {self.year}"


class Programme(models.Model):
    """A budget programme (бюджетная программа), e.g. 008 street lighting."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="programmes")
    code = models.CharField(_("code"), max_length=16)
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)

    class Meta:
        ordering = ["budget", "code"]
        verbose_name = _("budget programme")
        verbose_name_plural = _("budget programmes")
        constraints = [
            models.UniqueConstraint(fields=["budget", "code"], name="unique_budget_programme")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    name = InLanguage()


class BudgetLine(models.Model):
    """One month of one revenue kind or one programme: planned, adjusted, executed."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    kind = models.CharField(
        _("revenue kind"), max_length=24, choices=RevenueKind.choices, blank=True
    )
    programme = optional_link(Programme, on_delete=models.CASCADE, related_name="lines")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    planned = models.DecimalField(_("planned, tenge"), default=Decimal(0), **MONEY)
    adjusted = models.DecimalField(_("adjusted, tenge"), default=Decimal(0), **MONEY)
    executed = models.DecimalField(_("executed, tenge"), default=Decimal(0), **MONEY)

    class Meta:
        ordering = ["budget", "section", "kind", "programme__code", "month"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "kind", "month"],
                condition=models.Q(section="revenue"),
                name="unique_revenue_month",
            ),
            models.UniqueConstraint(
                fields=["budget", "programme", "month"],
                condition=models.Q(section="expenditure"),
                name="unique_expenditure_month",
            ),
            models.CheckConstraint(
                condition=(models.Q(section="revenue", programme__isnull=True) & ~models.Q(kind=""))
                | models.Q(section="expenditure", programme__isnull=False, kind=""),
                name="budget_line_section_matches",
            ),
            models.CheckConstraint(
                condition=models.Q(planned__gte=0, adjusted__gte=0, executed__gte=0),
                name="budget_line_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.budget} {self.kind or self.programme_id} {self.month}"


class BudgetVersion(ApprovedVersion):
    """A frozen copy of a budget as the local community gathering agreed it: the annual
    planned (adjusted) amounts by revenue kind and by programme."""

    of = "budget"
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="versions")
    decision = approving_decision(
        related_name="budget_versions",
        help_text=_("The session's decision that agreed this version."),
    )

    class Meta:
        ordering = ["budget", "-number"]
        verbose_name = _("approved budget version")
        verbose_name_plural = _("approved budget versions")
        constraints = [
            models.UniqueConstraint(fields=["budget", "number"], name="unique_budget_version")
        ]
