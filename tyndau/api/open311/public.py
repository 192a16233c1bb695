"""What Open311 may show of an appeal: public fields only, never personal data.

The text comes from the appeals app's public selector (``appeal_public_text``), the one
place where appeals are anonymised; the portal uses the same.
"""

from django.db.models import Q, QuerySet

from tyndau.appeals import selectors as appeal_selectors
from tyndau.appeals.models import Appeal


def public_text(appeal: Appeal) -> str:
    return appeal_selectors.appeal_public_text(appeal)


def public_street(appeal: Appeal) -> str:
    return appeal_selectors.appeal_public_street(appeal)


def requests_visible(*, user=None) -> QuerySet[Appeal]:
    """Public appeals, plus (for a client with an api key) those its user may see."""
    q = Q(pk__in=appeal_selectors.appeal_list_public().values("pk"))
    if user is not None:
        q |= Q(pk__in=appeal_selectors.appeal_list_visible_to(user=user).values("pk"))
    return Appeal.objects.filter(q).select_related("office", "topic", "territory")
