from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tyndau.appeals.selectors import anonymise
from tyndau.core.actions import FAILED, attempt, create_page, form_page, upload_action
from tyndau.core.errors import DomainError

from . import selectors, services
from .forms import DrawForm, JuryForm, PoolUploadForm, SharesForm, VerdictForm
from .lottery import InvalidInput
from .models import Status


def jury_public(request, pk):
    """The public page: question, method, probability summary, members who agreed to be
    shown (first name and village), experts, documents and the verdict."""
    jury = get_object_or_404(selectors.public_juries(), pk=pk)
    context = {
        "jury": jury,
        "summary": selectors.probability_summary(jury),
        "members": selectors.public_members(jury),
        "verdict": anonymise(jury.verdict) if jury.verdict else "",
    }
    return render(request, "jury/public.html", context)


def jury_volunteer(request, pk):
    """The portal form: a resident joins the pool of a jury that is collecting volunteers."""

    from . import services
    from .forms import VolunteerForm
    from .models import Jury, Status

    jury = get_object_or_404(Jury.objects.select_related("territory"), pk=pk, status=Status.POOL)
    traits: dict[str, list[str]] = {}
    for trait, value in jury.quotas.order_by("trait", "value").values_list("trait", "value"):
        traits.setdefault(trait, []).append(value)
    form = VolunteerForm(request.POST or None, traits=traits)
    context = {"jury": jury, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "jury/volunteer.html", context, status=422)
        data = form.cleaned_data
        try:
            services.volunteer_register(
                jury=jury,
                name=data["name"],
                contact=data["contact"],
                address=data["address"],
                village=data["village"],
                traits=form.traits(),
                consent=data["consent"],
                public_consent=data["public_consent"],
            )
        except DomainError as error:
            context["error"] = str(error)
            return render(request, "jury/volunteer.html", context, status=422)
        context["done"] = True
    return render(request, "jury/volunteer.html", context)


def _parse_quotas(text: str):
    """Lines ``trait,value,min,max`` -> (quotas, errors)."""
    from django.utils.translation import gettext as _

    from .lottery import Quota

    quotas, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.strip().lower().startswith("trait,"):
            continue
        parts = [p.strip() for p in line.split(",")]
        try:
            trait, value, lo, hi = parts
            quotas.append(Quota(trait.lower(), value, int(lo), int(hi)))
        except ValueError:
            errors.append(
                _("line %(n)s: write trait,value,min,max with whole numbers") % {"n": number}
            )
    return quotas, errors


def _managed_jury(request, pk):

    from .models import Jury

    jury = get_object_or_404(Jury.objects.select_related("territory"), pk=pk)
    if not request.user.has_perm("jury.manage_jury", jury):
        raise PermissionDenied
    return jury


def _feasibility_context(jury, text: str) -> dict:
    from .lottery import InvalidInput

    quotas, errors = _parse_quotas(text)
    context = {"errors": errors, "feasibility": None}
    if not errors and quotas:
        try:
            context["feasibility"] = selectors.quota_feasibility(jury, quotas)
        except InvalidInput as error:
            context["errors"] = error.problems
    return context


def jury_quotas(request, pk):
    """Staff page: the quotas of a jury as lines trait,value,min,max, with instant
    feasibility feedback (HTMX) and the smallest fix when they cannot be met."""
    from django.contrib.auth.views import redirect_to_login

    from . import services

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    jury = _managed_jury(request, pk)
    if request.method == "POST":
        text = request.POST.get("quotas", "")
        context = _feasibility_context(jury, text)
        context.update({"jury": jury, "text": text})
        if request.headers.get("HX-Request") == "true":
            return render(request, "jury/_feasibility.html", context)
        if not context["errors"]:
            quotas, _errors = _parse_quotas(text)
            try:
                services.quotas_set(
                    jury=jury, quotas=quotas, expected_version=int(request.POST.get("version", 0))
                )
                context["saved"] = True
            except DomainError as error:
                context["errors"] = [str(error)]
        status = 200 if not context["errors"] else 422
        context["version"] = jury.version
        return render(request, "jury/quotas.html", context, status=status)
    text = "\n".join(
        f"{t},{v},{lo},{hi}"
        for t, v, lo, hi in jury.quotas.values_list("trait", "value", "minimum", "maximum")
    )
    context = {"jury": jury, "text": text, "version": jury.version}
    context.update(_feasibility_context(jury, text))
    return render(request, "jury/quotas.html", context)


# --- staff pages: create a jury, its pool, quotas from shares, the draw, the verdict ----


def _manageable_territories(user):
    from tyndau.territory.selectors import territories_where

    return territories_where(user=user, perm="jury.manage_jury")


@login_required
def jury_staff_list(request):
    """Juries in the user's territories, and the form that creates one."""
    territories = _manageable_territories(request.user)
    form = JuryForm(request.POST or None, territories=territories)
    return create_page(
        request,
        form,
        services.jury_create,
        perm="jury.manage_jury",
        template="jury/staff_list.html",
        detail="jury:staff_detail",
        success=_("The jury is created. Now add its volunteers."),
        context=lambda: {
            "juries": selectors.juries_managed_by(request.user).order_by("-starts_on", "-pk"),
            "can_create": territories.exists(),
        },
        failed_status=422,
    )


