"""Triage over REST (``/api/v1/triage/…``): the same selectors, rules and services as the
staff pages.

- ``POST suggest/`` ``{"text", "office"?, "street"?, "latitude"?, "longitude"?}``: the
  suggested topic with its confidence and words, and (with an office the user may
  register for) the executors and similar open appeals;
- ``GET appeals/{id}/``: the same for a registered appeal, plus its problem;
- ``POST appeals/{id}/label/`` ``{"topic", "suggested_topic"?, "confidence"?,
  "model_version"?, "version"?}``: accept or change the topic, kept as a label;
- ``POST problems/`` ``{"appeals": [ids], "title"?}``: link appeals as one problem;
- ``GET problems/``: the largest open problems in the user's offices.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from tyndau.api.v1.base import ApiViewMixin, expected_version
from tyndau.appeals.models import Appeal, Topic
from tyndau.territory.models import Office
from tyndau.territory.selectors import offices_visible_to

from . import selectors, services


def suggestion_data(suggestion) -> dict | None:
    if suggestion is None:
        return None
    return {
        "topic": suggestion.topic.code,
        "topic_name": suggestion.topic.name,
        "confidence": round(suggestion.confidence, 4),
        "words": [{"word": w, "weight": s} for w, s in suggestion.words],
        "alternatives": [
            {"topic": t.code, "topic_name": t.name, "confidence": round(p, 4)}
            for t, p in suggestion.alternatives
        ],
        "model_version": suggestion.model_version,
    }


def panel_data(context: dict) -> dict:
    return {
        "topic_suggestion": suggestion_data(context["suggestion"]),
        "executors": [
            {
                "id": e.pk,
                "name": e.get_full_name() or e.get_username(),
                "answered_here": e.answered_here,
                "answered_topic": e.answered_topic,
                "open": e.load,
                "overdue": e.overdue,
            }
            for e in context["executors"]
        ],
        "similar": [
            {
                "id": s.appeal.pk,
                "number": s.appeal.number,
                "similarity": round(s.similarity, 3),
                "same_street": s.same_street,
                "metres": None if s.metres is None else round(s.metres),
                "problem": s.problem_id,
            }
            for s in context["similar"]
        ],
    }


class SuggestInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    office = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    street = serializers.CharField(required=False, allow_blank=True, max_length=128)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)


class LabelInput(serializers.Serializer):
    topic = serializers.SlugRelatedField(slug_field="code", queryset=Topic.objects.all())
    suggested_topic = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.all(), required=False, allow_null=True
    )
    confidence = serializers.FloatField(required=False, min_value=0, max_value=1)
    model_version = serializers.IntegerField(required=False, min_value=0)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class LinkInput(serializers.Serializer):
    appeals = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=2
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=255)


class TriageViewSet(ApiViewMixin, viewsets.ViewSet):
    def _appeal(self, pk) -> Appeal:
        if not str(pk).isdigit() or int(pk) > 2**63 - 1:
            raise NotFound()
        appeal = Appeal.objects.select_related("office", "territory", "topic").filter(pk=pk)
        appeal = appeal.first()
        if appeal is None or not self.request.user.has_perm("appeals.view_appeal", appeal):
            raise NotFound()
        return appeal

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        request=SuggestInput,
        summary="Suggest a topic, executors, similar appeals",
    )
    @action(detail=False, methods=["post"])
    def suggest(self, request):
        data = SuggestInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        office = Office.objects.filter(pk=data.get("office")).first() if "office" in data else None
        if office is not None and not request.user.has_perm("appeals.register_appeal", office):
            raise PermissionDenied()
        if office is None:
            if not offices_visible_to(user=request.user).exists():
                raise PermissionDenied()
            return Response(
                {"topic_suggestion": suggestion_data(selectors.topic_suggest(text=data["text"]))}
            )
        from .views import panel_context

        context = panel_context(
            office=office,
            text=data["text"],
            street=data.get("street", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
        )
        return Response(panel_data(context))

    @extend_schema(
        responses=OpenApiTypes.OBJECT, summary="Suggestions and the problem of an appeal"
    )
    @action(detail=False, methods=["get"], url_path=r"appeals/(?P<pk>[0-9]+)")
    def appeal(self, request, pk=None):
        from .views import appeal_panel_context

        appeal = self._appeal(pk)
        context = appeal_panel_context(appeal)
        problem = selectors.problem_of(appeal)
        return Response({**panel_data(context), "problem": problem.pk if problem else None})

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        request=LabelInput,
        summary="Accept or change the topic of an appeal",
    )
    @action(detail=False, methods=["post"], url_path=r"appeals/(?P<pk>[0-9]+)/label")
    def label(self, request, pk=None):
        appeal = self._appeal(pk)
        if not request.user.has_perm("triage.label_topic", appeal):
            raise PermissionDenied()
        data = LabelInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        label = services.topic_label_record(
            appeal=appeal,
            topic=data["topic"],
            by=request.user,
            suggested_topic=data.get("suggested_topic"),
            confidence=data.get("confidence"),
            model_version=data.get("model_version"),
            expected_version=expected_version(request, data),
        )
        appeal.refresh_from_db(fields=["version", "topic"])
        return Response(
            {"label": label.pk, "topic": label.topic.code, "accepted": label.accepted},
            headers={"ETag": f'"{appeal.version}"'},
        )

    @extend_schema(
        methods=["GET"],
        responses={200: {"type": "array", "items": {"type": "object"}}},
        summary="The largest open problems in the user's offices",
    )
    @extend_schema(
        methods=["POST"],
        request=LinkInput,
        responses={201: OpenApiTypes.OBJECT},
        summary="Link appeals as one problem",
    )
    @action(detail=False, methods=["get", "post"])
    def problems(self, request):
        offices = offices_visible_to(user=request.user)
        if request.method == "GET":
            items = selectors.problem_list_largest_open(offices=offices, limit=50)
            return Response(
                [
                    {
                        "id": p.pk,
                        "title": p.title,
                        "topic": p.topic.code,
                        "office": p.office_id,
                        "appeals": p.appeal_count,
                        "open": p.open_count,
                        "size": p.size,
                    }
                    for p in items
                ]
            )
        data = LinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        appeals = [self._appeal(pk) for pk in data.validated_data["appeals"]]
        if not all(request.user.has_perm("triage.link_problem", a) for a in appeals):
            raise PermissionDenied()
        problem = services.problem_link(
            appeals=appeals, by=request.user, title=data.validated_data.get("title", "")
        )
        return Response({"id": problem.pk, "title": problem.title}, status=201)
