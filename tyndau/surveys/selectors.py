"""Reads of surveys: the public list and the results, counted by the database.

Shares: a choice's count over the respondents (of the group) who answered the question;
for multiple choice the shares of a question may add up to more than 100 %.
"""

from __future__ import annotations

from django.db.models import Avg, Count, QuerySet

from tyndau.appeals.selectors import anonymise

from .models import Answer, QuestionKind, Response, Survey, Trait


def survey_list_public() -> QuerySet[Survey]:
    return Survey.objects.filter(is_published=True).select_related("territory", "office")


def survey_list_for_staff(*, user) -> QuerySet[Survey]:
    from tyndau.territory.selectors import scope_q

    return Survey.objects.filter(scope_q(user=user, field="territory__path")).select_related(
        "territory"
    )


def _share(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


def survey_results(*, survey: Survey, trait: Trait | None = None) -> dict:
    """Counts and shares per question and option, overall and per option of ``trait``.

    Every figure is one grouped query (``values(...).annotate(Count(...))``)."""
    groups = [{"key": None, "label": None}]
    group_field = None
    if trait is not None:
        group_field = "response__traits__option"
        groups = [{"key": o.pk, "label": o.label} for o in trait.options.all()]

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
    respondents = Response.objects.filter(survey=survey)
    if trait is not None:
        sizes = {
            row["traits__option"]: row["n"]
            for row in respondents.filter(traits__trait=trait)
            .values("traits__option")
            .annotate(n=Count("id"))
        }
    else:
        sizes = {None: respondents.count()}
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
                anonymise(text, names=names)
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
        "groups": groups,
        "respondents": sum(g["respondents"] for g in groups) if trait is not None else sizes[None],
        "questions": questions,
    }
