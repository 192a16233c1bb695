"""Staff pages of development plans (/<lang>/staff/plans/): they map input onto services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core.access import found_and_allowed, require
from tyndau.core.actions import (
    FAILED,
    attempt,
    create_page,
    flash_errors,
    form_page,
    post_action,
    upload_action,
)
from tyndau.core.audit import history_of
from tyndau.core.errors import DomainError
from tyndau.territory.models import Territory
from tyndau.territory.selectors import scope_q, territories_where

from . import importing, selectors, services
from .forms import FinancingForm, ImportForm, ItemForm, LinkForm, PlanForm, ProgressForm
from .models import FinancingLine, Plan, PlanItem, PlanLink


def _plan_or_404(request, pk) -> Plan:
    plan = selectors.plan_get_visible_to(user=request.user, pk=pk)
    return found_and_allowed(request.user, "plans.view_plan", plan)


def _item_or_404(request, pk) -> PlanItem:
    item = selectors.item_get_visible_to(user=request.user, pk=pk)
    return found_and_allowed(request.user, "plans.view_plan", item)


def _staff_of(plan: Plan):
    """Staff who may be responsible for an item: members of offices on the plan's path."""
    codes = plan.territory.path.strip("/").split("/")
    return (
        get_user_model()
        .objects.filter(
            memberships__office__territory__code__in=codes,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _manageable_territories(user):
    return territories_where(user=user, perm="plans.manage_plan")


@login_required
def plan_list(request):
    territories = _manageable_territories(request.user)
    form = PlanForm(request.POST or None, territories=territories)
    return create_page(
        request,
        form,
        services.plan_create,
        perm="plans.manage_plan",
        template="plans/list.html",
        detail="plans:detail",
        success=_("The plan is created."),
        context=lambda: {
            "plans": selectors.plan_list_visible_to(user=request.user),
            "form": form if territories.exists() else None,
        },
    )


@login_required
def plan_detail(request, pk: int):
    plan = _plan_or_404(request, pk)
    items = list(selectors.plan_items(plan=plan))
    can_manage = request.user.has_perm("plans.manage_plan", plan)
    from .integration import budget_lines_for

    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "items": items,
            "late_count": sum(1 for i in items if i.is_late),
            "can_manage": can_manage,
            "import_form": ImportForm() if can_manage else None,
            "kinds": importing.KINDS,
            "differences": selectors.budget_differences(
                plan=plan, lines=budget_lines_for(plan=plan)
            ),
            "versions": plan.versions.select_related("decision__agenda_item__session"),
            "diff": selectors.plan_version_diff(plan=plan),
        },
    )


@login_required
def plan_edit(request, pk: int):
    plan = _plan_or_404(request, pk)
    require(request.user, "plans.manage_plan", plan)
    return form_page(
        request,
        PlanForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk)),
        lambda data: services.plan_update(
            plan=plan,
            by=request.user,
            expected_version=int(request.POST.get("version") or plan.version),
            **data,
        ),
        template="plans/form.html",
        context={"title": _("Edit the plan"), "plan": plan},
        success=_("Saved."),
        done=reverse("plans:detail", args=[plan.pk]),
    )


