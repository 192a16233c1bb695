"""Public services: the register (public), the land-plot queue (positions and dates only,
public) and applications (staff, in their scope; personal data only to those who may)."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from tyndau.services import selectors
from tyndau.services.models import (
    ApplicationStatus,
    PublicService,
    QueuePurpose,
    RefusalReason,
    ServiceKind,
)
from tyndau.territory.models import Office

from .base import ApiViewMixin, ReadOnlyViewSet, in_languages


class RefusalReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ru, name_kk, name_en = in_languages()


class PublicServiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    name_ru, name_kk, name_en = in_languages()
    documents_ru, documents_kk, documents_en = in_languages()
    term_days = serializers.IntegerField(help_text="Legal term in working days.")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2)
    reasons = RefusalReasonSerializer(many=True, help_text="Grounds for a justified refusal.")


@extend_schema_view(
    list=extend_schema(summary="The register of public services"),
    retrieve=extend_schema(summary="One public service by code"),
)
class PublicServiceViewSet(ReadOnlyViewSet):
    serializer_class = PublicServiceSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[-a-z0-9_]{1,48}"
    queryset = PublicService.objects.filter(is_active=True).prefetch_related(
        Prefetch("reasons", queryset=RefusalReason.objects.order_by("order", "code"))
    )


class QueuePositionSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    joined_on = serializers.DateField()


@extend_schema(
    summary="A land-plot queue: positions and dates joined only",
    parameters=[
        OpenApiParameter("office", int, required=True, description="Office id."),
        OpenApiParameter(
            "purpose", str, required=True, enum=QueuePurpose.values, description="Purpose."
        ),
    ],
    responses=QueuePositionSerializer(many=True),
)
class LandQueueViewSet(ApiViewMixin, viewsets.ViewSet):
    permission_classes = [AllowAny]

    def list(self, request):
        office_id, purpose = (
            request.query_params.get("office", ""),
            request.query_params.get("purpose", ""),
        )
        if not office_id.isdigit() or purpose not in QueuePurpose.values:
            raise ValidationError({"office": "an office id", "purpose": QueuePurpose.values})
        office = Office.objects.filter(pk=int(office_id)).first() if len(office_id) < 18 else None
        if office is None:
            raise NotFound()
        rows = selectors.queue_public(office=office, purpose=purpose)
        return Response(QueuePositionSerializer(rows, many=True).data)


class ApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    service = serializers.CharField(source="service.code")
    office = serializers.IntegerField(source="office_id")
    territory = serializers.CharField(source="territory.code")
    channel = serializers.CharField()
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    registered_on = serializers.DateField()
    due_on = serializers.DateField()
    decided_on = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField()
    refusal_reason = serializers.CharField(source="refusal_reason.code", default=None)
    refusal_text = serializers.CharField()
    applicant_name = serializers.SerializerMethodField()
    iin = serializers.SerializerMethodField()

    def _personal(self, application, value):
        user = self.context["request"].user
        return value if user.has_perm("services.view_personal_data", application) else None

    def get_applicant_name(self, application) -> str | None:
        return self._personal(application, application.applicant_name)

    def get_iin(self, application) -> str | None:
        return self._personal(application, application.iin)


@extend_schema_view(
    list=extend_schema(summary="Service applications in your scope"),
    retrieve=extend_schema(summary="One service application"),
)
class ApplicationViewSet(ReadOnlyViewSet):
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return selectors.application_list_visible_to(user=self.request.user).order_by("-id")
