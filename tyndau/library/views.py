"""Staff pages of the answer library (/<lang>/staff/library/): entries, publishing one from
an answered appeal (pre-filled through the anonymiser), editing or withdrawing it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.appeals.selectors import anonymise, appeal_list_visible_to
from tyndau.core.actions import form_page
from tyndau.territory.selectors import offices_visible_to

from . import selectors, services
from .forms import EntryForm

# The texts of an entry, as the form gives them and the services take them.
TEXTS = ("topic", "question_ru", "question_kk", "answer_ru", "answer_kk", "legal_basis")


def _texts(data: dict) -> dict:
    return {name: data[name] for name in TEXTS}


def _edit_url(entry) -> str:
    return reverse("library:edit", args=[entry.pk])


def _publisher_offices(user):
    return [o for o in offices_visible_to(user=user) if user.has_perm("library.publish_entry", o)]


@login_required
def entry_list(request):
    offices = _publisher_offices(request.user)
    return render(
        request,
        "library/staff/list.html",
        {
            "entries": selectors.entry_list_visible_to(user=request.user)[:200],
            "appeals": selectors.appeals_to_publish(user=request.user)[:30] if offices else [],
            "can_publish": bool(offices),
        },
    )


@login_required
def entry_new(request):
    appeal = None
    if appeal_id := (request.POST.get("appeal") or request.GET.get("appeal")):
        appeal = appeal_list_visible_to(user=request.user).filter(pk=appeal_id).first()
        if appeal is None:
            raise Http404
    offices = _publisher_offices(request.user)
    if appeal is not None:
        office = appeal.office if request.user.has_perm("library.publish_entry", appeal) else None
    else:
        office = offices[0] if offices else None
    if office is None:
        raise PermissionDenied
    initial = {}
    if appeal is not None:
        names = [appeal.applicant_name] if appeal.applicant_name else []
        lang = "kk" if appeal.language == "kk" else "ru"
        initial = {
            "topic": appeal.topic,
            f"question_{lang}": anonymise(appeal.text, names=names),
            f"answer_{lang}": anonymise(appeal.answer_text, names=names),
        }
    return form_page(
        request,
        EntryForm(request.POST or None, initial=initial),
        lambda data: services.entry_publish(
            office=office, source_appeal=appeal, by=request.user, **_texts(data)
        ),
        template="library/staff/form.html",
        done=_edit_url,
        success=_("The entry is published in the answer library."),
        context={"appeal": appeal, "entry": None},
        failed_status=422,
    )


@login_required
def entry_edit(request, pk):
    entry = get_object_or_404(selectors.entry_list_visible_to(user=request.user), pk=pk)
    if not request.user.has_perm("library.publish_entry", entry):
        raise PermissionDenied
    initial = {
        "version": entry.version,
        "topic": entry.topic,
        "question_ru": entry.question_ru,
        "question_kk": entry.question_kk,
        "answer_ru": entry.answer_ru,
        "answer_kk": entry.answer_kk,
        "legal_basis": entry.legal_basis,
        "is_published": entry.is_published,
    }
    return form_page(
        request,
        EntryForm(request.POST or None, initial=initial, with_published=True),
        lambda data: services.entry_update(
            entry=entry,
            is_published=data["is_published"],
            by=request.user,
            expected_version=data["version"],
            **_texts(data),
        ),
        template="library/staff/form.html",
        done=_edit_url,
        success=_("The entry is saved."),
        context={"appeal": entry.source_appeal, "entry": entry},
        failed_status=422,
    )
