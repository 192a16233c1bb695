"""Moderation of what goes public, and the access log. Views only map input onto
services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.appeals.models import Appeal
from tyndau.core.errors import DomainError

from . import selectors, services
from .forms import ModerationForm
from .models import Publication


@login_required
def moderation(request):
    """The moderation queue: appeals waiting for «publish» or «keep private», with counts."""
    counts = selectors.moderation_counts(user=request.user)
    if not (request.user.is_superuser or selectors.moderator_office_ids(user=request.user)):
        raise PermissionDenied(_("Only the akim, a deputy or a clerk of an office moderates."))
    page = Paginator(selectors.moderation_queue(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    for appeal in page:
        publication = getattr(appeal, "publication", None)
        appeal.draft = services.publication_text_for(appeal, publication=publication)
        appeal.form = ModerationForm(
            initial={"text": appeal.draft, "version": publication.version if publication else 1}
        )
    return render(request, "privacy/moderation.html", {"counts": counts, "page": page})


def _moderated_appeal(request, pk) -> Appeal:
    appeal = Appeal.objects.filter(pk=pk).select_related("office", "territory").first()
    offices = selectors.moderator_office_ids(user=request.user)
    if appeal is None or not (request.user.is_superuser or appeal.office_id in offices):
        raise Http404  # an appeal one may not moderate behaves as if it did not exist
    return appeal


@login_required
@require_POST
def decide(request, pk, decision):
    appeal = _moderated_appeal(request, pk)
    publication = services.publication_create(appeal=appeal)
    form = ModerationForm(request.POST)
    form.is_valid()
    version = form.cleaned_data.get("version") or None
    try:
        if decision == "publish":
            services.publication_publish(
                publication=publication,
                text=form.cleaned_data.get("text") or "",
                by=request.user,
                expected_version=version,
            )
            messages.success(request, _("%(number)s is published.") % {"number": appeal.number})
        else:
            services.publication_keep_private(
                publication=publication, by=request.user, expected_version=version
            )
            messages.success(request, _("%(number)s is kept private.") % {"number": appeal.number})
    except DomainError as error:
        messages.error(request, f"{appeal.number}: {error}")
    return redirect("privacy:moderation")


@login_required
def access_log(request):
    """Who opened which appeal's personal data: by appeal (``?appeal=``), by staff member
    (``?user=``) or all, for the akim and the administrator."""
    if not selectors.may_read_access_log(user=request.user):
        raise PermissionDenied(_("Only the akim and the administrator read the access log."))
    records = selectors.access_log_visible_to(user=request.user)
    appeal = staff = None
    if request.GET.get("appeal"):
        if not request.GET["appeal"].isdigit():
            raise Http404
        appeal = get_object_or_404(Appeal, pk=request.GET["appeal"])
        records = records.filter(appeal=appeal)
    if request.GET.get("user"):
        if not request.GET["user"].isdigit():
            raise Http404
        staff = get_object_or_404(get_user_model(), pk=request.GET["user"])
        records = records.filter(user=staff)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/access_log.html",
        {
            "page": page,
            "appeal": appeal,
            "staff": staff,
            "by_staff": selectors.access_log_by_staff(user=request.user),
            "states": Publication.State,
        },
    )
