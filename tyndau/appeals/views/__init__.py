"""Staff pages of appeals: inbox, registration, the appeal page and its actions, risk map.

Views are thin: they check permissions, validate a form and call a service or selector.
One module per area; ``from tyndau.appeals import views`` still gives every page.
"""

from .appeal import ACTION_LABELS, ACTION_PAGES, act, attachment, detail, slip
from .inbox import EXPORT_FORMATS, PAGE_SIZE, bulk_assign, inbox, inbox_export, inbox_view_save
from .overview import ratings, risk_map
from .registration import register

__all__ = [
    "ACTION_LABELS",
    "ACTION_PAGES",
    "EXPORT_FORMATS",
    "PAGE_SIZE",
    "act",
    "attachment",
    "bulk_assign",
    "detail",
    "inbox",
    "inbox_export",
    "inbox_view_save",
    "ratings",
    "register",
    "risk_map",
    "slip",
]
