"""What the triage app adds to others: the ``large_problem`` risk counter, and what it
keeps from the clerk's registration form."""

from __future__ import annotations

import contextlib

from django.dispatch import receiver

from tyndau.appeals.models import Appeal
from tyndau.appeals.risk import register_counter
from tyndau.appeals.signals import registration_form_saved
from tyndau.core.errors import DomainError

from .selectors import problem_size_by_appeal, problem_size_of

register_counter("large_problem", one=problem_size_of, many=problem_size_by_appeal)


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@receiver(registration_form_saved, dispatch_uid="triage-registration")
def keep_registration_choices(sender, *, appeal, data, user, **_):
    """The registration form carries the suggestion the clerk saw (hidden fields of the
    triage panel) and the similar appeals they ticked as the same problem."""
    from . import services

    suggested = data.get("triage_suggested") or None
    already = appeal.topic_labels.exists()  # a retried submission returns the same appeal
    if suggested and not already:
        with contextlib.suppress(DomainError):  # a tampered hidden field: no label
            services.topic_label_record(
                appeal=appeal,
                topic=appeal.topic,
                by=user,
                suggested_topic=suggested,
                confidence=_float(data.get("triage_confidence")),
                model_version=_int(data.get("triage_model_version")),
            )
    ids = [i for i in (_int(v) for v in data.getlist("triage_same_problem")) if i]
    if ids:
        others = list(Appeal.objects.filter(pk__in=ids, office_id=appeal.office_id))
        # The appeal is registered either way; if the link is refused (another problem's
        # appeal was ticked), the clerk links it from the appeal's page.
        with contextlib.suppress(DomainError):
            services.problem_link(appeals=[appeal, *others], by=user)
