"""The appeal endpoints: list, retrieve, create (idempotent), and one POST per action of the
lifecycle, made from ``ACTION_INPUTS``."""

import re

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from tyndau.appeals import intake, lifecycle
from tyndau.appeals import selectors as appeal_selectors
from tyndau.appeals import services as appeal_services
from tyndau.appeals.models import Appeal
from tyndau.core.errors import DomainError
from tyndau.privacy.services import access_record_many

from ..base import ApiViewMixin, ById, expected_version
from .filters import AppealFilter
from .inputs import (
    AnswerSerializer,
    AppealCreateSerializer,
    ApproveSerializer,
    AssignSerializer,
    CloseSerializer,
    ControlSerializer,
    ExtendSerializer,
    RedirectSerializer,
    ReturnSerializer,
)
from .outputs import AppealSerializer

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:\-]{1,48}$")


# The intake's refusals that concern one field of the body.
FIELD_OF_ERROR = {"no_office": "territory", "territory": "territory", "office": "office"}
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any string of 1–48 letters, digits, '.', '_', ':' or '-' that you choose per appeal. "
        "Send the same key when you retry: you get the appeal made the first time (200) "
        "instead of a second one."
    ),
)


IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        'Required (or a version field): the version you read, e.g. "3". If someone '
        "changed the appeal since, 409; without it, 428."
    ),
)


ERRORS = {
    400: OpenApiResponse(description="Invalid input or refused by a rule of the domain."),
    403: OpenApiResponse(description="You may not do this to this appeal."),
    404: OpenApiResponse(description="No such appeal in your scope."),
    409: OpenApiResponse(description="Not allowed in the current status, or a stale version."),
    428: OpenApiResponse(
        description="No If-Match header and no version: say which version you read."
    ),
}


def _transition(serializer_class, summary):
    return extend_schema(
        request=serializer_class,
        parameters=[IF_MATCH_HEADER],
        responses={200: AppealSerializer, **ERRORS},
        summary=summary,
    )


class AppealViewSet(
    ById,
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AppealSerializer
    queryset = Appeal.objects.none()  # for the schema; get_queryset() is what serves
    view_permission = "appeals.view_appeal"
    filter_backends = [DjangoFilterBackend]
    filterset_class = AppealFilter

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not hasattr(self, "_personal_reads"):
            self._personal_reads = []
        context["personal_reads"] = self._personal_reads
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        """Log the staff reads of personal data this response carried (access log)."""
        reads = getattr(self, "_personal_reads", None)
        if reads and 200 <= response.status_code < 300:
            access_record_many(user=request.user, channel="api", reads=reads)
        return super().finalize_response(request, response, *args, **kwargs)

    def get_queryset(self):
        return (
            appeal_selectors.appeal_list_visible_to(user=self.request.user)
            .select_related("office__territory", "territory", "topic")
            .prefetch_related("co_executors")
            .order_by("-registered_on", "-id")
        )

    def _out(self, appeal, code=status.HTTP_200_OK):
        appeal = self.get_queryset().get(pk=appeal.pk)
        context = {**self.get_serializer_context(), "with_topic_suggestion": True}
        data = AppealSerializer(appeal, context=context).data
        return Response(data, status=code, headers={"ETag": f'"{appeal.version}"'})

    @extend_schema(summary="One appeal", responses={200: AppealSerializer, 404: ERRORS[404]})
    def retrieve(self, request, *args, **kwargs):
        return self._out(self.get_object())

    @extend_schema(
        summary="Register an appeal",
        request=AppealCreateSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        examples=[
            OpenApiExample(
                "An appeal from a chat bot",
                request_only=True,
                value={
                    "territory": "111033100",
                    "channel": "social",
                    "applicant_type": "individual",
                    "kind": "statement",
                    "topic": "water_supply",
                    "text": "Нет воды на улице Мира третий день.",
                    "applicant_name": "Иванов Иван",
                    "iin": "791028302728",
                    "phone": "+77011234567",
                    "street": "Мира",
                },
            )
        ],
        responses={
            201: AppealSerializer,
            200: OpenApiResponse(AppealSerializer, description="Replay of an Idempotency-Key."),
            400: ERRORS[400],
            403: ERRORS[403],
            409: OpenApiResponse(description="The Idempotency-Key was used for another appeal."),
        },
    )
    def create(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is not None and not IDEMPOTENCY_KEY.match(key):
            raise ValidationError(
                {
                    "Idempotency-Key": [
                        _("Use 1–48 letters, digits, dots, colons, dashes or underscores.")
                    ]
                }
            )
        serializer = AppealCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        publish = data.pop("publish", True)
        private_terms = data.pop("private_terms", [])
        draft = intake.AppealDraft.from_fields(
            **data,
            client_key=key,
            publication=intake.Publication(
                declined=not publish, private_terms="\n".join(private_terms)
            ),
        )
        try:
            registration = intake.appeal_register(draft=draft, by=request.user)
        except intake.RegistrationRefused as exc:
            if exc.code == "idempotency":
                return Response(
                    {"detail": str(exc), "code": exc.code}, status=status.HTTP_409_CONFLICT
                )
            raise PermissionDenied(str(exc)) from exc
        except DomainError as exc:
            if exc.code in FIELD_OF_ERROR:
                raise ValidationError({FIELD_OF_ERROR[exc.code]: [str(exc)]}) from exc
            raise
        if registration.replayed:
            return self._out(registration.appeal)
        return self._out(registration.appeal, status.HTTP_201_CREATED)

    def _act(self, request, name: str):
        """One action of ``appeals.lifecycle.ACTIONS``: the role is checked here (403), the
        status by the service (409); the input's fields are the service's arguments."""
        appeal = self.get_object()
        if not lifecycle.role_allows(request.user, name, appeal):
            raise PermissionDenied(_("You may not do this to this appeal."))
        serializer = ACTION_INPUTS[name][0](data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        service = getattr(appeal_services, f"appeal_{name}")
        service(
            appeal=appeal,
            by=request.user,
            expected_version=expected_version(request, serializer.validated_data),
            **data,
        )
        return self._out(appeal)


# The input and summary of each action of the lifecycle; the endpoints are made from it.
ACTION_INPUTS = {
    "assign": (AssignSerializer, "Assign an executor"),
    "extend": (ExtendSerializer, "Extend the deadline"),
    "answer": (AnswerSerializer, "Answer with an outcome"),
    "redirect": (RedirectSerializer, "Redirect to the competent body"),
    "approve": (ApproveSerializer, "Sign off the executor's answer (it reaches the applicant)"),
    "return": (ReturnSerializer, "Return the executor's answer for rework with a comment"),
    "close": (CloseSerializer, "Close"),
    "control": (ControlSerializer, "Put on or take off the akim's special control"),
}


assert set(ACTION_INPUTS) == set(lifecycle.ACTIONS), "every action of the lifecycle has an endpoint"


def _endpoint(name: str):
    def endpoint(self, request, pk=None):
        return self._act(request, name)

    endpoint.__name__ = endpoint.__qualname__ = name
    serializer_class, summary = ACTION_INPUTS[name]
    return _transition(serializer_class, summary)(action(detail=True, methods=["post"])(endpoint))


for _name in ACTION_INPUTS:
    setattr(AppealViewSet, _name, _endpoint(_name))
