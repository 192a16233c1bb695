"""Small blocks other apps' pages include: late items on the akim's dashboard, the plan
items that answer an appeal on the tracking page, and the staff "link" button."""

from django import template

from tyndau.territory.selectors import memberships_of

register = template.Library()


@register.inclusion_tag("plans/_late_items.html")
def late_plan_items(territory):
    from tyndau.plans.selectors import late_items

    return {"late_items": late_items(territory=territory) if territory is not None else []}


@register.inclusion_tag("plans/_answered_by.html")
def answered_by_plan(appeal):
    from tyndau.plans.selectors import items_for_appeal

    return {"plan_items": list(items_for_appeal(appeal=appeal))}


@register.inclusion_tag("plans/_link_button.html", takes_context=True)
def plan_link_button(context, kind, obj):
    from tyndau.plans.models import PlanItem

    user = context["request"].user
    field = {"appeal": "links__appeal", "question": "links__question"}.get(
        kind, "links__assignment"
    )
    linked = list(PlanItem.objects.filter(**{field: obj}).order_by("path"))
    can_link = bool(memberships_of(user=user)) and any(
        user.has_perm("plans.link_item", m.office.territory) for m in memberships_of(user=user)
    )
    return {"linked": linked, "can_link": can_link, "kind": kind, "pk": obj.pk}
