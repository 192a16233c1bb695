"""Appeals (обращения) over REST: the same selectors, rules and services as the staff pages.

- list and retrieve: ``appeal_list_visible_to(user=...)``; an appeal outside the user's
  scope is 404, never 403, so its existence does not leak;
- personal data (name, IIN, BIN, phone, e-mail, address), the raw text, the answer and
  the exact pin only where the one policy gives them (``tyndau.privacy.policy.parts_for``);
- create: ``appeal_register`` with the ``Idempotency-Key`` header as the client key;
- transitions: POST ``assign``, ``extend``, ``answer``, ``redirect``, ``close``, each
  checked with its rule and given the version the client read (``If-Match`` or ``version``).
"""

import re

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from tyndau.appeals import intake, lifecycle
from tyndau.appeals import selectors as appeal_selectors
from tyndau.appeals import services as appeal_services
from tyndau.appeals.models import (
    Appeal,
    ApplicantType,
    Channel,
    Kind,
    Language,
    Outcome,
    RiskBand,
    Status,
    Topic,
)
from tyndau.appeals.querysets import overdue_q
from tyndau.appeals.validators import validate_received_at
from tyndau.core.errors import DomainError
from tyndau.privacy import policy
from tyndau.privacy.services import access_record_many
from tyndau.territory.models import Office, Territory

from .base import ApiViewMixin, IdFilter, VersionedInput, expected_version

PERSONAL_FIELDS = ("applicant_name", "iin", "bin", "phone", "email", "address")
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:\-]{1,48}$")


# --- Output -----------------------------------------------------------------------------


class OfficeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    territory = serializers.CharField(source="territory.code", help_text="KATO code")


class AppealSerializer(serializers.Serializer):
    """An appeal as staff see it. The personal fields appear only for those allowed."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    version = serializers.IntegerField(help_text="Send it back in If-Match when you change it.")
    office = OfficeRefSerializer()
    territory = serializers.CharField(source="territory.code", help_text="KATO code")
    territory_name = serializers.CharField(source="territory.name")
    received_at = serializers.DateTimeField()
    registered_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant_type = serializers.ChoiceField(choices=ApplicantType.choices)
    kind = serializers.ChoiceField(choices=Kind.choices)
    topic = serializers.CharField(source="topic.code")
    topic_name = serializers.CharField(source="topic.name")
    text = serializers.CharField()
    language = serializers.ChoiceField(choices=Language.choices)
    street = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    signatories = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_name = serializers.CharField(source="get_status_display")
    executor = serializers.IntegerField(source="executor_id", allow_null=True)
    co_executors = serializers.SerializerMethodField()
    due_on = serializers.DateField(help_text="The legal deadline (in working days).")
    original_due_on = serializers.DateField()
    extension_reason = serializers.CharField()
    outcome = serializers.ChoiceField(choices=[("", "")] + Outcome.choices)
    answer_text = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    redirected_to = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)
    repeated = serializers.BooleanField()
    previous = serializers.IntegerField(source="previous_id", allow_null=True)
    risk_score = serializers.IntegerField()
    risk_band = serializers.ChoiceField(choices=RiskBand.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    # Personal data: present only where the policy gives the applicant part.
    applicant_name = serializers.CharField(required=False)
    iin = serializers.CharField(required=False)
    bin = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    address = serializers.CharField(required=False)

    def get_co_executors(self, appeal) -> list[int]:
        return [u.pk for u in appeal.co_executors.all()]

    def to_representation(self, appeal):
        data = super().to_representation(appeal)
        user = self.context["request"].user
        parts = policy.parts_for(user, appeal)  # the one policy (tyndau.privacy.policy)
        if policy.Part.APPLICANT not in parts:
            for name in PERSONAL_FIELDS:
                data.pop(name, None)
        if policy.Part.RAW_TEXT not in parts:
            data["text"] = appeal_selectors.appeal_anonymised_text(appeal)
            data["extension_reason"] = appeal_selectors.anonymise(appeal.extension_reason)
        if policy.Part.ANSWER not in parts:
            data["answer_text"] = appeal_selectors.appeal_public_answer(appeal)
        if policy.Part.EXACT_PIN not in parts and appeal.latitude is not None:
            data["latitude"], data["longitude"] = (
                round(appeal.latitude, 3),
                round(appeal.longitude, 3),
            )
        data["street"] = (
            appeal.street
            if policy.Part.APPLICANT in parts
            else appeal_selectors.appeal_public_street(appeal)
        )
        read = self.context.setdefault("personal_reads", [])
        if parts & policy.PERSONAL_PARTS:
            read.append((appeal, parts))
        if self.context.get("with_topic_suggestion"):  # one appeal, not a list (issue 15)
            from tyndau.triage.api import suggestion_data
            from tyndau.triage.selectors import topic_suggest

            data["topic_suggestion"] = suggestion_data(topic_suggest(text=appeal.text))
        return data


# --- Input ------------------------------------------------------------------------------


class AppealCreateSerializer(serializers.Serializer):
    office = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Office id; by default the office serving `territory`, or your only office.",
    )
    territory = serializers.CharField(
        required=False, max_length=16, help_text="KATO code of the place the appeal is about."
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant_type = serializers.ChoiceField(choices=ApplicantType.choices)
    kind = serializers.ChoiceField(choices=Kind.choices)
    topic = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.filter(is_active=True)
    )
    text = serializers.CharField(max_length=20000)
    received_at = serializers.DateTimeField(required=False, validators=[validate_received_at])
    language = serializers.ChoiceField(choices=Language.choices, default=Language.RU)
    applicant_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    iin = serializers.CharField(required=False, allow_blank=True, max_length=12)
    bin = serializers.CharField(required=False, allow_blank=True, max_length=12)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True, max_length=255)
    street = serializers.CharField(required=False, allow_blank=True, max_length=128)
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-180, max_value=180
    )
    signatories = serializers.IntegerField(required=False, min_value=1, max_value=100000)
    publish_consent = serializers.BooleanField(required=False)
    social_assistance_recipient = serializers.BooleanField(required=False)
    against_official = serializers.BooleanField(required=False)
    threat_to_life = serializers.BooleanField(required=False)
    crime_report = serializers.BooleanField(required=False)
    publish = serializers.BooleanField(
        required=False,
        default=True,
        help_text="false: the applicant asks not to publish the appeal (never public).",
    )
    private_terms = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=50,
        help_text="Words or phrases the applicant marked private (hidden in any case).",
    )

    def validate_text(self, value):
        if not value.strip():
            raise ValidationError(_("Write what the appeal is about."))
        return value

    def validate(self, attrs):
        """Codes and ids to objects; which office registers is intake's choice."""
        if (
            attrs.get("applicant_type") != ApplicantType.ANONYMOUS
            and not (attrs.get("applicant_name") or "").strip()
        ):
            raise ValidationError(
                {
                    "applicant_name": [
                        _(
                            "The applicant's name is required; to file anonymously, send "
                            'applicant_type "anonymous".'
                        )
                    ]
                }
            )
        if attrs.get("territory"):
            territory = Territory.objects.filter(code=attrs["territory"]).first()
            if territory is None:
                raise ValidationError({"territory": [_("No territory has this code.")]})
            attrs["territory"] = territory
        if attrs.get("office"):
            office = Office.objects.select_related("territory").filter(pk=attrs["office"]).first()
            if office is None:
                raise ValidationError({"office": [_("No office has this id.")]})
            attrs["office"] = office
        return attrs


