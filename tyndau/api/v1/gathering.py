"""Sessions of the local community gathering, read-only: the public record (agenda,
attendance counts, quorum, decisions with the votes counted, the budget or plan version
each approved). No member's name, and never who voted how."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from tyndau.gathering import selectors
from tyndau.gathering.models import AgendaKind, Session, SessionStatus

from .base import ById, ReadOnlyViewSet, in_languages


class DecisionSerializer(serializers.Serializer):
    text_ru, text_kk, text_en = in_languages()
    adopted = serializers.BooleanField()
    present = serializers.IntegerField()
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    votes_abstained = serializers.IntegerField()
    budget_version = serializers.IntegerField(allow_null=True)
    plan_version = serializers.IntegerField(allow_null=True)


class AgendaItemSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AgendaKind.choices)
    title_ru, title_kk, title_en = in_languages()
    speaker = serializers.CharField()
    budget = serializers.IntegerField(source="budget_id", allow_null=True)
    plan = serializers.IntegerField(source="plan_id", allow_null=True)
    decision = DecisionSerializer(source="public_decision", allow_null=True)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    territory = serializers.CharField(source="territory.code")
    number = serializers.IntegerField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    status = serializers.ChoiceField(choices=SessionStatus.choices)
    roll = serializers.IntegerField(help_text="Members serving on the day of the session.")
    present = serializers.IntegerField()
    has_quorum = serializers.BooleanField()


class SessionDetailSerializer(SessionSerializer):
    agenda = AgendaItemSerializer(many=True)


def _decision(item):
    decision = getattr(item, "decision", None)
    if decision is None or item.session.status != SessionStatus.CLOSED:
        return None
    budget = next(iter(decision.budget_versions.all()), None)
    plan = next(iter(decision.plan_versions.all()), None)
    fields = ("text_ru", "text_kk", "text_en", "adopted", "present")
    counts = ("votes_for", "votes_against", "votes_abstained")
    return {
        **{name: getattr(decision, name) for name in fields + counts},
        "budget_version": budget.number if budget else None,
        "plan_version": plan.number if plan else None,
    }


@extend_schema_view(
    list=extend_schema(summary="Sessions of the local community gathering"),
    retrieve=extend_schema(
        summary="A session: agenda, quorum and decisions with votes",
        responses=SessionDetailSerializer,
    ),
)
class SessionViewSet(ById, ReadOnlyViewSet):
    """Sessions of the gathering (not cancelled), with attendance counted in the database."""

    serializer_class = SessionSerializer
    queryset = Session.objects.none()

    def get_queryset(self):
        return selectors.session_list_public().order_by("territory__path", "-held_on", "-number")

    def retrieve(self, request, *args, **kwargs):
        session = self.get_object()
        agenda = selectors.agenda_of(session=session)
        data = SessionSerializer(session).data
        for item in agenda:
            item.public_decision = _decision(item)
        data["agenda"] = AgendaItemSerializer(agenda, many=True).data
        return Response(data)