def _detail_context(request, jury, **extra) -> dict:
    context = {
        "jury": jury,
        "counts": selectors.pool_counts(jury),
        "satisfaction": selectors.quota_satisfaction(jury),
        "summary": selectors.probability_summary(jury),
        "upload_form": PoolUploadForm(),
        "draw_form": DrawForm(initial={"seed": jury.seed, "seed_source": jury.seed_source}),
        "verdict_form": VerdictForm(
            initial={"experts": jury.experts, "documents": jury.documents, "verdict": jury.verdict}
        ),
        "can_see_pool": request.user.has_perm("jury.view_pool", jury),
    }
    if jury.status == Status.POOL and context["satisfaction"]:
        context["feasibility"] = selectors.quota_feasibility(jury)
    if jury.status != Status.POOL and context["can_see_pool"]:
        context["panel"] = jury.volunteers.filter(selected=True).order_by("external_id")
    context.update(extra)
    return context


@login_required
def jury_staff_detail(request, pk):
    jury = _managed_jury(request, pk)
    return render(request, "jury/staff_detail.html", _detail_context(request, jury))


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def jury_pool_upload(request, pk):
    jury = _managed_jury(request, pk)

    def page(**extra):
        context = _detail_context(request, jury, **extra)
        return render(request, "jury/staff_detail.html", context, status=422)

    return upload_action(
        request,
        PoolUploadForm(request.POST, request.FILES),
        lambda data, **upload: services.pool_import_upload(
            jury=jury, expected_version=_version(request), **upload
        ),
        rows_page=lambda errors: page(import_errors=errors),
        invalid=lambda form: page(upload_form=form),
        success=lambda count: (
            ngettext(
                "%(count)s volunteer added to the pool.",
                "%(count)s volunteers added to the pool.",
                count,
            )
            % {"count": count}
        ),
        done=reverse("jury:staff_detail", args=[jury.pk]),
    )


@login_required
def jury_shares(request, pk):
    """Quotas derived from the population's shares, rounded (floor/ceil of share × k)
    and widened by the smallest slack this pool can meet; saved only on request."""
    jury = _managed_jury(request, pk)
    known = selectors.population_shares(jury)
    initial = "\n".join(
        f"{trait},{value},{share:g}"
        for trait, values in sorted(known.items())
        for value, share in sorted(values.items())
    )
    form = SharesForm(request.POST or None, initial={"shares": initial})
    context = {"jury": jury, "form": form, "version": jury.version}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "jury/shares.html", context, status=422)
        try:
            quotas, slack, feasibility = selectors.quotas_from_population(
                jury, form.cleaned_data["shares"]
            )
        except InvalidInput as error:
            form.add_error("shares", list(error.problems))
            return render(request, "jury/shares.html", context, status=422)
        context.update({"quotas": quotas, "slack": slack, "feasibility": feasibility})
        if request.POST.get("save") and feasibility.feasible:
            saved = attempt(
                form,
                lambda: services.quotas_set(
                    jury=jury, quotas=quotas, expected_version=_version(request)
                ),
            )
            if saved is FAILED:
                status = 409
            else:
                messages.success(request, _("The quotas are saved."))
                return redirect("jury:staff_detail", pk=jury.pk)
        elif not feasibility.feasible:
            status = 422
    return render(request, "jury/shares.html", context, status=status)


def _detail_action(name: str, form_class, service, *, success=None):
    """The view of a form posted from the jury's staff page (``name`` in its context):
    ``service`` called with the jury, the form's fields and the version the page was read
    at. A refusal or an invalid form shows the page again (the jury re-read) with that
    form and its errors, answered 422."""

    @login_required
    @require_POST
    def view(request, pk):
        jury = _managed_jury(request, pk)
        form = form_class(request.POST)

        def context():
            jury.refresh_from_db()
            return _detail_context(request, jury, **{name: form})

        return form_page(
            request,
            form,
            lambda data: service(jury=jury, expected_version=_version(request), **data),
            template="jury/staff_detail.html",
            done=reverse("jury:staff_detail", args=[jury.pk]),
            success=success,
            context=context,
            failed_status=422,
        )

    return view


# Starts the draw in the background; the page then shows "drawing…" until it ends.
jury_draw = _detail_action("draw_form", DrawForm, services.panel_draw_start)
jury_verdict = _detail_action(
    "verdict_form",
    VerdictForm,
    services.verdict_record,
    success=gettext_lazy("The verdict is published."),
)


@login_required
def jury_draw_status(request, pk):
    """Polled by the page while the draw runs: the same "drawing…" block while it
    computes; once it has ended, HTMX reloads the page to show the panel or the reason."""
    jury = _managed_jury(request, pk)
    if request.headers.get("HX-Request") != "true":
        return redirect("jury:staff_detail", pk=jury.pk)
    if jury.draw_running:
        return render(request, "jury/_drawing.html", {"jury": jury})
    response = HttpResponse(status=204)
    response["HX-Refresh"] = "true"
    return response


def jury_record(request, pk):
    """The published reproducibility record (anonymised inputs, seed, distribution,
    panel) for ``python manage.py jury_verify``."""
    jury = get_object_or_404(selectors.public_juries(), pk=pk)
    response = JsonResponse(jury.record, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="jury-{jury.pk}-record.json"'
    return response
