"""The development plan of a territory (проект развития сельского округа).

A plan covers a territory and a period; its items form a tree of any depth (programmes at
the top, then measures, then works…), stored with a materialised path of ids so a
subtree is one ``path LIKE 'prefix%'`` query. Each item has an indicator, dates, a
responsible executor, financing lines by source and year, a status from an editable list
and dated progress entries. A parent's progress is the weighted mean of its children's,
kept up to date by the services with one aggregate query per level.

State changes go through ``tyndau.plans.services``; nothing else writes these models.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link, optional_link, staff_link
from tyndau.core.languages import InLanguage
from tyndau.core.named import NamedInLanguages
from tyndau.gathering.versions import ApprovedVersion, approving_decision

MONEY = {"max_digits": 16, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


class ItemStatus(NamedInLanguages):
    """A status of a plan item, from a list the office edits (admin)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=100)
    name_kk = models.CharField(_("name in Kazakh"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    is_done = models.BooleanField(
        _("means done"), default=False, help_text=_("An item in this status is never late.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("plan item status")
        verbose_name_plural = _("plan item statuses")


class Plan(models.Model):
    """A development plan of one territory for a period of years."""

    territory = link("territory.Territory", _("territory"), related_name="plans")
    title_ru = models.CharField(_("title in Russian"), max_length=255)
    title_kk = models.CharField(_("title in Kazakh"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["territory__path", "-first_year", "id"]
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="plan_period_order",
            )
        ]

    def __str__(self):
        return self.title

    title = InLanguage()

    @property
    def period(self) -> str:
        return f"{self.first_year}–{self.last_year}"


class PlanItem(models.Model):
    """A programme, measure or work of a plan; ``parent`` makes the tree."""

    plan = link(Plan, _("plan"), on_delete=models.CASCADE, related_name="items")
    parent = optional_link("self", _("part of"), on_delete=models.CASCADE, related_name="children")
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    code = models.CharField(
        _("number in the plan"), max_length=32, help_text=_("For example 1, 1.2 or 1.2.3.")
    )
    title_ru = models.CharField(_("title in Russian"), max_length=255)
    title_kk = models.CharField(_("title in Kazakh"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)

    indicator = models.CharField(_("indicator"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=32, blank=True)
    baseline = models.DecimalField(_("baseline value"), null=True, blank=True, **MONEY)
    target = models.DecimalField(_("target value"), null=True, blank=True, **MONEY)

    starts_on = models.DateField(_("start date"), null=True, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True, db_index=True)

    responsible_user = staff_link(_("responsible staff member"), related_name="plan_items")
    responsible_body = models.CharField(
        _("responsible organisation"),
        max_length=255,
        blank=True,
        help_text=_("An outside body (a contractor, a district department), if not staff."),
    )
    status = link(ItemStatus, _("status"), related_name="+")
    weight = models.DecimalField(
        _("weight in the parent's progress"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Empty: the planned money of this item."),
        **MONEY,
    )
    progress = models.DecimalField(_("progress, %"), default=Decimal(0), editable=False, **PERCENT)
    planned_total = models.DecimalField(
        _("planned, tenge"), default=Decimal(0), editable=False, **MONEY
    )
    spent_total = models.DecimalField(
        _("spent, tenge"), default=Decimal(0), editable=False, **MONEY
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "path"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_plan_item_code"),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="plan_item_progress_range",
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    title = InLanguage()

    @property
    def territory(self):
        """The plan's territory (the permissions are scoped by it)."""
        return self.plan.territory

    @property
    def responsible(self) -> str:
        if self.responsible_user_id:
            return self.responsible_user.get_full_name() or self.responsible_user.username
        return self.responsible_body

    @property
    def remaining(self) -> Decimal:
        return self.planned_total - self.spent_total


class FinancingSource(models.TextChoices):
    REPUBLICAN = "republican", _("republican budget")
    OBLAST = "oblast", _("oblast budget")
    DISTRICT = "district", _("city or district budget")
    RURAL = "rural", _("budget of the rural district")
    PPP = "ppp", _("public-private partnership")
    SPONSOR = "sponsor", _("sponsor")


class FinancingLine(models.Model):
    """Money for an item from one source in one year (tenge)."""

    item = link(PlanItem, _("plan item"), on_delete=models.CASCADE, related_name="financing")
    source = models.CharField(_("source"), max_length=16, choices=FinancingSource.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planned = models.DecimalField(
        _("planned, tenge"), validators=[MinValueValidator(Decimal(0))], **MONEY
    )
    spent = models.DecimalField(
        _("spent, tenge"), default=Decimal(0), validators=[MinValueValidator(Decimal(0))], **MONEY
    )
    budget_programme_code = models.CharField(
        _("budget programme code"),
        max_length=16,
        blank=True,
        help_text=_("The programme of the rural district's budget that pays for it."),
    )

    class Meta:
        ordering = ["item__path", "year", "source"]
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "source", "year"], name="unique_financing_line"
            ),
            models.CheckConstraint(
                condition=models.Q(planned__gte=0, spent__gte=0), name="financing_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.item.code} {self.get_source_display()} {self.year}"


class ProgressEntry(models.Model):
    """A dated report of what was done on an item (text, percent, photos)."""

    item = link(PlanItem, _("plan item"), on_delete=models.CASCADE, related_name="entries")
    on = models.DateField(_("date"))
    percent = models.DecimalField(
        _("done, %"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        **PERCENT,
    )
    text = models.TextField(_("what was done"))
    created_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "-on", "-id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100),
                name="progress_entry_percent_range",
            )
        ]

    def __str__(self):
        return f"{self.item.code} {self.on:%d.%m.%Y} {self.percent}%"


def _photo_path(instance, filename):
    return f"plans/{instance.entry.item_id}/photos/{filename}"


class ProgressPhoto(models.Model):
    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("photo"), upload_to=_photo_path)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.file.name


class PlanLink(models.Model):
    """What residents said (an appeal, a meeting question or an assignment) that a plan
    item answers. Exactly one of the three is set."""

    item = link(PlanItem, _("plan item"), on_delete=models.CASCADE, related_name="links")
    appeal = optional_link(
        "appeals.Appeal", _("appeal"), on_delete=models.CASCADE, related_name="plan_links"
    )
    question = optional_link(
        "meetings.Question",
        _("meeting question"),
        on_delete=models.CASCADE,
        related_name="plan_links",
    )
    assignment = optional_link(
        "meetings.Assignment", _("assignment"), on_delete=models.CASCADE, related_name="plan_links"
    )
    created_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "id"]
        verbose_name = _("link to a plan item")
        verbose_name_plural = _("links to plan items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(appeal__isnull=False, question__isnull=True, assignment__isnull=True)
                    | models.Q(appeal__isnull=True, question__isnull=False, assignment__isnull=True)
                    | models.Q(appeal__isnull=True, question__isnull=True, assignment__isnull=False)
                ),
                name="plan_link_exactly_one",
            ),
            models.UniqueConstraint(fields=["item", "appeal"], name="unique_plan_link_appeal"),
            models.UniqueConstraint(fields=["item", "question"], name="unique_plan_link_question"),
            models.UniqueConstraint(
                fields=["item", "assignment"], name="unique_plan_link_assignment"
            ),
        ]

    def __str__(self):
        return f"{self.item.code} ← {self.appeal_id or self.question_id or self.assignment_id}"


class PlanVersion(ApprovedVersion):
    """A frozen copy of a plan, as a session of the local community gathering approved
    it: every item's planned money and dates (a list, one entry an item). The difference
    from the working plan is shown side by side."""

    of = "plan"
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    decision = approving_decision(
        related_name="plan_versions",
        help_text=_("The session's decision that approved this version."),
    )

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("approved plan version")
        verbose_name_plural = _("approved plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")
        ]


class FollowerQuerySet(models.QuerySet):
    def confirmed(self):
        """Followers who are told of progress: an e-mail address is confirmed from the
        link sent to it; a phone number alone counts as given (no SMS confirmation)."""
        return self.filter(confirmed_at__isnull=False)


class Follower(models.Model):
    """A resident who asked to be told of new progress entries on an item."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(max_length=8, default="ru")
    token = models.CharField(max_length=32, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="", phone=""), name="follower_has_contact"
            )
        ]

    def __str__(self):
        return f"{self.item_id}: {self.email or self.phone}"
