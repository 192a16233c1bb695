"""Staff pages of surveys (/<lang>/staff/surveys/): the surveys of the office, the editor
(texts, dates, traits, questions; publish, close), their full results (every breakdown,
for the office's own use) and the entry of paper forms, with duplicates refused."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core.actions import form_page, post_action, with_version

from . import selectors, services
from .forms import QuestionForm, SurveyForm, SurveySetupForm, TraitForm, lines_of
from .models import ResponseTrait
from .public_views import breakdown, export


@login_required
def survey_list(request):
    surveys = list(selectors.survey_list_for_staff(user=request.user).order_by("-opens_on"))
    for survey in surveys:
        survey.can_enter = survey.is_published and request.user.has_perm(
            "surveys.enter_paper_response", survey
        )
        survey.can_manage = request.user.has_perm("surveys.manage_survey", survey)
        survey.count = survey.responses.count()
    return render(
        request,
        "surveys/staff/list.html",
        {"surveys": surveys, "can_create": _territories(request.user).exists()},
    )


def _staff_survey(request, pk):
    return get_object_or_404(selectors.survey_list_for_staff(user=request.user), pk=pk)


@login_required
def results(request, pk):
    """The office's own view: every breakdown, however small its groups (the public pages
    withhold small ones); free texts anonymised all the same."""
    survey = _staff_survey(request, pk)
    data, error = breakdown(request, survey, smallest=1)
    fmt = request.GET.get("format", "")
    if fmt and not error:
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return export(data, survey, fmt)
    return render(
        request,
        "surveys/staff/results.html",
        {"survey": survey, "data": data, "traits": survey.traits.all(), "error": error},
        status=400 if error else 200,
    )


@login_required
def paper_entry(request, pk):
    survey = _staff_survey(request, pk)
    if not request.user.has_perm("surveys.enter_paper_response", survey):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, survey=survey, paper=True)
    return form_page(
        request,
        form,
        lambda data: services.response_enter_paper(
            survey=survey,
            phone=data["phone"],
            respondent_name=data["respondent_name"],
            answers=form.answers(),
            traits=form.traits(),
            by=request.user,
        ),
        template="surveys/staff/paper.html",
        done=reverse("surveys:paper", args=[survey.pk]),
        success=_("The paper form is entered."),
        context=lambda: {"survey": survey, "count": survey.responses.count()},
        failed_status=422,
        field=lambda error: "phone" if error.code in ("phone", "duplicate") else None,
    )


# The editor ------------------------------------------------------------------------------


def _territories(user):
    """The territories in which the user may set surveys up."""
    from tyndau.territory.models import Role, Territory
    from tyndau.territory.selectors import scope_q

    roles = {Role.AKIM, Role.DEPUTY, Role.CLERK}
    return Territory.objects.filter(scope_q(user=user, roles=roles)).order_by("path")


def _managed_survey(request, pk):
    survey = _staff_survey(request, pk)
    if not request.user.has_perm("surveys.manage_survey", survey):
        raise PermissionDenied
    return survey


def _setup_initial(survey) -> dict:
    fields = ("title_ru", "title_kk", "title_en", "intro_ru", "intro_kk", "intro_en")
    initial = {name: getattr(survey, name) for name in fields}
    initial.update(
        version=survey.version,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        is_anonymous=survey.is_anonymous,
    )
    return initial


@login_required
def survey_new(request):
    territories = _territories(request.user)
    if not territories.exists():
        raise PermissionDenied
    form = SurveySetupForm(
        request.POST or None,
        territories=territories,
        initial={"is_anonymous": True, "territory": territories.first()},
    )
    return form_page(
        request,
        form,
        lambda data: services.survey_create(
            territory=data["territory"], by=request.user, **form.values()
        ),
        template="surveys/staff/setup.html",
        done=_edit_url,
        success=_("The survey is created as a draft. Add its traits and questions."),
        context={"survey": None},
        failed_status=422,
    )


@login_required
def survey_edit(request, pk):
    survey = _managed_survey(request, pk)
    form = SurveySetupForm(request.POST or None, initial=_setup_initial(survey))

    def context():
        if request.method == "POST":  # refused or invalid: show what is saved
            survey.refresh_from_db()
        used_traits = set(
            ResponseTrait.objects.filter(response__survey=survey).values_list("trait", flat=True)
        )
        traits = list(survey.traits.prefetch_related("options"))
        for trait in traits:
            trait.locked = trait.pk in used_traits
        questions = list(
            survey.questions.prefetch_related("choices").annotate(
                answered=Count("answers__response", distinct=True)
            )
        )
        return {
            "survey": survey,
            "traits": traits,
            "questions": questions,
            "responses": survey.responses.count(),
        }

    return form_page(
        request,
        form,
        lambda data: services.survey_update(
            survey=survey, by=request.user, expected_version=data["version"], **form.values()
        ),
        template="surveys/staff/setup.html",
        done=_edit_url(survey),
        success=_("The survey is saved."),
        context=context,
        failed_status=422,
    )


def _edit_url(survey) -> str:
    return reverse("surveys:edit", args=[survey.pk])


def _posted_version(request) -> int:
    version = request.POST.get("version", "")
    return int(version) if version.isdigit() else -1


def _state_change(request, pk, service, done: str):
    survey = _managed_survey(request, pk)
    return post_action(
        request,
        lambda _data: service(
            survey=survey, by=request.user, expected_version=_posted_version(request)
        ),
        done=_edit_url(survey),
        success=done,
    )


@login_required
@require_POST
def survey_publish(request, pk):
    return _state_change(
        request, pk, services.survey_publish, _("The survey is published on the portal.")
    )


@login_required
@require_POST
def survey_close(request, pk):
    return _state_change(
        request, pk, services.survey_close, _("The survey is closed: it takes no more answers.")
    )


# Each part of a survey: its form, the fields the form shows as they are, and its lines
# (a trait's options, a question's choices) with the field each line shows.
PARTS = {
    "trait": (TraitForm, ("code", "name_ru", "name_kk", "name_en"), "options", "label"),
    "question": (
        QuestionForm,
        ("kind", "text_ru", "text_kk", "text_en", "required"),
        "choices",
        "text",
    ),
}


def _part_or_404(survey, kind: str, part_pk: int):
    return get_object_or_404(survey.traits if kind == "trait" else survey.questions, pk=part_pk)


@login_required
def part_form(request, pk, *, kind: str, part_pk=None):
    """The form of one trait or one question of a survey (``kind``, given by the URL; new
    when ``part_pk`` is None)."""
    survey = _managed_survey(request, pk)
    part = None if part_pk is None else _part_or_404(survey, kind, part_pk)
    form_class, fields, lines, label = PARTS[kind]
    initial = {"version": survey.version, "required": True}  # a new question is required
    if part is not None:
        initial.update({name: getattr(part, name) for name in fields})
        initial[lines] = lines_of(getattr(part, lines).all(), label)
    save = services.trait_save if kind == "trait" else services.question_save
    return form_page(
        request,
        form_class(request.POST or None, initial=initial),
        with_version(save, survey=survey, by=request.user, **{kind: part}),
        template="surveys/staff/part.html",
        done=_edit_url(survey),
        success=_("The trait is saved.") if kind == "trait" else _("The question is saved."),
        context={"survey": survey, "part": part, "kind": kind},
        failed_status=422,
    )


@login_required
@require_POST
def part_delete(request, pk, part_pk, *, kind: str):
    survey = _managed_survey(request, pk)
    part = _part_or_404(survey, kind, part_pk)
    delete = services.trait_delete if kind == "trait" else services.question_delete
    return post_action(
        request,
        lambda _data: delete(
            **{kind: part}, by=request.user, expected_version=_posted_version(request)
        ),
        done=_edit_url(survey),
        success=_("The trait is deleted.") if kind == "trait" else _("The question is deleted."),
    )
