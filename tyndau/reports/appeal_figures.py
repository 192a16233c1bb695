"""The figures of the appeal forms (outcomes, topics, personal reception), each a
``Figure`` of ``figure_kit``."""

from __future__ import annotations

from django.db.models import F, Q

from tyndau.appeals.models import (
    OPEN_STATUSES,
    ApplicantType,
    Channel,
    Outcome,
    Status,
)

from .definitions import (
    APPEAL_TOPICS,
    PERSONAL_RECEPTION,
)
from .figure_kit import APPEALS, Figure, Grouping, _between, _flag, column_figures, topic_columns


def appeal_outcome_figures(date_from, date_to) -> list[Figure]:
    received = _between("registered_on", date_from, date_to)
    decided = _between("decided_on", date_from, date_to)
    reception = Q(channel=Channel.PERSONAL_RECEPTION)
    considered = decided & ~Q(outcome="")
    # Decided after the end, or not decided at all and still open (an anonymous appeal left
    # without consideration, closed or not, is never pending).
    pending = Q(registered_on__lte=date_to) & (
        Q(decided_on__gt=date_to) | Q(decided_on__isnull=True, status__in=OPEN_STATUSES)
    )
    figures = [
        Figure("received", APPEALS, received),
        Figure(
            "received_by_source.individual",
            APPEALS,
            received & ~reception & Q(applicant_type=ApplicantType.INDIVIDUAL),
        ),
        Figure(
            "received_by_source.legal_entity",
            APPEALS,
            received & ~reception & Q(applicant_type=ApplicantType.LEGAL_ENTITY),
        ),
        Figure("received_by_source.personal_reception", APPEALS, received & reception),
        Figure(
            "received_by_source.anonymous",
            APPEALS,
            received & ~reception & Q(applicant_type=ApplicantType.ANONYMOUS),
        ),
        Figure("considered", APPEALS, considered),
        Figure(
            "redirected",
            APPEALS,
            decided & Q(outcome="") & Q(status__in=[Status.REDIRECTED, Status.CLOSED]),
        ),
    ]
    for name, outcome in [
        ("satisfied", Outcome.SATISFIED),
        ("refused", Outcome.REFUSED),
        ("explained", Outcome.EXPLAINED),
        ("terminated", Outcome.TERMINATED),
    ]:
        figures.append(Figure(name, APPEALS, decided & Q(outcome=outcome)))
    figures += [
        Figure("repeated", APPEALS, received & Q(repeated=True)),
        Figure("considered_repeatedly", APPEALS, considered & Q(repeated=True)),
        Figure("pending_at_end", APPEALS, pending),
    ]
    return figures


def appeal_topic_figures(date_from, date_to) -> list[Figure]:
    received = _between("registered_on", date_from, date_to)
    by_topic = Grouping("received", received, (("g_topic", F("topic_id")),))
    columns = topic_columns(APPEAL_TOPICS)
    return [
        Figure("total", APPEALS, received, grouping=by_topic, match=lambda row: True)
    ] + column_figures(columns, "topics.{column}", APPEALS, received, by_topic, lambda row: True)


def personal_reception_figures(date_from, date_to) -> list[Figure]:
    reception = Q(channel=Channel.PERSONAL_RECEPTION)
    received = _between("registered_on", date_from, date_to) & reception
    decided = _between("decided_on", date_from, date_to) & reception
    grouping = Grouping(
        "reception",
        reception,
        (
            ("g_topic", F("topic_id")),
            ("g_outcome", F("outcome")),
            ("g_received", _flag(received)),
            ("g_decided", _flag(decided)),
        ),
    )

    def was_received(row):
        return row["g_received"] == 1

    def decided_as(outcome):
        return lambda row: row["g_decided"] == 1 and row["g_outcome"] == outcome

    columns = topic_columns(PERSONAL_RECEPTION)
    return (
        [Figure("total", APPEALS, received, grouping=grouping, match=was_received)]
        + column_figures(columns, "categories.{column}", APPEALS, received, grouping, was_received)
        + [
            Figure(
                name,
                APPEALS,
                decided & Q(outcome=outcome),
                grouping=grouping,
                match=decided_as(outcome),
            )
            for name, outcome in [
                ("satisfied", Outcome.SATISFIED),
                ("explained", Outcome.EXPLAINED),
                ("rejected", Outcome.REFUSED),
            ]
        ]
    )
