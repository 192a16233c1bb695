"""Reads of the territory tree that depend on who asks."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Membership, Office, Street, Territory


def memberships_of(*, user) -> list[Membership]:
    """The user's memberships with office and territory, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_tyndau_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("office__territory"))
        user._tyndau_memberships = cached
    return cached


def scope_paths(*, user, roles: set[str] | None = None) -> list[str]:
    """Paths of the territories whose subtrees the user may see (optionally by role)."""
    return [
        m.office.territory.path
        for m in memberships_of(user=user)
        if roles is None or m.role in roles
    ]


def scope_q(*, user, field: str = "path", roles: set[str] | None = None) -> Q:
    """A filter on ``field`` (a territory path) matching what the user may see.

    ``field`` is the lookup of a territory path, e.g. ``"territory__path"``. A user with no
    matching memberships gets a filter that matches nothing; a superuser sees everything.
    """
    if getattr(user, "is_superuser", False):
        return Q()
    q = Q(pk__in=[])
    for path in scope_paths(user=user, roles=roles):
        q |= Q(**{f"{field}__startswith": path})
    return q


def territory_list_visible_to(*, user) -> QuerySet[Territory]:
    return Territory.objects.filter(scope_q(user=user))


def territories_where(*, user, perm: str, **filters) -> QuerySet[Territory]:
    """The territories in the user's scope (narrowed by ``filters``) on which the user
    holds ``perm``, in tree order: the choices of a "create here" form."""
    territories = Territory.objects.filter(scope_q(user=user), **filters).order_by("path")
    return Territory.objects.filter(
        pk__in=[t.pk for t in territories if user.has_perm(perm, t)]
    ).order_by("path")


def is_in_scope(*, user, territory: Territory | None, roles: set[str] | None = None) -> bool:
    if territory is None:
        return False
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    return any(territory.path.startswith(p) for p in scope_paths(user=user, roles=roles))


def office_serving(*, territory: Territory) -> Office:
    """The office that serves a territory: its own, or the nearest one above it."""
    codes = territory.path.strip("/").split("/")
    offices = {
        o.territory.code: o
        for o in Office.objects.filter(territory__code__in=codes).select_related("territory")
    }
    for code in reversed(codes):
        if code in offices:
            return offices[code]
    raise Office.DoesNotExist(f"no office serves territory {territory.code}")


def street_search(*, territory: Territory, q: str, limit: int = 8) -> list[Street]:
    """Streets of the office that serves ``territory`` whose name (ru, kk or en) contains
    ``q``, in any case; the chosen settlement's own streets first."""
    q = " ".join((q or "").lower().split())
    if len(q) < 2:
        return []
    try:
        served = office_serving(territory=territory).territory
    except Office.DoesNotExist:
        return []
    found = list(
        Street.objects.filter(territory__path__startswith=served.path, search_key__contains=q)
        .select_related("territory")
        .order_by("name_ru")[: limit * 4]
    )
    found.sort(key=lambda s: (s.territory_id != territory.pk, s.name_ru))
    return found[:limit]


def territory_centres(*, territories) -> dict[int, list[float]]:
    """{territory id: [lat, lon]} of the territories that have a centre (for the maps)."""
    return {
        t.pk: [t.latitude, t.longitude]
        for t in territories
        if t.latitude is not None and t.longitude is not None
    }


def offices_visible_to(*, user) -> QuerySet[Office]:
    return Office.objects.filter(scope_q(user=user, field="territory__path")).select_related(
        "territory"
    )


def territory_profile(*, territory: Territory) -> dict:
    """Public profile (паспорт) of a territory: its places, figures by section."""
    from itertools import groupby

    from .models import ProfileFigure

    figures = list(territory.profile_figures.all())
    sections = [
        (ProfileFigure.Section(section).label, list(items))
        for section, items in groupby(
            sorted(figures, key=lambda f: (list(ProfileFigure.Section).index(f.section), f.order)),
            key=lambda f: f.section,
        )
    ]
    return {
        "territory": territory,
        "ancestors": territory.ancestors(),
        "children": territory.children.order_by("code"),
        "sections": sections,
    }
