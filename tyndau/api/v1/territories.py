"""Territories (the KATO tree) the user may see: their office's territory and below."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from tyndau.territory.models import AkimLevel, Level, Territory
from tyndau.territory.selectors import territory_list_visible_to

from .base import ReadOnlyViewSet, in_languages


class TerritorySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="KATO code")
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    level = serializers.ChoiceField(choices=Level.choices)
    akim_level = serializers.ChoiceField(choices=AkimLevel.choices)
    name = serializers.CharField()
    name_ru, name_kk, name_en = in_languages()
    population = serializers.IntegerField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    office = serializers.SerializerMethodField()

    def get_office(self, territory) -> int | None:
        office = getattr(territory, "office", None)
        return office.pk if office is not None else None


class TerritoryFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices)
    akim_level = django_filters.ChoiceFilter(choices=AkimLevel.choices)
    parent = django_filters.CharFilter(field_name="parent__code", help_text="Parent's KATO code.")

    class Meta:
        model = Territory
        fields: list = []


@extend_schema_view(
    list=extend_schema(summary="Territories in your scope"),
    retrieve=extend_schema(summary="One territory by KATO code"),
)
class TerritoryViewSet(ReadOnlyViewSet):
    serializer_class = TerritorySerializer
    queryset = Territory.objects.none()
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{1,16}"
    filter_backends = [DjangoFilterBackend]
    filterset_class = TerritoryFilter

    def get_queryset(self):
        return (
            territory_list_visible_to(user=self.request.user)
            .select_related("parent", "office")
            .order_by("path")
        )

    def get_object(self):
        territory = self.get_queryset().filter(code=self.kwargs["code"]).first()
        if territory is None or not self.request.user.has_perm(
            "territory.view_territory", territory
        ):
            raise NotFound()
        return territory
