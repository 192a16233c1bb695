"""Staff pages of triage: the suggestion panel of the registration form (HTMX), accepting
or changing a suggested topic, linking appeals as one problem, a problem's page and the
list of the largest open problems. Thin: permissions, a form, a service or selector."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tyndau.appeals.models import Appeal, Outcome, Topic
from tyndau.core.actions import form_page, post_action
from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import offices_visible_to

from . import selectors, services
from .models import Problem


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _appeal(request, pk, perm: str) -> Appeal:
    appeal = get_object_or_404(Appeal.objects.select_related("topic", "office"), pk=pk)
    if not request.user.has_perm("appeals.view_appeal", appeal):
        raise PermissionDenied(_("You may not see this appeal."))
    if not request.user.has_perm(perm, appeal):
        raise PermissionDenied(_("You may not do this with this appeal."))
    return appeal


def panel_context(
    *, office, text, topic=None, territory=None, street="", latitude=None, longitude=None,
    exclude_id=None,
) -> dict:  # fmt: skip
    """What the clerk sees beside an appeal: the suggested topic, the executors who
    answered such appeals, the open appeals that look like the same problem."""
    suggestion = selectors.topic_suggest(text=text)
    basis = topic or (suggestion.topic if suggestion else None)
    return {
        "suggestion": suggestion,
        "executors": selectors.executor_suggestions(
            office=office, topic=basis, territory=territory, street=street
        )
        if basis
        else [],
        "similar": selectors.similar_open_appeals(
            office=office,
            text=text,
            topic=basis,
            street=street,
            latitude=latitude,
            longitude=longitude,
            exclude_id=exclude_id,
        ),
    }


def appeal_panel_context(appeal) -> dict:
    """The panel beside a registered appeal (the appeal itself left out of the similar ones)."""
    return panel_context(
        office=appeal.office,
        text=appeal.text,
        topic=appeal.topic,
        territory=appeal.territory,
        street=appeal.street,
        latitude=appeal.latitude,
        longitude=appeal.longitude,
        exclude_id=appeal.pk,
    )


@login_required
@require_POST
def register_panel(request):
    """The panel of the registration form, refreshed as the clerk types (HTMX)."""
    office = Office.objects.filter(
        pk=request.POST.get("office") if str(request.POST.get("office", "")).isdigit() else None
    ).first()
    if office is None or not request.user.has_perm("appeals.register_appeal", office):
        raise PermissionDenied(_("You may not register appeals."))
    territory_id = request.POST.get("territory") or ""
    territory = (
        Territory.objects.filter(pk=territory_id).first() if territory_id.isdigit() else None
    )
    context = panel_context(
        office=office,
        text=request.POST.get("text", "")[:5000],
        territory=territory,
        street=request.POST.get("street", "")[:128],
        latitude=_float(request.POST.get("latitude")),
        longitude=_float(request.POST.get("longitude")),
    )
    # Appeals the clerk already ticked stay ticked when the panel is refreshed.
    context["ticked"] = set(request.POST.getlist("triage_same_problem"))
    return render(request, "triage/_register_panel.html", context)


class LabelForm(forms.Form):
    topic = forms.ModelChoiceField(label=gettext_lazy("Topic"), queryset=Topic.objects.all())
    suggested_topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False)
    confidence = forms.FloatField(required=False, min_value=0, max_value=1)
    model_version = forms.IntegerField(required=False, min_value=0)
    version = forms.IntegerField(min_value=1)


@login_required
@require_POST
def label(request, pk):
    """Accept the suggested topic or choose another: one click; kept as a label."""
    appeal = _appeal(request, pk, "triage.label_topic")
    form = LabelForm(request.POST)

    def record(data):
        services.topic_label_record(
            appeal=appeal,
            topic=data["topic"],
            by=request.user,
            suggested_topic=data["suggested_topic"],
            confidence=data["confidence"],
            model_version=data["model_version"],
            expected_version=data["version"],
        )
        return data["topic"]

    return post_action(
        request,
        record,
        form=form,
        invalid=_("Choose a topic from the list."),
        success=lambda topic: _("Topic set to “%(topic)s”.") % {"topic": topic.name},
        done=reverse("appeals:detail", args=[appeal.pk]),
    )


@login_required
@require_POST
def link(request, pk):
    """Link this appeal and the ticked similar ones as one problem."""
    appeal = _appeal(request, pk, "triage.link_problem")
    ids = [int(v) for v in request.POST.getlist("appeals") if v.isdigit()]
    others = [
        a
        for a in Appeal.objects.filter(pk__in=ids).select_related("territory")
        if request.user.has_perm("triage.link_problem", a)
    ]
    return post_action(
        request,
        lambda _data: services.problem_link(
            appeals=[appeal, *others], by=request.user, title=request.POST.get("title", "")
        ),
        success=lambda problem: _("Linked as one problem: %(title)s.") % {"title": problem.title},
        done=reverse("appeals:detail", args=[appeal.pk]),
    )


@login_required
@require_POST
def unlink(request, pk):
    appeal = _appeal(request, pk, "triage.link_problem")
    return post_action(
        request,
        lambda _data: services.problem_unlink(appeal=appeal, by=request.user),
        success=_("The appeal is no longer linked to the problem."),
        done=reverse("appeals:detail", args=[appeal.pk]),
    )


def _problem(request, pk) -> Problem:
    problem = get_object_or_404(Problem.objects.select_related("office__territory"), pk=pk)
    if not request.user.has_perm("appeals.view_appeal", problem.office):
        raise PermissionDenied(_("You may not see this problem."))
    return problem


class ProblemAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Outcome.choices)
    text = forms.CharField(
        label=gettext_lazy("Answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )


@login_required
def problem_detail(request, pk):
    problem = _problem(request, pk)
    may_answer = request.user.has_perm("triage.answer_problem", problem.office)
    if request.method == "POST" and not may_answer:
        raise PermissionDenied(_("You may not answer this problem."))

    def context():
        sized = selectors.problem_sizes(Problem.objects.filter(pk=problem.pk)).get()
        return {"problem": sized, "appeals": selectors.problem_appeals(problem)}

    if not may_answer:
        return render(request, "triage/problem.html", {**context(), "form": None})
    return form_page(
        request,
        ProblemAnswerForm(request.POST or None),
        lambda data: services.problem_answer(problem=problem, by=request.user, **data),
        template="triage/problem.html",
        done=reverse("triage:problem", args=[problem.pk]),
        success=lambda answered: (
            _("%(count)s appeals answered: each applicant gets the answer.")
            % {"count": len(answered)}
        ),
        context=context,
        failed_status=400,
    )


@login_required
def problems(request):
    """The largest open problems of the offices the user works in (the akim's list)."""
    offices = offices_visible_to(user=request.user)
    if not offices.exists() and not request.user.is_superuser:
        raise PermissionDenied(_("You have no role in an akimat office."))
    items = selectors.problem_list_largest_open(
        offices=None if request.user.is_superuser else offices, limit=50
    )
    return render(request, "triage/problems.html", {"problems": items})
