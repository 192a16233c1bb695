"""Staff pages of the local community gathering (/<lang>/staff/gathering/) and its public
pages (/<lang>/gathering/). The views map input onto the services; the session page's
forms post with HTMX and get the session's record back, re-rendered with its new version.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tyndau.core.access import found, found_and_allowed, require
from tyndau.core.actions import FAILED, attempt, create_page, form_page, with_version
from tyndau.core.errors import DomainError
from tyndau.territory.models import Level, Territory
from tyndau.territory.selectors import territories_where

from . import minutes, selectors, services
from .forms import (
    AgendaForm,
    DecisionForm,
    MemberEditForm,
    MemberForm,
    OpenForm,
    SessionEditForm,
    SessionForm,
    VersionForm,
)
from .models import AgendaItem, Member, Session, SessionStatus, VoteChoice

MANAGE = "gathering.manage_gathering"
CONDUCT = "gathering.conduct_session"


def _districts(user, perm: str):
    return territories_where(user=user, perm=perm, level=Level.RURAL_DISTRICT)


def _session_or_404(request, pk) -> Session:
    session = selectors.session_get_visible_to(user=request.user, pk=pk)
    return found_and_allowed(request.user, "gathering.view_gathering", session)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# ------------------------------------------------------------------------------ sessions


@login_required
def session_list(request):
    territories = _districts(request.user, MANAGE)
    form = SessionForm(request.POST or None, territories=territories)
    return create_page(
        request,
        form,
        services.session_plan,
        perm=MANAGE,
        template="gathering/list.html",
        detail="gathering:session",
        success=_("The session is convened."),
        context=lambda: {
            "sessions": selectors.session_list_visible_to(user=request.user),
            "form": form if territories.exists() else None,
            "districts": _districts(request.user, "gathering.view_gathering"),
        },
    )


def _record_context(request, session: Session, **extra) -> dict:
    record = selectors.session_record(session=session)
    session = record["session"]
    user = request.user
    can_manage = user.has_perm(MANAGE, session)
    can_conduct = user.has_perm(CONDUCT, session)
    version = {"version": session.version}
    context = {
        **record,
        "can_manage": can_manage,
        "can_conduct": can_conduct,
        "choices": VoteChoice.choices,
        "version": session.version,
        "edit_form": SessionEditForm(
            initial={
                **version,
                "held_on": session.held_on,
                "place": session.place,
                "invited": session.invited,
            }
        )
        if can_manage and session.is_planned
        else None,
        "agenda_form": AgendaForm(initial=version, session=session)
        if can_manage and session.status in (SessionStatus.PLANNED, SessionStatus.OPEN)
        else None,
        "open_form": OpenForm(initial=version, present=record["present"])
        if can_conduct and session.is_planned
        else None,
        "decision_form": DecisionForm(initial=version) if can_conduct and session.is_open else None,
    }
    context.update(extra)
    return context


@login_required
def session_detail(request, pk: int):
    session = _session_or_404(request, pk)
    return render(request, "gathering/session.html", _record_context(request, session))


def _act(request, session: Session, perm: str, service, done, form=None, /, **given):
    """Call ``service`` on the session's record with what the view ``given`` (the session
    or its agenda item, …), the ``form``'s fields but its version, the user and the
    version the page was read at. HTMX is answered with the record re-rendered (with the
    error, if the service refused), others with a redirect. An invalid ``form`` is refused
    with its ``refusal`` (else its errors joined)."""
    require(request.user, perm, session)
    version_form = VersionForm(request.POST)
    error = None
    if not version_form.is_valid():
        error = _("The form is out of date. Reload the page and try again.")
    elif form is not None and not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        error = str(form.refusal) if form.refusal else " ".join(errors)
    else:
        fields = form.cleaned_data if form is not None else {}
        fields = {name: value for name, value in fields.items() if name != "version"}
        version = version_form.cleaned_data["version"]
        try:
            service(**given, **fields, by=request.user, expected_version=version)
        except DomainError as refused:
            error = str(refused)
    if _is_htmx(request):
        fresh = Session.objects.get(pk=session.pk)
        context = _record_context(request, fresh, error=error, notice=None if error else done)
        return render(request, "gathering/_record.html", context, status=200)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("gathering:session", pk=session.pk)


def _session_action(perm: str, service, done, form=None):
    """The view of a form or button on the session's page that calls ``service`` on the
    session: ``form(request, session)`` is its form (none: the button posts only the
    version)."""

    @require_POST
    @login_required
    def view(request, pk: int):
        session = _session_or_404(request, pk)
        bound = form(request, session) if form else None
        return _act(request, session, perm, service, done, bound, session=session)

    return view


session_edit = _session_action(
    MANAGE,
    services.session_update,
    gettext_lazy("The session is saved."),
    lambda request, session: SessionEditForm(request.POST),
)
agenda_add = _session_action(
    MANAGE,
    services.agenda_item_add,
    gettext_lazy("The question is on the agenda."),
    lambda request, session: AgendaForm(request.POST, session=session),
)
session_open = _session_action(
    CONDUCT,
    services.session_open,
    gettext_lazy("The session is open."),
    lambda request, session: OpenForm(
        request.POST, present=selectors.session_record(session=session)["present"]
    ),
)
session_close = _session_action(
    CONDUCT, services.session_close, gettext_lazy("The session is closed.")
)
session_cancel = _session_action(
    MANAGE, services.session_cancel, gettext_lazy("The session is cancelled.")
)


@require_POST
@login_required
def attendance(request, pk: int):
    session = _session_or_404(request, pk)
    ids = [int(i) for i in request.POST.getlist("present") if i.isdigit()]
    members = list(Member.objects.filter(pk__in=ids))
    saved = _("The attendance is saved.")
    return _act(
        request, session, CONDUCT, services.attendance_set, saved, session=session, members=members
    )


def _item_or_404(session: Session, item_pk: int) -> AgendaItem:
    items = AgendaItem.objects.filter(session=session).select_related("session")
    return get_object_or_404(items, pk=item_pk)


@require_POST
@login_required
def votes(request, pk: int, item: int):
    session = _session_or_404(request, pk)
    agenda_item = _item_or_404(session, item)
    members = {m.pk: m for m in Member.objects.filter(territory=session.territory)}
    cast = {}
    for key, choice in request.POST.items():
        if key.startswith("vote-") and choice:
            member_id = key.removeprefix("vote-")
            if member_id.isdigit() and int(member_id) in members:
                cast[members[int(member_id)]] = choice
    saved = _("The votes are saved.")
    return _act(
        request, session, CONDUCT, services.votes_record, saved, agenda_item=agenda_item, votes=cast
    )


@require_POST
@login_required
def decide(request, pk: int, item: int):
    session = _session_or_404(request, pk)
    agenda_item = _item_or_404(session, item)
    form = DecisionForm(request.POST)
    taken = _("The decision is recorded.")
    return _act(
        request, session, CONDUCT, services.decision_take, taken, form, agenda_item=agenda_item
    )


@login_required
def session_minutes(request, pk: int, language: str):
    session = _session_or_404(request, pk)
    pdf = attempt(request, lambda: minutes.minutes_pdf(session=session, language=language))
    if pdf is FAILED:
        return redirect("gathering:session", pk=session.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = minutes.minutes_filename(session=session, language=language)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# ------------------------------------------------------------------------------ members


@login_required
def member_list(request, territory: int):
    district = Territory.objects.filter(pk=territory, level=Level.RURAL_DISTRICT).first()
    if district is None or not request.user.has_perm("gathering.view_gathering", district):
        raise Http404
    can_manage = request.user.has_perm(MANAGE, district)
    form = MemberForm(request.POST or None, territory=district)
    if request.method == "POST":
        require(request.user, MANAGE, district)
    return form_page(
        request,
        form,
        lambda data: services.member_add(territory=district, by=request.user, **data),
        template="gathering/members.html",
        done=reverse("gathering:members", args=[district.pk]),
        success=_("The member is added."),
        context=lambda: {
            "district": district,
            "members": selectors.member_list(territory=district),
            "form": form if can_manage else None,
        },
    )


@login_required
def member_edit(request, pk: int):
    member = get_object_or_404(selectors.members_visible_to(user=request.user), pk=pk)
    require(request.user, MANAGE, member)
    initial = {
        "village": member.village,
        "full_name": member.full_name,
        "delegated_on": member.delegated_on,
        "basis": member.basis,
        "left_on": member.left_on,
        "version": member.version,
    }

    return form_page(
        request,
        MemberEditForm(request.POST or None, initial=initial, territory=member.territory),
        with_version(services.member_update, member=member, by=request.user),
        template="gathering/member_edit.html",
        done=reverse("gathering:members", args=[member.territory_id]),
        success=_("The member is saved."),
        context={"member": member},
    )


# ------------------------------------------------------------------------------- public


def public_index(request):
    return render(
        request, "gathering/public/index.html", {"sessions": selectors.session_list_public()}
    )


def public_session(request, pk: int):
    session = found(selectors.session_get_public(pk=pk))
    record = selectors.session_record(session=session)
    return render(
        request,
        "gathering/public/session.html",
        {
            "session": record["session"],
            "agenda": record["agenda"],
            "invited": record["invited"],
        },
    )
