"""What every staff page of appeals checks first: a role in an office, the appeal's visibility,
a safe ``next``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tyndau.territory.selectors import (
    memberships_of,
)

from ..models import Appeal


def _staff_required(request):
    if not (request.user.is_superuser or memberships_of(user=request.user)):
        raise PermissionDenied(_("You have no role in an akimat office."))


def _get_appeal(request, pk, perm="appeals.view_appeal") -> Appeal:
    appeal = get_object_or_404(
        Appeal.objects.select_related("office__territory", "territory", "topic", "executor"),
        pk=pk,
    )
    if not request.user.has_perm("appeals.view_appeal", appeal):
        raise Http404  # do not reveal that it exists
    if perm != "appeals.view_appeal" and not request.user.has_perm(perm, appeal):
        raise PermissionDenied(_("You may not do this with this appeal."))
    return appeal


def _safe_next(request) -> str:
    """``next`` only if it stays on this site (no open redirect to another host)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
