from django.shortcuts import get_object_or_404, render

from tyndau.appeals.selectors import anonymise

from . import selectors


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
    from tyndau.core.errors import DomainError

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
    from django.core.exceptions import PermissionDenied

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

    from tyndau.core.errors import DomainError

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
