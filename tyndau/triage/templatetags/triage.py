"""``{% triage_appeal_panel appeal %}`` on the appeal page; ``{% triage_largest_problems
territory %}`` on the akim's dashboard."""

from django import template

from tyndau.appeals.models import OPEN_STATUSES, Topic

from .. import selectors
from ..models import TopicLabel

register = template.Library()


@register.inclusion_tag("triage/_appeal_panel.html", takes_context=True)
def triage_appeal_panel(context, appeal):
    from ..views import appeal_panel_context

    user = context["request"].user
    data = appeal_panel_context(appeal)
    problem = selectors.problem_of(appeal)
    if problem is not None:
        problem = selectors.problem_sizes(type(problem).objects.filter(pk=problem.pk)).get()
        data["similar"] = [s for s in data["similar"] if s.problem_id != problem.pk]
    may_assign = appeal.status in OPEN_STATUSES and user.has_perm("appeals.assign_appeal", appeal)
    return {
        **data,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "appeal": appeal,
        "problem": problem,
        "last_label": TopicLabel.objects.filter(appeal=appeal).select_related("by").first(),
        "may_label": user.has_perm("triage.label_topic", appeal),
        "may_link": user.has_perm("triage.link_problem", appeal),
        "assign_form_version": appeal.version if may_assign else None,
        "topics": Topic.objects.filter(is_active=True),
    }


@register.inclusion_tag("triage/_dashboard_problems.html")
def triage_largest_problems(territory, limit=10):
    return {"problems": selectors.problem_list_largest_open(territory=territory, limit=limit)}
