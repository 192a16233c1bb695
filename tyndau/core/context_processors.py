from django.conf import settings


def site(request):
    from tyndau.territory.models import Role
    from tyndau.territory.selectors import memberships_of

    user = getattr(request, "user", None)
    report_roles = {Role.AKIM, Role.DEPUTY, Role.ANALYST, Role.ADMINISTRATOR}
    can_report = bool(user and user.is_authenticated) and (
        user.is_superuser or any(m.role in report_roles for m in memberships_of(user=user))
    )
    return {
        "CAN_REPORT": can_report,
        "LANGUAGES_AVAILABLE": settings.LANGUAGES,
        "SITE_NAME": "Tyndau",
        "TILE_URL": settings.TYNDAU_TILE_URL,
    }
