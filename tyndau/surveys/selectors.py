"""Reads of surveys: the public list and the results, counted by the database.

Shares: a choice's count over the respondents (of the group) who answered the question;
for multiple choice the shares of a question may add up to more than 100 %.

Privacy: only aggregates leave the office. A breakdown is published only when each of
its groups has none or at least ``settings.TYNDAU_SURVEY_MIN_GROUP`` respondents (a
group of one would show that person's answers); otherwise the whole breakdown is withheld
(hiding one group alone would not do: the total minus the other groups gives it back).
Free-text answers pass the anonymiser (``anonymise_text``) before they are listed.
"""

from __future__ import annotations

from importlib.util import find_spec

from django.conf import settings
from django.db.models import Avg, Count, QuerySet

from .models import Answer, QuestionKind, Response, Survey, Trait


def survey_list_public() -> QuerySet[Survey]:
    return Survey.objects.filter(is_published=True).select_related("territory", "office")


def survey_list_for_staff(*, user) -> QuerySet[Survey]:
    from tyndau.territory.selectors import scope_q

    return Survey.objects.filter(scope_q(user=user, field="territory__path")).select_related(
        "territory"
    )


def anonymise_text(text: str, *, names=()) -> str:
    """The one anonymiser, applied to every free-text answer before it leaves the office.

    HOOK (issue 17): the project's anonymiser moves to ``tyndau.privacy.anonymiser``; use it
    as soon as it is installed, until then the one on main (``tyndau.appeals.selectors``).
    """
    if find_spec("tyndau.privacy") and find_spec("tyndau.privacy.anonymiser"):
        from tyndau.privacy.anonymiser import anonymise
    else:
        from tyndau.appeals.selectors import anonymise
    return anonymise(text, names=list(names))


def min_group() -> int:
    return int(getattr(settings, "TYNDAU_SURVEY_MIN_GROUP", 5))


def _share(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


def _group_sizes(survey: Survey, trait: Trait) -> dict:
    return {
        row["traits__option"]: row["n"]
        for row in Response.objects.filter(survey=survey, traits__trait=trait)
        .values("traits__option")
        .annotate(n=Count("id"))
    }


def survey_results(
    *, survey: Survey, trait: Trait | None = None, smallest: int | None = None
) -> dict:
    """Counts and shares per question and option, overall and per option of ``trait``.

    Every figure is one grouped query (``values(...).annotate(Count(...))``). ``smallest``:
    the least respondents a group of a published breakdown may have (default
    ``min_group()``; 1 for the office's own view). ``withheld`` in the result says that
    the breakdown asked for was withheld and the overall figures are given instead."""
    smallest = min_group() if smallest is None else smallest
    withheld = None
    if trait is not None and any(0 < n < smallest for n in _group_sizes(survey, trait).values()):
        withheld, trait = trait, None
    groups = [{"key": None, "code": None, "label": None}]
    group_field = None
    if trait is not None:
        group_field = "response__traits__option"
        groups = [{"key": o.pk, "code": o.code, "label": o.label} for o in trait.options.all()]

    def grouped(qs, *fields):
        qs = qs.filter(response__survey=survey)
        if trait is not None:
            qs = qs.filter(response__traits__trait=trait)
            fields = (*fields, group_field)
        return qs.values(*fields)

    def key(row):
        return row.get(group_field) if trait is not None else None

    answered = {
        (row["question"], key(row)): row["n"]
        for row in grouped(Answer.objects.all(), "question").annotate(
            n=Count("response", distinct=True)
        )
    }
    chosen = {
        (row["question"], row["choice"], key(row)): row["n"]
        for row in grouped(
            Answer.objects.filter(choice__isnull=False), "question", "choice"
        ).annotate(n=Count("response", distinct=True))
    }
    scaled = {
        (row["question"], row["scale"], key(row)): row["n"]
        for row in grouped(
            Answer.objects.filter(scale__isnull=False), "question", "scale"
        ).annotate(n=Count("id"))
    }
    means = {
        (row["question"], key(row)): row["mean"]
        for row in grouped(Answer.objects.filter(scale__isnull=False), "question").annotate(
            mean=Avg("scale")
        )
    }
    if trait is not None:
        sizes = _group_sizes(survey, trait)
    else:
        sizes = {None: Response.objects.filter(survey=survey).count()}
    for group in groups:
        group["respondents"] = sizes.get(group["key"], 0)

    questions = []
    for question in survey.questions.prefetch_related("choices"):
        item = {"question": question, "kind": question.kind, "rows": [], "texts": []}
        item["answered"] = [answered.get((question.pk, g["key"]), 0) for g in groups]
        item["columns"] = [
            {"label": g["label"], "answered": n}
            for g, n in zip(groups, item["answered"], strict=True)
        ]
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = [(c.pk, c.text) for c in question.choices.all()]
            table = chosen
        elif question.kind == QuestionKind.SCALE:
            options = [(value, str(value)) for value in range(1, 6)]
            table = scaled
            item["means"] = [
                round(means[(question.pk, g["key"])], 2)
                if means.get((question.pk, g["key"])) is not None
                else None
                for g in groups
            ]
        else:
            options, table = [], {}
            names = []  # anonymous: no names; identified: the respondents' names are hidden too
            texts = Answer.objects.filter(question=question).exclude(text="")
            if not survey.is_anonymous:
                names = list(
                    texts.exclude(response__respondent_name="").values_list(
                        "response__respondent_name", flat=True
                    )
                )
            item["texts"] = [
                anonymise_text(text, names=names)
                for text in texts.order_by("id").values_list("text", flat=True)
            ]
        for value, label in options:
            cells = []
            for index, group in enumerate(groups):
                count = table.get((question.pk, value, group["key"]), 0)
                cells.append({"count": count, "share": _share(count, item["answered"][index])})
            item["rows"].append({"value": value, "label": label, "cells": cells})
        questions.append(item)
    return {
        "survey": survey,
        "trait": trait,
        "withheld": withheld is not None,
        "withheld_trait": withheld,
        "smallest": smallest,
        "groups": groups,
        "respondents": sum(g["respondents"] for g in groups) if trait is not None else sizes[None],
        "questions": questions,
    }
