"""The gathering's decisions as an open data set (registered with ``tyndau.opendata``).
Only closed sessions; the votes as counts, never who voted how, and no member's name."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext_lazy as _

COLUMNS = [
    "territory",
    "session_number",
    "held_on",
    "item_number",
    "kind",
    "question_ru",
    "question_kk",
    "decision_ru",
    "decision_kk",
    "adopted",
    "present",
    "votes_for",
    "votes_against",
    "votes_abstained",
    "budget_year",
    "budget_version",
    "plan_id",
    "plan_version",
]


def decision_rows() -> list[dict]:
    from .models import Decision

    return list(
        Decision.objects.public()
        .annotate(
            territory=F("agenda_item__session__territory__code"),
            session_number=F("agenda_item__session__number"),
            held_on=F("agenda_item__session__held_on"),
            item_number=F("agenda_item__number"),
            kind=F("agenda_item__kind"),
            question_ru=F("agenda_item__title_ru"),
            question_kk=F("agenda_item__title_kk"),
            decision_ru=F("text_ru"),
            decision_kk=F("text_kk"),
            budget_year=F("agenda_item__budget__year"),
            budget_version=F("budget_versions__number"),
            plan_id=F("agenda_item__plan_id"),
            plan_version=F("plan_versions__number"),
        )
        .order_by("territory", "held_on", "session_number", "item_number")
        .values(*COLUMNS)
    )


def register() -> None:
    from tyndau.opendata.datasets import Dataset, register

    register(
        Dataset(
            "gathering-decisions",
            _("Decisions of the local community gathering"),
            _(
                "Each question decided at a closed session of the local community gathering: "
                "the question and the decision in Russian and Kazakh, the members present, "
                "the votes for, against and abstained, and the budget or plan version it "
                "approved. Counts only: no names."
            ),
            COLUMNS,
            decision_rows,
        )
    )
