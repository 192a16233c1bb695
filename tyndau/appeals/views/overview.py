"""Overviews across appeals: the risk map and the residents' ratings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from .. import selectors
from ..models import RiskBand, Topic
from .common import _staff_required


@login_required
def risk_map(request):
    _staff_required(request)
    counts, points = selectors.risk_map_data(user=request.user)
    if request.GET.get("format") == "json":
        return JsonResponse({"counts": counts, "points": points})
    bands = [(value, label, counts.get(value, 0)) for value, label in RiskBand.choices]
    return render(
        request, "appeals/risk_map.html", {"bands": bands, "points": points, "counts": counts}
    )


@login_required
def ratings(request):
    """How residents rate the answers, by executor and by topic."""
    _staff_required(request)
    summary = selectors.rating_summary(user=request.user)
    topics = {t.code: t.name for t in Topic.objects.all()}
    for row in summary["by_topic"]:
        row["name"] = topics.get(row["appeal__topic__code"], row["appeal__topic__code"])
    return render(request, "appeals/ratings.html", summary)
