"""Open311 GeoReport v2 under /open311/v2/ (each resource as .json and .xml)."""

from django.urls import re_path

from .open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>[a-z]+)$"
ID = r"(?P<service_request_id>[^/]+?)"

urlpatterns = [
    re_path(r"^v2/discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, views.services, name="services"),
    re_path(
        r"^v2/services/(?P<service_code>[^/]+?)" + FMT,
        views.service_definition,
        name="service-definition",
    ),
    re_path(r"^v2/requests" + FMT, views.requests_, name="requests"),
    re_path(r"^v2/requests/" + ID + FMT, views.request_detail, name="request"),
    # the published Swagger description names the single resource /request/{id}
    re_path(r"^v2/request/" + ID + FMT, views.request_detail, name="request-alias"),
    re_path(r"^v2/tokens/(?P<token>[^/]+?)" + FMT, views.token, name="token"),
]
