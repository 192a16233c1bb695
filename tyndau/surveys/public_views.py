"""Public survey pages (/<lang>/surveys/): the list, answering (phone → SMS code → form),
and the results with counts, shares and bars, broken down by a trait; exports."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.core.actions import FAILED, attempt, form_page
from tyndau.core.errors import DomainError
from tyndau.portal import ratelimit

from . import exports, selectors, services
from .forms import CodeForm, PhoneForm, SurveyForm
from .models import Trait

SESSION_KEY = "survey_respondent"
PHONES_PER_HOUR = 10


def _survey(pk) -> object:
    return get_object_or_404(selectors.survey_list_public(), pk=pk)


def _session(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def index(request):
    return render(request, "surveys/public/index.html", {"surveys": selectors.survey_list_public()})


def detail(request, pk):
    """Step 1: the phone, to which a one-time code goes."""
    survey = _survey(pk)
    form = PhoneForm(request.POST or None)
    status = 200
    if request.method == "POST" and survey.is_open():
        if ratelimit.is_limited(request, scope="survey-sms", limit=PHONES_PER_HOUR):
            form.add_error(None, _("Too many codes from your connection. Try again in an hour."))
            status = 429
        elif form.is_valid():
            sent = attempt(
                form,
                lambda: services.survey_code_send(survey=survey, phone=form.cleaned_data["phone"]),
                field=lambda error: "phone" if error.code == "phone" else None,
            )
            if sent is FAILED:
                status = 422
            else:
                ratelimit.hit(request, scope="survey-sms", window_seconds=3600)
                request.session[f"survey_phone_{survey.pk}"] = form.cleaned_data["phone"]
                return redirect("surveys_public:verify", pk=survey.pk)
        else:
            status = 422
    return render(
        request,
        "surveys/public/detail.html",
        {"survey": survey, "form": form, "is_open": survey.is_open()},
        status=status,
    )


def verify(request, pk):
    """Step 2: the code from the SMS."""
    survey = _survey(pk)
    phone = request.session.get(f"survey_phone_{survey.pk}")
    if not phone:
        return redirect("surveys_public:detail", pk=survey.pk)

    def verified(data):
        key = services.survey_code_verify(survey=survey, phone=phone, code=data["code"])
        request.session[SESSION_KEY] = {**_session(request), str(survey.pk): key}

    return form_page(
        request,
        CodeForm(request.POST or None),
        verified,
        template="surveys/public/verify.html",
        done=reverse("surveys_public:answer", args=[survey.pk]),
        context={"survey": survey},
        failed_status=422,
        field="code",
    )


def answer(request, pk):
    """Step 3: the questionnaire itself."""
    survey = _survey(pk)
    key = _session(request).get(str(survey.pk))
    if not key:
        return redirect("surveys_public:detail", pk=survey.pk)
    form = SurveyForm(request.POST or None, survey=survey)
    return form_page(
        request,
        form,
        lambda _data: services.response_submit(
            survey=survey,
            respondent_key=key,
            answers=form.answers(),
            traits=form.traits(),
            phone=request.session.get(f"survey_phone_{survey.pk}", ""),
        ),
        template="surveys/public/answer.html",
        done=reverse("surveys_public:results", args=[survey.pk]),
        success=_("Thank you! Your answers are recorded."),
        context={"survey": survey},
        failed_status=422,
    )


def breakdown(request, survey, *, smallest=None) -> tuple[dict, str]:
    """The results asked for by ``?trait=A&by=B``; an error message for a wrong pair."""
    try:
        trait, by = selectors.breakdown_traits(
            survey=survey, trait=request.GET.get("trait", ""), by=request.GET.get("by", "")
        )
    except Trait.DoesNotExist:
        raise Http404 from None
    except DomainError as error:
        return selectors.survey_results(survey=survey, smallest=smallest), str(error)
    return selectors.survey_results(survey=survey, trait=trait, by=by, smallest=smallest), ""


def results(request, pk):
    survey = _survey(pk)
    data, error = breakdown(request, survey)
    return render(
        request,
        "surveys/public/results.html",
        {"survey": survey, "data": data, "traits": survey.traits.all(), "error": error},
        status=400 if error else 200,
    )


def export(data: dict, survey, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(exports.results_csv(data), content_type=exports.CSV)
    else:
        response = HttpResponse(exports.results_xlsx(data), content_type=exports.XLSX)
    suffix = "".join(f"_{t.code}" for t in (data["trait"], data["by"]) if t)
    response["Content-Disposition"] = f'attachment; filename="survey_{survey.pk}{suffix}.{fmt}"'
    return response


def results_export(request, pk):
    survey = _survey(pk)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data, error = breakdown(request, survey)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    return export(data, survey, fmt)
