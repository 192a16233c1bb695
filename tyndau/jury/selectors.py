"""Reads of a jury: the feasibility of its quotas, the public page's data."""

from __future__ import annotations

from django.db.models import Avg, Count, Min, Q

from . import lottery as lot
from .models import Jury, Status


def quota_feasibility(jury: Jury, quotas: list[lot.Quota] | None = None) -> lot.Feasibility:
    """Can the quotas (the jury's, or ``quotas`` being edited) be met by its pool?"""
    instance = instance_of(jury)
    if quotas is not None:
        instance = lot.Instance(instance.people, quotas, jury.panel_size, jury.household_rule)
    return lot.check_feasibility(instance)


def probability_summary(jury: Jury) -> dict:
    """Minimum, mean and the share below k/n, computed in the database."""
    volunteers = jury.volunteers.filter(probability__isnull=False)
    n = volunteers.count()
    fair = jury.panel_size / n if n else 0
    return volunteers.aggregate(
        minimum=Min("probability"),
        mean=Avg("probability"),
        below=Count("pk", filter=Q(probability__lt=fair - 1e-9)),
        pool=Count("pk"),
    ) | {"fair": fair}


def public_members(jury: Jury):
    """First names and villages of panel members who agreed to be shown, nothing else."""
    if jury.status == Status.POOL:
        return []
    rows = jury.volunteers.filter(selected=True, public_consent=True).order_by("village", "name")
    return [{"first_name": v.first_name, "village": v.village} for v in rows]


def public_juries():
    return Jury.objects.exclude(status=Status.POOL).select_related("territory")


def juries_managed_by(user):
    """Juries of the territories in the user's scope (the page then asks the rule)."""
    from tyndau.territory.selectors import scope_q

    return (
        Jury.objects.filter(scope_q(user=user, field="territory__path"))
        .select_related("territory")
        .annotate(pool=Count("volunteers"))
    )


def pool_counts(jury: Jury) -> dict:
    """Volunteers by source and how many agreed to be named, in one query."""
    return jury.volunteers.aggregate(
        total=Count("pk"),
        imported=Count("pk", filter=Q(source="import")),
        portal=Count("pk", filter=Q(source="portal")),
        consenting=Count("pk", filter=Q(consent=True)),
    )


def quota_satisfaction(jury: Jury) -> list[dict]:
    """Each quota with the number of volunteers and of panel members holding the value,
    counted in the database (one query), and whether the panel meets it."""
    from django.db.models.fields.json import KeyTextTransform

    quotas = list(jury.quotas.all())
    traits = sorted({q.trait for q in quotas})
    alias = {trait: f"t{i}" for i, trait in enumerate(traits)}
    volunteers = jury.volunteers.filter(consent=True).alias(
        **{alias[t]: KeyTextTransform(t, "traits") for t in traits}
    )
    aggregates = {}
    for i, q in enumerate(quotas):
        match = Q(**{alias[q.trait]: q.value})
        aggregates[f"pool{i}"] = Count("pk", filter=match)
        aggregates[f"panel{i}"] = Count("pk", filter=match & Q(selected=True))
    counts = volunteers.aggregate(**aggregates) if aggregates else {}
    drawn = jury.status != Status.POOL
    rows = []
    for i, q in enumerate(quotas):
        panel = counts[f"panel{i}"] if drawn else None
        rows.append(
            {
                "trait": q.trait,
                "value": q.value,
                "minimum": q.minimum,
                "maximum": q.maximum,
                "pool": counts[f"pool{i}"],
                "panel": panel,
                "met": panel is not None and q.minimum <= panel <= q.maximum,
            }
        )
    return rows


def population_shares(jury: Jury) -> dict[str, dict[str, float]]:
    """Shares the office already knows for the jury's territory: villages (the child
    territories' populations) and gender (the profile's women and men)."""
    territory = jury.territory
    shares: dict[str, dict[str, float]] = {}
    villages = {
        child.name: float(child.population) for child in territory.children.filter(population__gt=0)
    }
    if villages:
        shares["village"] = villages
    figures = dict(
        territory.profile_figures.filter(key__in=["women", "men"]).values_list("key", "value")
    )
    if figures.get("women") and figures.get("men"):
        shares["gender"] = {"f": float(figures["women"]), "m": float(figures["men"])}
    return shares


def quotas_from_population(jury: Jury, shares: dict[str, dict[str, float]]):
    """(quotas, slack, feasibility): the jury's pool against quotas from ``shares``."""
    return lot.feasible_quotas_from_shares(
        pool_people(jury), shares, jury.panel_size, jury.household_rule
    )


def pool_people(jury: Jury) -> list[lot.Person]:
    """The volunteers who consented, as lottery people: pseudonymous id, traits (the
    village counts as a trait too), address for the household rule."""
    rows = jury.volunteers.filter(consent=True).values_list(
        "external_id", "traits", "village", "address"
    )
    return [
        lot.Person(
            pid,
            {"village": village, **traits} if village else dict(traits),
            address.strip().lower(),
        )
        for pid, traits, village, address in rows
    ]


def instance_of(jury: Jury) -> lot.Instance:
    """The jury as a lottery instance (pseudonymous ids, quota traits, addresses)."""
    quotas = [
        lot.Quota(t, v, lo, hi)
        for t, v, lo, hi in jury.quotas.values_list("trait", "value", "minimum", "maximum")
    ]
    return lot.Instance(
        pool_people(jury), quotas, jury.panel_size, household_rule=jury.household_rule
    )
