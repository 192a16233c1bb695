"""The territory tree (административно-территориальное деление), akimat offices and staff.

The tree is stored with a materialised path of codes, so "this territory and everything
below it" is one indexed ``path LIKE 'prefix%'`` query at any depth.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link, optional_link
from tyndau.core.i18n import in_language
from tyndau.core.named import NamedInLanguages


class Level(models.TextChoices):
    OBLAST = "oblast", _("oblast")
    CITY_REPUBLICAN = "city_republican", _("city of republican significance")
    CAPITAL = "capital", _("capital")
    DISTRICT = "district", _("district")
    CITY_OBLAST = "city_oblast", _("city of oblast significance")
    DISTRICT_IN_CITY = "district_in_city", _("district in a city")
    RURAL_DISTRICT = "rural_district", _("rural district")
    TOWN = "town", _("town of district significance")
    SETTLEMENT = "settlement", _("settlement")
    VILLAGE = "village", _("village")


TOP_LEVELS = {Level.OBLAST, Level.CITY_REPUBLICAN, Level.CAPITAL}
LOCAL_LEVELS = {Level.RURAL_DISTRICT, Level.TOWN, Level.SETTLEMENT, Level.VILLAGE}

# Which levels may stand directly under which (None: the top of the tree).
ALLOWED_PARENTS: dict[str, set] = {
    Level.OBLAST: {None},
    Level.CITY_REPUBLICAN: {None},
    Level.CAPITAL: {None},
    Level.DISTRICT: {Level.OBLAST},
    Level.CITY_OBLAST: {Level.OBLAST},
    Level.DISTRICT_IN_CITY: {Level.CITY_REPUBLICAN, Level.CAPITAL, Level.CITY_OBLAST},
    Level.RURAL_DISTRICT: {Level.DISTRICT, Level.CITY_OBLAST},
    Level.TOWN: {Level.DISTRICT, Level.CITY_OBLAST},
    Level.SETTLEMENT: {Level.DISTRICT, Level.CITY_OBLAST, Level.RURAL_DISTRICT},
    Level.VILLAGE: {Level.DISTRICT, Level.CITY_OBLAST, Level.RURAL_DISTRICT},
}


class AkimLevel(models.IntegerChoices):
    """The six akim levels of the Decree No. 826 report rows."""

    OBLAST = 1, _("oblast, city of republican significance, capital")
    DISTRICT_IN_REPUBLICAN_CITY = 2, _("district in a city of republican significance")
    CITY_OBLAST = 3, _("city of oblast significance")
    DISTRICT_IN_OBLAST_CITY = 4, _("district in a city of oblast significance")
    DISTRICT = 5, _("district")
    LOCAL = 6, _("rural district, village, town, settlement")


def akim_level_for(level: str, parent_level: str | None) -> int:
    """Derive the Decree 826 akim level from a territory's level and its parent's."""
    if level in TOP_LEVELS:
        return AkimLevel.OBLAST
    if level == Level.DISTRICT_IN_CITY:
        if parent_level == Level.CITY_OBLAST:
            return AkimLevel.DISTRICT_IN_OBLAST_CITY
        return AkimLevel.DISTRICT_IN_REPUBLICAN_CITY
    if level == Level.CITY_OBLAST:
        return AkimLevel.CITY_OBLAST
    if level == Level.DISTRICT:
        return AkimLevel.DISTRICT
    return AkimLevel.LOCAL


def has_own_akim(level: str, parent_level: str | None) -> bool:
    """Every territory has an akim except a village or settlement inside a rural district,
    whose residents the rural district's office serves."""
    return not (level in {Level.VILLAGE, Level.SETTLEMENT} and parent_level == Level.RURAL_DISTRICT)


