"""Staff pages (/<lang>/staff/budget/) and public pages (/<lang>/budget/) of budgets."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core.access import found
from tyndau.core.actions import create_page, upload_action
from tyndau.territory.models import Territory
from tyndau.territory.selectors import scope_q

from . import selectors, services
from .models import Budget


class BudgetForm(forms.Form):
    territory = forms.ModelChoiceField(
        label=gettext_lazy("territory"), queryset=Territory.objects.none()
    )
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("file (.csv or .xlsx)"))


def _programme_label(row) -> str:
    lang = (get_language() or "ru")[:2]
    name = row.get(f"programme__name_{lang}") or row["programme__name_ru"]
    return f"{row['programme__code']} {name}"


def budget_context(budget: Budget) -> dict:
    revenues = selectors.revenues_by_kind(budget=budget)
    expenditures = selectors.expenditures_by_programme(budget=budget)
    for row in expenditures:
        row["label"] = _programme_label(row)
    return {
        "budget": budget,
        "revenues": revenues,
        "expenditures": expenditures,
        "totals": selectors.totals(budget=budget),
        "revenue_chart": selectors.bar_chart(revenues, label=lambda r: r["label"]),
        "expenditure_chart": selectors.bar_chart(expenditures, label=lambda r: r["label"]),
        "months": selectors.by_month(budget=budget),
        "month_chart": selectors.month_chart(budget=budget),
        "diff": selectors.budget_version_diff(budget=budget),
        "versions": budget.versions.select_related("decision__agenda_item__session"),
    }


@login_required
def budget_list(request):
    territories = Territory.objects.filter(scope_q(user=request.user, field="path")).order_by(
        "path"
    )
    manageable = [t.pk for t in territories if request.user.has_perm("budget.manage_budget", t)]
    form = BudgetForm(request.POST or None)
    form.fields["territory"].queryset = Territory.objects.filter(pk__in=manageable)
    return create_page(
        request,
        form,
        services.budget_create,
        perm="budget.manage_budget",
        template="budget/list.html",
        detail="budget:detail",
        context=lambda: {
            "budgets": selectors.budget_list_visible_to(user=request.user),
            "form": form if manageable else None,
        },
    )


def _budget_or_404(request, pk) -> Budget:
    budget = selectors.budget_list_visible_to(user=request.user).filter(pk=pk).first()
    if budget is None or not request.user.has_perm("budget.view_budget", budget):
        raise Http404
    return budget


@login_required
def budget_detail(request, pk: int):
    budget = _budget_or_404(request, pk)
    context = budget_context(budget)
    context["can_manage"] = request.user.has_perm("budget.manage_budget", budget)
    context["import_form"] = ImportForm()
    return render(request, "budget/detail.html", context)


@login_required
@require_POST
def budget_import(request, pk: int):
    budget = _budget_or_404(request, pk)
    if not request.user.has_perm("budget.manage_budget", budget):
        raise PermissionDenied
    return upload_action(
        request,
        ImportForm(request.POST, request.FILES),
        lambda data, **upload: services.budget_import(budget=budget, by=request.user, **upload),
        rows_page=lambda errors: render(
            request, "budget/import_failed.html", {"budget": budget, "errors": errors}, status=400
        ),
        invalid=_("Choose a file."),
        success=lambda saved: _("Imported %(count)s rows.") % {"count": saved},
        done=reverse("budget:detail", args=[budget.pk]),
    )


@login_required
def budget_export(request, pk: int):
    budget = _budget_or_404(request, pk)
    response = HttpResponse(
        services.budget_export(budget=budget), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="budget-{budget.territory.code}-{budget.year}.csv"'
    )
    return response


def public_index(request):
    budgets = list(selectors.budget_list_public())
    if len(budgets) == 1:
        return redirect("budget_public:detail", pk=budgets[0].pk)
    return render(request, "budget/public/index.html", {"budgets": budgets})


def public_detail(request, pk: int):
    budget = get_object_or_404(selectors.budget_list_public(), pk=pk)
    return render(request, "budget/public/detail.html", budget_context(budget))


def public_version(request, pk: int, number: int):
    """An approved version of a budget beside the one before it."""
    budget = get_object_or_404(selectors.budget_list_public(), pk=pk)
    diff = found(selectors.budget_version_diff(budget=budget, number=number))
    return render(request, "budget/public/version.html", {"budget": budget, "diff": diff})
