"""Reads of surveys: the public list and the results, counted by the database.

Shares: a choice's count over the respondents (of the group) who answered the question;
for multiple choice the shares of a question may add up to more than 100 %.

Privacy: only aggregates leave the office. A breakdown, by one trait or by two crossed
(age group × gender), is published only when each of its groups (each cell of a cross
table) has none or at least ``settings.TYNDAU_SURVEY_MIN_GROUP`` respondents (a group of
one would show that person's answers); otherwise the whole breakdown is withheld (hiding
one group alone would not do: the total minus the other groups gives it back).
Free-text answers pass the anonymiser (``anonymise_text``) before they are listed.
"""

from __future__ import annotations

from importlib.util import find_spec
from itertools import product

from django.conf import settings
from django.db.models import Avg, Count, OuterRef, QuerySet, Subquery

from .models import Answer, QuestionKind, Response, ResponseTrait, Survey, Trait


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


def breakdown_traits(*, survey: Survey, trait: str = "", by: str = "") -> tuple:
    """The traits of a breakdown asked for by their codes (``?trait=age&by=gender``).

    Raises ``Trait.DoesNotExist`` for a code the survey does not have, and a ``DomainError``
    with a translated message for ``by`` without ``trait`` or equal to it."""
    from django.utils.translation import gettext as _

    from tyndau.core.errors import DomainError

    trait, by = (trait or "")[:32], (by or "")[:32]
    if by and not trait:
        raise DomainError(_("Choose the first trait to break the results down by."), code="by")
    if by and by == trait:
        raise DomainError(_("Choose two different traits to cross."), code="by")
    first = survey.traits.get(code=trait) if trait else None
    second = survey.traits.get(code=by) if by else None
    return first, second


def min_group() -> int:
    return int(getattr(settings, "TYNDAU_SURVEY_MIN_GROUP", 5))


def _share(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


def _by_traits(qs, traits: list[Trait], respondent: str):
    """Annotate each row of ``qs`` with its respondent's option of each trait (g0, g1)."""
    for n, trait in enumerate(traits):
        qs = qs.annotate(
            **{
                f"g{n}": Subquery(
                    ResponseTrait.objects.filter(response=OuterRef(respondent), trait=trait).values(
                        "option"
                    )[:1]
                )
            }
        )
    return qs


def _group_sizes(survey: Survey, traits: list[Trait]) -> dict:
    """Respondents per combination of the traits' options, counted by the database."""
    names = [f"g{n}" for n in range(len(traits))]
    rows = _by_traits(Response.objects.filter(survey=survey), traits, "pk")
    if not names:
        return {(): rows.count()}
    return {
        tuple(row[name] for name in names): row["n"]
        for row in rows.values(*names).annotate(n=Count("id")).order_by()
    }


def survey_results(
    *,
    survey: Survey,
    trait: Trait | None = None,
    by: Trait | None = None,
    smallest: int | None = None,
) -> dict:
    """Counts and shares per question and option, overall, per option of ``trait``, or per
    combination of the options of ``trait`` and ``by`` (a cross table, e.g. age × gender).

    Every figure is one grouped query (``values(...).annotate(Count(...))``); the groups
    are the respondents' trait options, joined in by subqueries. ``smallest``: the least
    respondents a group of a published breakdown may have (default ``min_group()``; 1 for
    the office's own view). A breakdown, or a cross table, is published only when each of
    its groups (each cell) has none or at least ``smallest`` respondents; otherwise
    ``withheld`` says so and the overall figures are given instead."""
    smallest = min_group() if smallest is None else smallest
    traits = [t for t in (trait, by) if t is not None]
    if by is not None and (trait is None or by == trait):
        raise ValueError("by needs another trait to cross with")
    withheld = []
    if traits and any(0 < n < smallest for n in _group_sizes(survey, traits).values()):
        withheld, traits = traits, []
    names = [f"g{n}" for n in range(len(traits))]
    options = [list(t.options.all()) for t in traits]
    if not traits:
        groups = [{"key": (), "code": None, "by_code": None, "label": None, "labels": []}]
    else:
        groups = [
            {
                "key": tuple(o.pk for o in combo),
                "code": combo[0].code,
                "by_code": combo[1].code if len(combo) > 1 else None,
                "label": " · ".join(o.label for o in combo),
                "labels": [o.label for o in combo],
            }
            for combo in product(*options)
        ]

    def grouped(qs, *fields):
        qs = _by_traits(qs.filter(response__survey=survey), traits, "response")
        return qs.values(*fields, *names).order_by()

    def key(row):
        return tuple(row[name] for name in names)

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
    sizes = _group_sizes(survey, traits)
    for group in groups:
        group["respondents"] = sizes.get(group["key"], 0)

    questions = []
    for question in survey.questions.prefetch_related("choices"):
        item = {"question": question, "kind": question.kind, "rows": [], "texts": []}
        item["answered"] = [answered.get((question.pk, g["key"]), 0) for g in groups]
        item["columns"] = [
            {
                "label": g["label"],
                "short": g["labels"][-1] if len(g["labels"]) > 1 else None,
                "answered": n,
            }
            for g, n in zip(groups, item["answered"], strict=True)
        ]
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            values = [(c.pk, c.text) for c in question.choices.all()]
            table = chosen
        elif question.kind == QuestionKind.SCALE:
            values = [(value, str(value)) for value in range(1, 6)]
            table = scaled
            item["means"] = [
                round(means[(question.pk, g["key"])], 2)
                if means.get((question.pk, g["key"])) is not None
                else None
                for g in groups
            ]
        else:
            values, table = [], {}
            people = []  # anonymous: no names; identified: the respondents' names are hidden too
            texts = Answer.objects.filter(question=question).exclude(text="")
            if not survey.is_anonymous:
                people = list(
                    texts.exclude(response__respondent_name="").values_list(
                        "response__respondent_name", flat=True
                    )
                )
            item["texts"] = [
                anonymise_text(text, names=people)
                for text in texts.order_by("id").values_list("text", flat=True)
            ]
        for value, label in values:
            cells = []
            for index, group in enumerate(groups):
                count = table.get((question.pk, value, group["key"]), 0)
                cells.append({"count": count, "share": _share(count, item["answered"][index])})
            item["rows"].append({"value": value, "label": label, "cells": cells})
        questions.append(item)
    return {
        "survey": survey,
        "trait": traits[0] if traits else None,
        "by": traits[1] if len(traits) > 1 else None,
        "withheld": bool(withheld),
        "withheld_trait": withheld[0] if withheld else None,
        "withheld_by": withheld[1] if len(withheld) > 1 else None,
        "smallest": smallest,
        "groups": groups,
        "header": _header(traits, options),
        "respondents": sizes[()] if not traits else sum(g["respondents"] for g in groups),
        "questions": questions,
    }


def _header(traits: list[Trait], options: list) -> list[dict]:
    """The upper header row of a cross table: each option of the first trait spanning the
    columns of the second trait's options (empty for no or one trait)."""
    if len(traits) < 2:
        return []
    return [{"label": o.label, "span": len(options[1])} for o in options[0]]
