"""Reports over REST: the JSON of every form (the same ``report_build`` as the report
pages), for a territory the user may report on (``territory.view_reports``)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from tyndau.reports.definitions import FORMS, SCOPES
from tyndau.reports.services import report_build
from tyndau.territory.models import Territory

from .base import ApiViewMixin

SCOPE_CODES = [*SCOPES]


class ReportFormSerializer(serializers.Serializer):
    form = serializers.CharField()
    name = serializers.CharField()


class ReportQuerySerializer(serializers.Serializer):
    territory = serializers.CharField(max_length=16, help_text="KATO code")
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    scope = serializers.ChoiceField(
        choices=SCOPE_CODES,
        required=False,
        help_text="own: the territory's own records; subtree: with everything below it "
        "(default: as the official form has it)",
    )

    def validate(self, attrs):
        if attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": [_("The period ends before it starts.")]})
        return attrs


class ReportViewSet(ApiViewMixin, viewsets.ViewSet):
    lookup_field = "form"
    pagination_class = None
    lookup_value_regex = "|".join(FORMS)

    @extend_schema(summary="Report forms", responses=ReportFormSerializer(many=True))
    def list(self, request):
        return Response([{"form": code, "name": str(name)} for code, name in FORMS.items()])

    @extend_schema(
        summary="The figures of one report form (JSON)",
        parameters=[
            OpenApiParameter("territory", OpenApiTypes.STR, required=True),
            OpenApiParameter("date_from", OpenApiTypes.DATE, required=True),
            OpenApiParameter("date_to", OpenApiTypes.DATE, required=True),
            OpenApiParameter("scope", OpenApiTypes.STR, enum=SCOPE_CODES, required=False),
        ],
        responses={
            200: OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="Invalid period or territory."),
            403: OpenApiResponse(description="You may not report on this territory."),
        },
    )
    def retrieve(self, request, form=None):
        if form not in FORMS:
            raise NotFound()
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        territory = Territory.objects.filter(code=query.validated_data["territory"]).first()
        if territory is None or not request.user.has_perm("territory.view_reports", territory):
            raise PermissionDenied(_("You may not run reports for this territory."))
        data = report_build(
            form=form,
            territory=territory,
            date_from=query.validated_data["date_from"],
            date_to=query.validated_data["date_to"],
            scope=query.validated_data.get("scope"),
        )
        return Response(data)