@login_required
def plan_export(request, pk: int, kind: str, fmt: str):
    plan = _plan_or_404(request, pk)
    try:
        content = importing.plan_export(plan=plan, kind=kind, fmt=fmt)
    except DomainError as error:
        raise Http404(str(error)) from error
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(content, content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-{kind}.{fmt}"'
    return response


@login_required
@require_POST
def plan_import(request, pk: int):
    plan = _plan_or_404(request, pk)
    require(request.user, "plans.manage_plan", plan)
    return upload_action(
        request,
        ImportForm(request.POST, request.FILES),
        lambda data, **upload: importing.plan_import(
            plan=plan, kind=data["kind"], by=request.user, **upload
        ),
        rows_page=lambda errors: render(
            request, "plans/import_failed.html", {"plan": plan, "errors": errors}, status=400
        ),
        success=lambda result: (
            _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        ),
        done=reverse("plans:detail", args=[plan.pk]),
    )


@login_required
def item_new(request, pk: int):
    plan = _plan_or_404(request, pk)
    require(request.user, "plans.manage_plan", plan)
    parent = None
    if request.GET.get("parent") or request.POST.get("parent"):
        parent = get_object_or_404(
            PlanItem, plan=plan, pk=request.GET.get("parent") or request.POST.get("parent")
        )
    form = ItemForm(request.POST or None, staff=_staff_of(plan))
    return form_page(
        request,
        form,
        lambda data: services.item_create(
            plan=plan, parent=parent, by=request.user, **form.changes()
        ),
        template="plans/form.html",
        context={"title": _("New plan item"), "plan": plan, "parent": parent},
        success=_("The item is added."),
        done=lambda item: reverse("plans:item", args=[item.pk]),
    )


@login_required
def item_detail(request, pk: int):
    item = _item_or_404(request, pk)
    user = request.user
    return render(
        request,
        "plans/item.html",
        {
            **selectors.item_page(item=item),
            "links": selectors.link_list(item=item),
            "can_manage": user.has_perm("plans.manage_plan", item),
            "can_report": user.has_perm("plans.report_progress", item),
            "can_link": user.has_perm("plans.link_item", item),
            "financing_form": FinancingForm(initial={"year": item.plan.first_year}),
            "progress_form": ProgressForm(),
            "link_form": LinkForm(),
            "history": history_of(item)[:20],
        },
    )


@login_required
def item_edit(request, pk: int):
    item = _item_or_404(request, pk)
    require(request.user, "plans.manage_plan", item)
    instance = PlanItem.objects.get(pk=item.pk)
    form = ItemForm(request.POST or None, instance=instance, staff=_staff_of(item.plan))

    def update(data):
        fresh = PlanItem.objects.get(pk=item.pk)
        return services.item_update(
            item=fresh,
            by=request.user,
            expected_version=data.get("version") or fresh.version,
            **form.changes(),
        )

    return form_page(
        request,
        form,
        update,
        template="plans/form.html",
        context={"title": _("Edit the plan item"), "plan": item.plan, "item": item},
        success=_("Saved."),
        done=reverse("plans:item", args=[item.pk]),
    )


@login_required
@require_POST
def financing_add(request, pk: int):
    item = _item_or_404(request, pk)
    require(request.user, "plans.manage_plan", item)
    return post_action(
        request,
        lambda data: services.financing_set(item=item, by=request.user, **data),
        form=FinancingForm(request.POST),
        label_errors=True,
        success=_("The financing line is saved."),
        done=reverse("plans:item", args=[item.pk]),
    )


@login_required
@require_POST
def financing_delete(request, pk: int):
    line = get_object_or_404(FinancingLine.objects.select_related("item__plan__territory"), pk=pk)
    _item_or_404(request, line.item_id)
    require(request.user, "plans.manage_plan", line.item)
    services.financing_delete(line=line, by=request.user)
    messages.success(request, _("The financing line is removed."))
    return redirect("plans:item", pk=line.item_id)


@login_required
@require_POST
def progress_add(request, pk: int):
    item = _item_or_404(request, pk)
    require(request.user, "plans.report_progress", item)
    return post_action(
        request,
        lambda data: services.progress_add(item=item, by=request.user, **data),
        form=ProgressForm(request.POST, request.FILES),
        label_errors=True,
        success=_("The progress entry is added."),
        done=reverse("plans:item", args=[item.pk]),
    )


def _resolve_link_target(request, form: LinkForm, territory: Territory) -> dict:
    from tyndau.appeals.selectors import appeal_list_visible_to
    from tyndau.meetings.models import Assignment, Question

    data = form.cleaned_data
    if data.get("appeal_number"):
        appeal = (
            appeal_list_visible_to(user=request.user)
            .filter(number__iexact=data["appeal_number"].strip())
            .first()
        )
        if appeal is None:
            raise DomainError(_("No appeal with this number is visible to you."))
        return {"appeal": appeal}
    scope = scope_q(user=request.user, field="meeting__territory__path")
    if data.get("question"):
        question = (
            Question.objects.filter(scope)
            .select_related("meeting__territory")
            .filter(pk=data["question"])
            .first()
        )
        if question is None:
            raise DomainError(_("No meeting question with this number is visible to you."))
        return {"question": question}
    assignment = (
        Assignment.objects.filter(scope_q(user=request.user, field="territory__path"))
        .select_related("territory")
        .filter(pk=data["assignment"])
        .first()
    )
    if assignment is None:
        raise DomainError(_("No assignment with this number is visible to you."))
    return {"assignment": assignment}


@login_required
@require_POST
def link_add(request, pk: int):
    item = _item_or_404(request, pk)
    require(request.user, "plans.link_item", item)
    form = LinkForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
    elif attempt(request, lambda: _link(request, item, form)) is not FAILED:
        messages.success(request, _("Linked."))
    return redirect("plans:item", pk=item.pk)


def _link(request, item: PlanItem, form: LinkForm):
    target = _resolve_link_target(request, form, item.plan.territory)
    return services.link_add(item=item, by=request.user, **target)


@login_required
@require_POST
def link_remove(request, pk: int):
    link = get_object_or_404(PlanLink.objects.select_related("item__plan__territory"), pk=pk)
    item = _item_or_404(request, link.item_id)
    require(request.user, "plans.link_item", item)
    services.link_remove(link=link, by=request.user)
    messages.success(request, _("The link is removed."))
    return redirect("plans:item", pk=item.pk)


@login_required
def link_from(request, kind: str, pk: int):
    """Link an appeal, a question or an assignment to a plan item, from its own page."""
    from tyndau.appeals.selectors import appeal_list_visible_to
    from tyndau.meetings.models import Assignment, Question

    if kind == "appeal":
        target = get_object_or_404(appeal_list_visible_to(user=request.user), pk=pk)
        territory, back = target.territory, ("appeals:detail", target.pk)
    elif kind == "question":
        target = get_object_or_404(
            Question.objects.filter(
                scope_q(user=request.user, field="meeting__territory__path")
            ).select_related("meeting__territory"),
            pk=pk,
        )
        territory, back = target.meeting.territory, ("meetings:detail", target.meeting_id)
    elif kind == "assignment":
        target = get_object_or_404(
            Assignment.objects.filter(scope_q(user=request.user, field="territory__path")),
            pk=pk,
        )
        territory, back = target.territory, ("meetings:assignment", target.pk)
    else:
        raise Http404
    ancestors = territory.path.strip("/").split("/")
    items = (
        PlanItem.objects.filter(plan__territory__code__in=ancestors)
        .select_related("plan")
        .order_by("plan_id", "path")
    )
    if request.method == "POST":
        item = get_object_or_404(items, pk=request.POST.get("item"))
        require(request.user, "plans.link_item", item)
        linked = attempt(
            request, lambda: services.link_add(item=item, by=request.user, **{kind: target})
        )
        if linked is not FAILED:
            messages.success(request, _("Linked."))
            return redirect(*back)
    return render(
        request,
        "plans/link_from.html",
        {"target": target, "kind": kind, "items": items, "back": back},
    )
