"""The topics of the taxonomy, for clients that file appeals."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets

from tyndau.appeals.models import Topic

from ..base import ApiViewMixin, in_languages


class TopicSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_ru, name_kk, name_en = in_languages()


@extend_schema(summary="Topics of the taxonomy")
class TopicViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TopicSerializer
    pagination_class = None
    queryset = Topic.objects.filter(is_active=True).order_by("order", "code")
