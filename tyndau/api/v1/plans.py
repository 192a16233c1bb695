"""Development plans and budgets, read-only: the same public figures as the portal and
the open data (no personal data). Items carry their progress, money and late flag."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from tyndau.budget import selectors as budget_selectors
from tyndau.budget.models import Budget
from tyndau.plans import selectors as plan_selectors
from tyndau.plans.models import FinancingSource, Plan

from .base import ById, ReadOnlyViewSet, in_languages


class FinancingSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FinancingSource.choices)
    year = serializers.IntegerField()
    planned = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent = serializers.DecimalField(max_digits=16, decimal_places=2)
    budget_programme_code = serializers.CharField()


class PlanItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    code = serializers.CharField()
    depth = serializers.IntegerField()
    title_ru, title_kk, title_en = in_languages()
    indicator = serializers.CharField()
    unit = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    starts_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    status = serializers.CharField(source="status.code")
    progress = serializers.DecimalField(max_digits=5, decimal_places=2)
    planned_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    is_late = serializers.BooleanField()
    appeal_links = serializers.IntegerField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    financing = FinancingSerializer(many=True, source="financing.all")


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    territory = serializers.CharField(source="territory.code")
    title_ru, title_kk, title_en = in_languages()
    first_year = serializers.IntegerField()
    last_year = serializers.IntegerField()


class PlanDetailSerializer(PlanSerializer):
    items = PlanItemSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="Development plans"),
    retrieve=extend_schema(
        summary="A development plan with every item", responses=PlanDetailSerializer
    ),
)
class PlanViewSet(ById, ReadOnlyViewSet):
    """Development plans with their items (tree by ``parent``), progress, money, late flag."""

    serializer_class = PlanSerializer
    queryset = Plan.objects.none()

    def get_queryset(self):
        return plan_selectors.plan_list_public().order_by("territory__path", "-first_year", "id")

    def retrieve(self, request, *args, **kwargs):
        plan = self.get_object()
        items = list(plan_selectors.plan_items(plan=plan).prefetch_related("financing"))
        data = PlanSerializer(plan).data
        data["items"] = PlanItemSerializer(items, many=True).data
        return Response(data)


class BudgetRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    planned = serializers.DecimalField(max_digits=16, decimal_places=2)
    adjusted = serializers.DecimalField(max_digits=16, decimal_places=2)
    executed = serializers.DecimalField(max_digits=16, decimal_places=2)


class BudgetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    territory = serializers.CharField(source="territory.code")
    year = serializers.IntegerField()


class BudgetDetailSerializer(BudgetSerializer):
    revenues = BudgetRowSerializer(many=True)
    expenditures = BudgetRowSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="Budgets of rural districts"),
    retrieve=extend_schema(
        summary="A budget: revenues by kind, expenditures by programme",
        responses=BudgetDetailSerializer,
    ),
)
class BudgetViewSet(ById, ReadOnlyViewSet):
    """Budgets of rural districts: annual revenues by kind and expenditures by programme."""

    serializer_class = BudgetSerializer
    queryset = Budget.objects.none()

    def get_queryset(self):
        return budget_selectors.budget_list_public().order_by("territory__path", "-year")

    def retrieve(self, request, *args, **kwargs):
        budget = self.get_object()

        def rows(items, code, name):
            return [
                {
                    "code": r[code],
                    "name": str(r[name]),
                    "planned": r["planned_sum"],
                    "adjusted": r["adjusted_sum"],
                    "executed": r["executed_sum"],
                }
                for r in items
            ]

        data = BudgetSerializer(budget).data
        data["revenues"] = BudgetRowSerializer(
            rows(budget_selectors.revenues_by_kind(budget=budget), "kind", "label"), many=True
        ).data
        data["expenditures"] = BudgetRowSerializer(
            rows(
                budget_selectors.expenditures_by_programme(budget=budget),
                "programme__code",
                "programme__name_ru",
            ),
            many=True,
        ).data
        return Response(data)
