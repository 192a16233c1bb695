"""The REST API: /api/v1/…, the OpenAPI schema, Swagger UI and the guide.

Each area lives in its own module under ``tyndau.api.v1`` and is registered here with
one line; an area that has not landed yet is simply absent.
"""

from importlib.util import find_spec

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views
from .v1.appeals import AppealViewSet, TopicViewSet
from .v1.meetings import AssignmentViewSet, MeetingViewSet
from .v1.territories import TerritoryViewSet

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("appeals", AppealViewSet, basename="appeal")
router.register("topics", TopicViewSet, basename="topic")
router.register("territories", TerritoryViewSet, basename="territory")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("assignments", AssignmentViewSet, basename="assignment")
if find_spec("tyndau.reports.services"):  # the reports app's services (issue 5)
    from .v1.reports import ReportViewSet

    router.register("reports", ReportViewSet, basename="report")
if find_spec("tyndau.triage.api"):  # topic suggestions, similar appeals, problems (issue 15)
    from tyndau.triage.api import TriageViewSet

    router.register("triage", TriageViewSet, basename="triage")

if find_spec("tyndau.plans.services") and find_spec("tyndau.budget.services"):  # issue 18
    from .v1.plans import BudgetViewSet, PlanViewSet

    router.register("plans", PlanViewSet, basename="plan")
    router.register("budgets", BudgetViewSet, basename="budget")

if find_spec("tyndau.gathering.selectors"):  # the local community gathering (issue 18)
    from .v1.gathering import SessionViewSet

    router.register("gathering-sessions", SessionViewSet, basename="gathering-session")

if find_spec("tyndau.services.selectors"):  # public services and the land queue (issue 13)
    from .v1.services import ApplicationViewSet, LandQueueViewSet, PublicServiceViewSet

    router.register("public-services", PublicServiceViewSet, basename="public-service")
    router.register("land-queue", LandQueueViewSet, basename="land-queue")
    router.register("service-applications", ApplicationViewSet, basename="service-application")

if find_spec("tyndau.library.selectors"):  # the answer library (issue 13)
    from .v1.library import EntryViewSet

    router.register("answers", EntryViewSet, basename="answer")

if find_spec("tyndau.surveys.selectors"):  # surveys of residents (issue 13)
    from .v1.surveys import SurveyViewSet

    router.register("surveys", SurveyViewSet, basename="survey")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", views.guide, name="guide"),
]
