"""Reads of a jury: the feasibility of its quotas, the public page's data."""

from __future__ import annotations

from django.db.models import Avg, Count, Min, Q

from . import lottery as lot
from .models import Jury, Status


def quota_feasibility(jury: Jury, quotas: list[lot.Quota] | None = None) -> lot.Feasibility:
    """Can the quotas (the jury's, or ``quotas`` being edited) be met by its pool?"""
    from .services import instance_of

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
