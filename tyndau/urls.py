from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tyndau.core import health, metrics
from tyndau.core import views as core_views
from tyndau.portal import media

urlpatterns = [
    path("health/", health.view(), name="health"),
    path("metrics", metrics.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("tyndau.api.urls")),
    path("open311/", include("tyndau.api.open311_urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/otp/", core_views.otp_verify, name="otp-verify"),
    path("staff/appeals/", include("tyndau.appeals.urls")),
    path("staff/meetings/", include("tyndau.meetings.urls")),
    path("staff/reports/", include("tyndau.reports.urls")),
    path("staff/triage/", include("tyndau.triage.urls")),
    path("staff/plans/", include("tyndau.plans.urls")),
    path("staff/budget/", include("tyndau.budget.urls")),
    path("staff/privacy/", include("tyndau.privacy.urls")),
    path("staff/gathering/", include("tyndau.gathering.urls")),
    path("staff/services/", include("tyndau.services.urls")),
    path("staff/library/", include("tyndau.library.urls")),
    path("staff/surveys/", include("tyndau.surveys.urls")),
    path("staff/", include("tyndau.portal.staff_urls")),
    path("meetings/", include("tyndau.meetings.public_urls")),
    path("jury/", include("tyndau.jury.urls")),
    path("plan/", include("tyndau.plans.public_urls")),
    path("budget/", include("tyndau.budget.public_urls")),
    path("gathering/", include("tyndau.gathering.public_urls")),
    path("open-data/", include("tyndau.opendata.urls")),
    path("services/", include("tyndau.services.public_urls")),
    path("answers/", include("tyndau.library.public_urls")),
    path("surveys/", include("tyndau.surveys.public_urls")),
    path("", include("tyndau.portal.urls")),
    prefix_default_language=True,
)

# Media only through a view that checks permission (never a plain file server).
urlpatterns += [
    path(settings.MEDIA_URL.lstrip("/") + "<path:path>", media.serve_media, name="media")
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
