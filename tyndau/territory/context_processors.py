"""What every page needs to know of the user's roles (core knows nothing of roles)."""


def roles(request):
    from .models import Role
    from .selectors import memberships_of

    user = getattr(request, "user", None)
    report_roles = {Role.AKIM, Role.DEPUTY, Role.ANALYST, Role.ADMINISTRATOR}
    can_report = bool(user and user.is_authenticated) and (
        user.is_superuser or any(m.role in report_roles for m in memberships_of(user=user))
    )
    return {"CAN_REPORT": can_report}
