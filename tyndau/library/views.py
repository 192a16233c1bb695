"""Staff pages of the answer library (/<lang>/staff/library/): entries, publishing one from
an answered appeal (pre-filled through the anonymiser), editing or withdrawing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.appeals.selectors import anonymise, appeal_list_visible_to
from tyndau.core.errors import DomainError
from tyndau.territory.selectors import offices_visible_to

from . import selectors, services
from .forms import EntryForm


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
    form = EntryForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.entry_publish(
                    office=office,
                    topic=data["topic"],
                    question_ru=data["question_ru"],
                    question_kk=data["question_kk"],
                    answer_ru=data["answer_ru"],
                    answer_kk=data["answer_kk"],
                    legal_basis=data["legal_basis"],
                    source_appeal=appeal,
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The entry is published in the answer library."))
                return redirect("library:edit", pk=entry.pk)
        status = 422
    return render(
        request,
        "library/staff/form.html",
        {"form": form, "appeal": appeal, "entry": None},
        status=status,
    )


@login_required
def entry_edit(request, pk):
    entry = selectors.entry_list_visible_to(user=request.user).filter(pk=pk).first()
    if entry is None:
        raise Http404
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
    form = EntryForm(request.POST or None, initial=initial, with_published=True)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.entry_update(
                    entry=entry,
                    topic=data["topic"],
                    question_ru=data["question_ru"],
                    question_kk=data["question_kk"],
                    answer_ru=data["answer_ru"],
                    answer_kk=data["answer_kk"],
                    legal_basis=data["legal_basis"],
                    is_published=data["is_published"],
                    by=request.user,
                    expected_version=data["version"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The entry is saved."))
                return redirect("library:edit", pk=entry.pk)
        status = 422
    return render(
        request,
        "library/staff/form.html",
        {"form": form, "appeal": entry.source_appeal, "entry": entry},
        status=status,
    )
