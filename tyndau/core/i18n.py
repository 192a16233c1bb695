"""Fields kept in three languages (``name_ru``, ``name_kk``, ``name_en``)."""

from django.utils.translation import get_language


def in_language(obj, field: str, fallback: str | None = None) -> str:
    """``obj.<field>_<current language>``, else ``fallback`` (default: the Russian one)."""
    lang = (get_language() or "ru")[:2]
    value = getattr(obj, f"{field}_{lang}", "")
    if value:
        return value
    return getattr(obj, f"{field}_ru") if fallback is None else fallback
