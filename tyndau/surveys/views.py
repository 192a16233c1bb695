"""Staff pages of surveys (/<lang>/staff/surveys/): the surveys of the office, their full
results (every breakdown, for the office's own use) and the entry of paper forms, with
duplicates refused. Surveys are set up in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError

from . import selectors, services
from .forms import SurveyForm


@login_required
def survey_list(request):
    surveys = list(selectors.survey_list_for_staff(user=request.user).order_by("-opens_on"))
    for survey in surveys:
        survey.can_enter = request.user.has_perm("surveys.enter_paper_response", survey)
        survey.count = survey.responses.count()
    return render(request, "surveys/staff/list.html", {"surveys": surveys})


def _staff_survey(request, pk):
    survey = selectors.survey_list_for_staff(user=request.user).filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


@login_required
def results(request, pk):
    """The office's own view: every breakdown, however small its groups (the public pages
    withhold small ones); free texts anonymised all the same."""
    survey = _staff_survey(request, pk)
    code = request.GET.get("trait", "")
    trait = survey.traits.filter(code=code[:32]).first() if code else None
    if code and trait is None:
        raise Http404
    data = selectors.survey_results(survey=survey, trait=trait, smallest=1)
    return render(
        request,
        "surveys/staff/results.html",
        {"survey": survey, "data": data, "traits": survey.traits.all()},
    )


@login_required
def paper_entry(request, pk):
    survey = _staff_survey(request, pk)
    if not request.user.has_perm("surveys.enter_paper_response", survey):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, survey=survey, paper=True)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_enter_paper(
                    survey=survey,
                    phone=form.cleaned_data["phone"],
                    respondent_name=form.cleaned_data["respondent_name"],
                    answers=form.answers(),
                    traits=form.traits(),
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(
                    "phone" if error.code in ("phone", "duplicate") else None, str(error)
                )
                status = 422
            else:
                messages.success(request, _("The paper form is entered."))
                return redirect("surveys:paper", pk=survey.pk)
        else:
            status = 422
    return render(
        request,
        "surveys/staff/paper.html",
        {"survey": survey, "form": form, "count": survey.responses.count()},
        status=status,
    )
