def nav(request):
    """Links of the privacy app in the staff menu (no query: memberships are cached)."""
    from .selectors import may_read_access_log, moderator_office_ids

    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"PRIVACY_NAV": {}}
    return {
        "PRIVACY_NAV": {
            "moderates": user.is_superuser or bool(moderator_office_ids(user=user)),
            "reads_log": may_read_access_log(user=user),
        }
    }
