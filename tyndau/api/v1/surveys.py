"""Surveys of residents (public): the published surveys with their questions and traits,
and their results as aggregates counted by the database, optionally broken down by a trait.

No response, name or phone ever leaves through here: only counts, shares, means and the
free-text answers after the anonymiser (``tyndau.surveys.selectors``).
"""

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from tyndau.core.errors import DomainError
from tyndau.surveys import selectors
from tyndau.surveys.models import QuestionKind, Trait

from .base import ReadOnlyViewSet, in_languages


class ChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text_ru, text_kk, text_en = in_languages()


@extend_schema_serializer(component_name="SurveyQuestion")  # meetings have a Question
class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    text_ru, text_kk, text_en = in_languages()
    required = serializers.BooleanField()
    choices = ChoiceSerializer(many=True)


class TraitOptionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label_ru, label_kk, label_en = in_languages()


class TraitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ru, name_kk, name_en = in_languages()
    options = TraitOptionSerializer(many=True)


class SurveySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title_ru, title_kk, title_en = in_languages()
    territory = serializers.CharField(source="territory.code")
    office = serializers.IntegerField(source="office_id")
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    is_anonymous = serializers.BooleanField()
    is_open = serializers.SerializerMethodField()
    traits = TraitSerializer(many=True)
    questions = QuestionSerializer(many=True)

    def get_is_open(self, survey) -> bool:
        return survey.is_open()


class CellSerializer(serializers.Serializer):
    count = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(
        allow_null=True, help_text="Per cent of the group's respondents who answered."
    )


class RowSerializer(serializers.Serializer):
    value = serializers.IntegerField(help_text="The choice id, or the scale value 1–5.")
    label = serializers.CharField()
    cells = CellSerializer(many=True, help_text="One cell per group, in the order of groups.")


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    kind = serializers.CharField()
    text = serializers.CharField(source="question.text")
    answered = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    rows = RowSerializer(many=True)
    means = serializers.ListField(
        child=serializers.FloatField(allow_null=True), required=False, default=None
    )
    texts = serializers.ListField(
        child=serializers.CharField(), help_text="Free-text answers, anonymised."
    )


class GroupSerializer(serializers.Serializer):
    option = serializers.CharField(
        source="code", allow_null=True, help_text="The option of the trait (null: all)."
    )
    by_option = serializers.CharField(
        source="by_code",
        allow_null=True,
        help_text="The option of the second trait in a cross table (null without `by`).",
    )
    label = serializers.CharField(allow_null=True)
    respondents = serializers.IntegerField()


class ResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    trait = serializers.CharField(source="trait.code", default=None)
    by = serializers.CharField(source="by.code", default=None)
    respondents = serializers.IntegerField()
    breakdown_withheld = serializers.BooleanField(
        source="withheld",
        help_text="True when a group of the breakdown (a cell of a cross table) is too "
        "small to publish without revealing individuals: then no breakdown is given.",
    )
    groups = GroupSerializer(many=True)
    questions = QuestionResultSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="Published surveys of residents"),
    retrieve=extend_schema(summary="One published survey with its questions and traits"),
)
class SurveyViewSet(ReadOnlyViewSet):
    serializer_class = SurveySerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return selectors.survey_list_public().prefetch_related(
            "traits__options", "questions__choices"
        )

    @extend_schema(
        summary="A survey's results: counts, shares and means, by one or two traits",
        parameters=[
            OpenApiParameter(
                "trait", str, description="A trait code of the survey to break down by."
            ),
            OpenApiParameter(
                "by",
                str,
                description="A second trait code: a cross table (e.g. trait=age&by=gender), "
                "one group per combination of options.",
            ),
        ],
        responses=ResultsSerializer,
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = self.get_object()
        try:
            trait, by = selectors.breakdown_traits(
                survey=survey,
                trait=request.query_params.get("trait", ""),
                by=request.query_params.get("by", ""),
            )
        except Trait.DoesNotExist:
            raise NotFound() from None
        except DomainError as error:
            raise ValidationError({"by": [str(error)]}) from None
        data = selectors.survey_results(survey=survey, trait=trait, by=by)
        return Response(ResultsSerializer(data).data)
