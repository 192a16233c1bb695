from django import template

from ..selectors import library_counters

register = template.Library()


@register.inclusion_tag("library/_dashboard.html")
def library_dashboard(territory):
    """The answer library's counters on the akim's dashboard."""
    return {"counters": library_counters(territory=territory)}
