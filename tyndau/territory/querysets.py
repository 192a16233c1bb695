"""The meaning of "in this territory" and "what this user may see", once.

Every record that belongs to a territory (an appeal, a meeting, an assignment, a rating…)
is *within* a territory when the record's territory lies in that territory's subtree, and
*visible to* a user when it lies in the subtree of one of the user's offices (a superuser
sees everything). A model's QuerySet inherits :class:`TerritoryScopedQuerySet` and names
the lookup of its territory in ``territory_field``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def within_q(territory, *, field: str = "territory") -> Q:
    """Records whose ``field`` (a lookup of a Territory) lies in ``territory``'s subtree."""
    return Q(**{f"{field}__path__startswith": territory.path})


class TerritoryScopedQuerySet(models.QuerySet):
    territory_field = "territory"

    def within(self, territory):
        """The records in the territory's subtree."""
        return self.filter(within_q(territory, field=self.territory_field))

    def visible_to(self, user):
        """The records the user may see: their offices' subtrees (all for a superuser)."""
        from .selectors import scope_q

        return self.filter(scope_q(user=user, field=f"{self.territory_field}__path"))
