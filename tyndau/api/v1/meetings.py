"""Meetings with residents (Decree No. 826) and the assignments (поручения) they give.

Read through ``meeting_list_visible_to`` / ``assignment_list_visible_to`` and the
``meetings.*`` rules; an assignment is completed through ``assignment_complete``.
"""

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from tyndau.core import calendar
from tyndau.meetings import selectors as meeting_selectors
from tyndau.meetings import services as meeting_services
from tyndau.meetings.models import (
    Assignment,
    AssignmentStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from tyndau.territory.models import AkimLevel

from .appeals.viewset import ERRORS, IF_MATCH_HEADER
from .base import (
    MAX_ID,
    ById,
    IdFilter,
    ReadOnlyViewSet,
    TerritoryFilter,
    VersionedInput,
    expected_version,
)


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    topic = serializers.CharField(source="topic.code")
    text = serializers.CharField()
    repeated = serializers.BooleanField()
    critical_of = serializers.ChoiceField(choices=AkimLevel.choices, allow_null=True)
    appeal = serializers.IntegerField(source="appeal_id", allow_null=True)
    assignment = serializers.SerializerMethodField()

    def get_assignment(self, question) -> int | None:
        assignment = getattr(question, "assignment", None)
        return assignment.pk if assignment is not None else None


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    office = serializers.IntegerField(source="office_id")
    territory = serializers.CharField(source="territory.code")
    akim_level = serializers.ChoiceField(choices=AkimLevel.choices)
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    title = serializers.CharField()
    title_kk = serializers.CharField()
    title_en = serializers.CharField()
    planned_on = serializers.DateField()
    starts_at = serializers.TimeField(allow_null=True)
    held_on = serializers.DateField(allow_null=True)
    place = serializers.CharField()
    broadcasts_instagram = serializers.IntegerField()
    broadcasts_facebook = serializers.IntegerField()
    broadcasts_videoconference = serializers.IntegerField()
    broadcasts_tv = serializers.IntegerField()
    broadcast_url = serializers.CharField()
    participants_offline = serializers.IntegerField()
    participants_instagram = serializers.IntegerField()
    participants_facebook = serializers.IntegerField()
    participants_videoconference = serializers.IntegerField()
    participants_tv = serializers.IntegerField()
    participants_total = serializers.IntegerField()
    speakers = serializers.IntegerField()
    media_central = serializers.IntegerField()
    media_local = serializers.IntegerField()
    media_social = serializers.IntegerField()
    officials_government = serializers.IntegerField()
    officials_parliament = serializers.IntegerField()
    officials_state_bodies = serializers.IntegerField()
    minutes = serializers.CharField()


class MeetingDetailSerializer(MeetingSerializer):
    questions = QuestionSerializer(many=True)


class MeetingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    territory = TerritoryFilter()
    planned_from = django_filters.DateFilter(field_name="planned_on", lookup_expr="gte")
    planned_to = django_filters.DateFilter(field_name="planned_on", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields: list = []


@extend_schema_view(
    list=extend_schema(summary="Meetings with residents in your scope"),
    retrieve=extend_schema(
        summary="One meeting with its questions", responses=MeetingDetailSerializer
    ),
)
class MeetingViewSet(ReadOnlyViewSet):
    serializer_class = MeetingSerializer
    queryset = Meeting.objects.none()
    lookup_value_regex = r"[0-9]+"
    filter_backends = [DjangoFilterBackend]
    filterset_class = MeetingFilter

    def get_queryset(self):
        return meeting_selectors.meeting_list_visible_to(user=self.request.user).order_by(
            "-planned_on", "-id"
        )

    def retrieve(self, request, *args, **kwargs):
        pk = int(kwargs["pk"])
        meeting = None
        if pk <= MAX_ID:
            meeting = meeting_selectors.meeting_get_visible_to(user=request.user, pk=pk)
        if meeting is None or not request.user.has_perm("meetings.view_meeting", meeting):
            raise NotFound()
        return Response(MeetingDetailSerializer(meeting).data)


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    meeting = serializers.IntegerField(source="question.meeting_id")
    question = serializers.IntegerField(source="question_id")
    topic = serializers.CharField(source="question.topic.code")
    office = serializers.IntegerField(source="office_id")
    territory = serializers.CharField(source="territory.code")
    executor = serializers.IntegerField(source="executor_id")
    executor_name = serializers.CharField(source="executor.get_full_name")
    text = serializers.CharField()
    given_on = serializers.DateField()
    due_on = serializers.DateField(help_text="Deadline in working days from the calendar.")
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    overdue = serializers.SerializerMethodField()
    result = serializers.CharField()
    done_on = serializers.DateField(allow_null=True)

    def get_overdue(self, assignment) -> bool:
        return assignment.is_overdue(calendar.today())


class AssignmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AssignmentStatus.choices)
    executor = IdFilter(field_name="executor_id")
    meeting = IdFilter(field_name="question__meeting_id")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = Assignment
        fields: list = []


class CompleteSerializer(VersionedInput):
    result = serializers.CharField(max_length=20000, help_text="What was done.")


@extend_schema_view(
    list=extend_schema(summary="Assignments from meetings in your scope"),
    retrieve=extend_schema(
        summary="One assignment", responses={200: AssignmentSerializer, 404: ERRORS[404]}
    ),
)
class AssignmentViewSet(ById, ReadOnlyViewSet):
    serializer_class = AssignmentSerializer
    queryset = Assignment.objects.none()
    view_permission = "meetings.view_assignment"
    filter_backends = [DjangoFilterBackend]
    filterset_class = AssignmentFilter

    def get_queryset(self):
        return meeting_selectors.assignment_list_visible_to(user=self.request.user).order_by(
            "due_on", "id"
        )

    @extend_schema(
        summary="Report an assignment done",
        request=CompleteSerializer,
        parameters=[IF_MATCH_HEADER],
        responses={200: AssignmentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        assignment = self.get_object()
        if not request.user.has_perm("meetings.complete_assignment", assignment):
            raise PermissionDenied(_("You may not do this to this assignment."))
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting_services.assignment_complete(
            assignment=assignment,
            result=serializer.validated_data["result"],
            by=request.user,
            expected_version=expected_version(request, serializer.validated_data),
        )
        return Response(AssignmentSerializer(self.get_queryset().get(pk=assignment.pk)).data)