# The intake's refusals that concern one field of the body.
FIELD_OF_ERROR = {"no_office": "territory", "territory": "territory", "office": "office"}


class AssignSerializer(VersionedInput):
    executor = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all())
    co_executors = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), many=True, required=False
    )


class ExtendSerializer(VersionedInput):
    until = serializers.DateField()
    reason = serializers.CharField(max_length=5000)


class AnswerSerializer(VersionedInput):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    text = serializers.CharField(max_length=20000)


class RedirectSerializer(VersionedInput):
    to = serializers.CharField(max_length=255, help_text="The competent body.")
    reason = serializers.CharField(max_length=5000)


class CloseSerializer(VersionedInput):
    pass


class ApproveSerializer(VersionedInput):
    pass


class ReturnSerializer(VersionedInput):
    comment = serializers.CharField(max_length=5000, help_text="What the executor should change.")


class ControlSerializer(VersionedInput):
    on = serializers.BooleanField(help_text="true: put on special control; false: take off.")


# --- Filters ----------------------------------------------------------------------------


class AppealFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    applicant_type = django_filters.ChoiceFilter(choices=ApplicantType.choices)
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)
    risk_band = django_filters.ChoiceFilter(choices=RiskBand.choices)
    topic = django_filters.CharFilter(field_name="topic__code", help_text="Topic code.")
    territory = django_filters.CharFilter(
        method="filter_territory", help_text="KATO code: this territory and all below it."
    )
    office = IdFilter(field_name="office_id")
    executor = IdFilter(field_name="executor_id")
    number = django_filters.CharFilter(field_name="number")
    repeated = django_filters.BooleanFilter()
    registered_from = django_filters.DateFilter(field_name="registered_on", lookup_expr="gte")
    registered_to = django_filters.DateFilter(field_name="registered_on", lookup_expr="lte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", help_text="Open and past the deadline."
    )
    ordering = django_filters.OrderingFilter(
        fields=("registered_on", "due_on", "risk_score", "number", "id")
    )

    class Meta:
        model = Appeal
        fields: list = []

    def filter_territory(self, queryset, name, value):
        territory = Territory.objects.filter(code=value).first()
        if territory is None:
            return queryset.none()
        return queryset.within(territory)

    def filter_overdue(self, queryset, name, value):
        late = overdue_q()
        return queryset.filter(late) if value else queryset.exclude(late)


# --- Views ------------------------------------------------------------------------------

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
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AppealSerializer
    queryset = Appeal.objects.none()  # for the schema; get_queryset() is what serves
    lookup_value_regex = r"[0-9]+"
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

    def get_object(self):
        lookup = int(self.kwargs["pk"])
        if lookup > 2**63 - 1:
            raise NotFound()
        appeal = self.get_queryset().filter(pk=lookup).first()
        if appeal is None or not self.request.user.has_perm("appeals.view_appeal", appeal):
            raise NotFound()
        return appeal

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


# --- Topics -----------------------------------------------------------------------------


class TopicSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_ru = serializers.CharField()
    name_kk = serializers.CharField()
    name_en = serializers.CharField()


@extend_schema(summary="Topics of the taxonomy")
class TopicViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TopicSerializer
    pagination_class = None
    queryset = Topic.objects.filter(is_active=True).order_by("order", "code")
