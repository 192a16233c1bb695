"""Reads of the reports that depend on who asks."""

from __future__ import annotations

from django.db.models import QuerySet

from tyndau.territory.models import Role, Territory
from tyndau.territory.selectors import scope_q

REPORT_ROLES = {Role.AKIM, Role.DEPUTY, Role.ANALYST, Role.ADMINISTRATOR}


def report_territories_for(*, user) -> QuerySet[Territory]:
    """The territories the user may run reports for (``territory.view_reports``)."""
    return Territory.objects.filter(scope_q(user=user, roles=REPORT_ROLES)).order_by("path")
