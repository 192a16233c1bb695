"""The answer library (public): published questions and answers, searchable in full text."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from tyndau.appeals.models import Topic
from tyndau.library import selectors

from .base import ReadOnlyViewSet


class EntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    topic = serializers.CharField(source="topic.code")
    office = serializers.IntegerField(source="office_id")
    question_ru = serializers.CharField()
    answer_ru = serializers.CharField()
    question_kk = serializers.CharField()
    answer_kk = serializers.CharField()
    legal_basis = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


@extend_schema_view(
    list=extend_schema(
        summary="Answer library: published questions and answers",
        parameters=[
            OpenApiParameter("q", str, description="Full-text search (every word must match)."),
            OpenApiParameter("topic", str, description="Topic code."),
        ],
    ),
    retrieve=extend_schema(summary="One answer-library entry"),
)
class EntryViewSet(ReadOnlyViewSet):
    serializer_class = EntrySerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.entry_list_public()
        code = self.request.query_params.get("topic", "")
        topic = Topic.objects.filter(code=code).first() if code else None
        found = selectors.entry_search_public(
            text=self.request.query_params.get("q", "")[:200], topic=topic
        )
        if isinstance(found, list):
            return found
        return (
            found.order_by("-published_at", "-id")
            if not self.request.query_params.get("q")
            else found
        )