class Territory(NamedInLanguages):
    code = models.CharField(_("KATO code"), max_length=16, unique=True)
    parent = optional_link("self", _("parent"), related_name="children")
    level = models.CharField(_("level"), max_length=24, choices=Level.choices)
    akim_level = models.PositiveSmallIntegerField(
        _("akim level (Decree 826)"), choices=AkimLevel.choices, editable=False
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def save(self, *args, **kwargs):
        parent_level = self.parent.level if self.parent_id else None
        self.akim_level = akim_level_for(self.level, parent_level)
        self.path = (self.parent.path if self.parent_id else "/") + f"{self.code}/"
        self.depth = self.parent.depth + 1 if self.parent_id else 0
        super().save(*args, **kwargs)

    def subtree(self):
        """This territory and everything below it."""
        return Territory.objects.filter(path__startswith=self.path)

    def ancestors(self):
        """The territories above this one, from the top down."""
        codes = [c for c in self.path.strip("/").split("/")][:-1]
        return Territory.objects.filter(code__in=codes).order_by("depth")

    def is_within(self, other: "Territory") -> bool:
        return self.path.startswith(other.path)


class Street(NamedInLanguages):
    """A street of a settlement and the point a map centres on: the office's own street list,
    searched on the filing form and the clerk's registration page (no outside geocoder)."""

    territory = link(Territory, _("settlement"), on_delete=models.CASCADE, related_name="streets")
    name_ru = models.CharField(_("name in Russian"), max_length=128)
    name_kk = models.CharField(_("name in Kazakh"), max_length=128)
    name_en = models.CharField(_("name in English"), max_length=128, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # The names in lower case, so a search matches Cyrillic in any case on every database
    # (SQLite's LIKE folds ASCII only).
    search_key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        constraints = [
            models.UniqueConstraint(fields=["territory", "name_ru"], name="unique_street_name")
        ]

    def save(self, *args, **kwargs):
        self.search_key = " | ".join(
            n.lower() for n in (self.name_ru, self.name_kk, self.name_en) if n
        )
        super().save(*args, **kwargs)


class Office(NamedInLanguages):
    """The office of an akim (аппарат акима) of one territory."""

    territory = models.OneToOneField(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="office"
    )
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    prefix = models.CharField(
        _("number prefix"),
        max_length=8,
        blank=True,
        help_text=_("Letters that start this office's appeal numbers, e.g. KY."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_kk = models.CharField(_("address in Kazakh"), max_length=255, blank=True)
    address_en = models.CharField(_("address in English"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    answers_need_sign_off = models.BooleanField(
        _("executors' answers need sign-off"),
        default=False,
        help_text=_(
            "An executor's answer reaches the applicant only after the akim or a deputy "
            "approves it."
        ),
    )

    class Meta:
        ordering = ["territory__path"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    @property
    def akim_level(self) -> int:
        return self.territory.akim_level

    @property
    def address_shown(self) -> str:
        """The address in the active language (``address`` as written, in Russian, when
        there is none in that language)."""
        return in_language(self, "address", fallback=self.address)


class Role(models.TextChoices):
    AKIM = "akim", _("akim")
    DEPUTY = "deputy", _("deputy akim")
    CLERK = "clerk", _("clerk")
    EXECUTOR = "executor", _("executor")
    ANALYST = "analyst", _("analyst")
    ADMINISTRATOR = "administrator", _("administrator")


class Membership(models.Model):
    """A user's role in an office. A user may hold several roles."""

    user = link(
        settings.AUTH_USER_MODEL, _("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    office = link(Office, _("office"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    position = models.CharField(_("position"), max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "office", "role"], name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.office})"


class ProfileFigure(models.Model):
    """One figure of a territory's profile (паспорт): population, schools, water mains…"""

    class Section(models.TextChoices):
        POPULATION = "population", _("Population")
        EDUCATION = "education", _("Education and sport")
        CULTURE = "culture", _("Culture")
        HEALTH = "health", _("Health")
        UTILITIES = "utilities", _("Utilities")
        BUSINESS = "business", _("Business")
        SAFETY = "safety", _("Law and order")

    territory = link(
        Territory, _("territory"), on_delete=models.CASCADE, related_name="profile_figures"
    )
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    key = models.SlugField(_("key"), max_length=64)
    label_ru = models.CharField(_("label in Russian"), max_length=255)
    label_kk = models.CharField(_("label in Kazakh"), max_length=255)
    label_en = models.CharField(_("label in English"), max_length=255)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)

    class Unit(models.TextChoices):
        NONE = "", _("—")
        PEOPLE = "people", _("people")
        KM = "km", _("km")
        MW = "mw", _("MW")
        TENGE = "kzt", _("thousand tenge")

    unit = models.CharField(_("unit"), max_length=16, blank=True, choices=Unit.choices)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["territory", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "key"], name="unique_profile_figure")
        ]
        verbose_name = _("profile figure")
        verbose_name_plural = _("profile figures")

    def __str__(self):
        return f"{self.label}: {self.display_value} {self.get_unit_display()}"

    @property
    def label(self) -> str:
        return in_language(self, "label")

    @property
    def display_value(self):
        from decimal import Decimal

        value = Decimal(self.value).normalize()
        return value.quantize(Decimal(1)) if value == value.to_integral() else value
