"""The filters of the appeal list."""

import django_filters

from tyndau.appeals.models import Appeal, ApplicantType, Channel, Kind, Outcome, RiskBand, Status
from tyndau.appeals.querysets import overdue_q

from ..base import IdFilter, TerritoryFilter


class AppealFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    applicant_type = django_filters.ChoiceFilter(choices=ApplicantType.choices)
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)
    risk_band = django_filters.ChoiceFilter(choices=RiskBand.choices)
    topic = django_filters.CharFilter(field_name="topic__code", help_text="Topic code.")
    territory = TerritoryFilter()
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

    def filter_overdue(self, queryset, name, value):
        late = overdue_q()
        return queryset.filter(late) if value else queryset.exclude(late)
