"""State changes of triage: a person's choice of topic kept as a label, retraining the
topic model, linking appeals into one problem and answering them together.

The model only suggests; every change here is made by a person (or by the periodic
retrain, which changes which model suggests, never an appeal)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils.translation import gettext as _

from tyndau.appeals import services as appeal_services
from tyndau.appeals.models import OPEN_STATUSES, Appeal, Status, Topic
from tyndau.appeals.services import appeal_risk_refresh
from tyndau.core.errors import DomainError

from . import ml
from .models import Problem, ProblemAppeal, TopicLabel, TopicModel
from .selectors import topic_model_current, topic_model_forget

HELD_OUT_EVERY = 5  # one appeal in five (by id) is never trained on: it judges new models
OFFICE_LABEL_WEIGHT = 3.0  # an office's own label counts three times a corpus text


# --- labels ------------------------------------------------------------------------------


def _topic(value) -> Topic:
    if isinstance(value, Topic):
        return value
    topic = Topic.objects.filter(code=str(value)).first()
    if topic is None and str(value).isdigit():
        topic = Topic.objects.filter(pk=int(value)).first()
    if topic is None:
        raise DomainError(_("Unknown topic: %s") % value, code="topic")
    return topic


@transaction.atomic
def topic_label_record(
    *,
    appeal: Appeal,
    topic,
    by,
    suggested_topic=None,
    confidence: float | None = None,
    model_version: int | None = None,
    expected_version: int | None = None,
) -> TopicLabel:
    """Keep a person's choice of topic for an appeal as a training label, and give the
    appeal that topic if it had another (through the appeals service, which refuses a
    stale ``expected_version``)."""
    topic = _topic(topic)
    suggested = _topic(suggested_topic) if suggested_topic else None
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise DomainError(_("The confidence must be between 0 and 1."), code="confidence")
    appeal_services.appeal_change_topic(
        appeal=appeal, topic=topic, by=by, expected_version=expected_version
    )
    return TopicLabel.objects.create(
        appeal=appeal,
        topic=topic,
        suggested_topic=suggested,
        confidence=confidence,
        model_version=model_version,
        accepted=suggested is not None and suggested.pk == topic.pk,
        by=by,
    )


def labelled_appeals():
    """(appeal id, text, topic code) of every labelled appeal, by its latest label."""
    latest = TopicLabel.objects.filter(appeal=OuterRef("appeal")).order_by("-at", "-id")
    return (
        TopicLabel.objects.filter(pk=Subquery(latest.values("pk")[:1]))
        .order_by("appeal_id")
        .values_list("appeal_id", "appeal__text", "topic__code")
    )


# --- retraining --------------------------------------------------------------------------


def topic_model_retrain() -> TopicModel:
    """Train a new version on the shipped corpus and the office's labels, then score it
    and the model in use on the held-out labels (one appeal in five; the shipped held-out
    texts while an office has none). The new version replaces the old one only if it
    scores at least as well; otherwise it is kept as rejected and the old one stays."""
    labels = list(labelled_appeals())
    train_part = [row for row in labels if row[0] % HELD_OUT_EVERY]
    held_out = [row for row in labels if not row[0] % HELD_OUT_EVERY]
    texts, topics = ml.corpus()
    corpus_size = len(texts)
    weights = [1.0] * corpus_size + [OFFICE_LABEL_WEIGHT] * len(train_part)
    texts += [text for _, text, _ in train_part]
    topics += [code for _, _, code in train_part]
    pipeline = ml.train(texts, topics, weights=weights)

    if held_out:
        judge = [t for _, t, _ in held_out], [c for _, _, c in held_out]
        scored_on = "office labels"
    else:
        judge = ml.read_csv(ml.HELDOUT)
        scored_on = "shipped held-out set"
    score = ml.accuracy(pipeline, *judge)
    previous_score = ml.accuracy(topic_model_current()["pipeline"], *judge)

    version = (TopicModel.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    name = f"topic-v{version}.joblib"
    ml.save(pipeline, ml.model_dir() / name, version=version, trained_on=len(texts))
    better = previous_score is None or score >= previous_score
    with transaction.atomic():
        if better:
            for old in TopicModel.objects.select_for_update().filter(
                status=TopicModel.Status.ACTIVE
            ):
                old.status = TopicModel.Status.RETIRED
                old.save(update_fields=["status"])
        model = TopicModel.objects.create(
            version=version,
            file=name,
            status=TopicModel.Status.ACTIVE if better else TopicModel.Status.REJECTED,
            corpus_size=corpus_size,
            labels_used=len(train_part),
            labels_held_out=len(held_out),
            score=score,
            previous_score=previous_score,
            scored_on=scored_on,
        )
    topic_model_forget()
    return model


# --- problems ----------------------------------------------------------------------------


def _refresh_risk(office_id: int) -> None:
    appeal_risk_refresh(office_ids=[office_id])


@transaction.atomic
def problem_link(*, appeals: list[Appeal], by, title: str = "", problem: Problem | None = None):
    """Link appeals as one problem (a new one unless ``problem`` is given, or one of the
    appeals already belongs to one). Every appeal keeps its record, deadline and answer.
    All must belong to the same office; an appeal of another problem is refused."""
    appeals = list(Appeal.objects.filter(pk__in=[a.pk for a in appeals]).select_related("topic"))
    if problem is None and len(appeals) < 2:
        raise DomainError(_("Choose at least two appeals to link as one problem."), code="few")
    offices = {a.office_id for a in appeals} | ({problem.office_id} if problem else set())
    if len(offices) != 1:
        raise DomainError(
            _("Only appeals of the same office can be linked as one problem."), code="office"
        )
    existing = {
        link.appeal_id: link.problem
        for link in ProblemAppeal.objects.filter(appeal__in=appeals).select_related("problem")
    }
    problems = set(existing.values()) | ({problem} if problem else set())
    if len(problems) > 1:
        numbers = ", ".join(a.number for a in appeals if a.pk in existing)
        raise DomainError(
            _("Appeals %(numbers)s already belong to another problem; unlink them first.")
            % {"numbers": numbers},
            code="other_problem",
        )
    if problems:
        problem = problems.pop()
    else:
        first = appeals[0]
        title = (title or "").strip() or first.text[:120]
        problem = Problem.objects.create(
            office_id=first.office_id,
            title=title[:255],
            topic=first.topic,
            street=first.street,
            created_by=by,
        )
    for appeal in appeals:
        if appeal.pk not in existing:
            ProblemAppeal.objects.create(problem=problem, appeal=appeal, linked_by=by)
    transaction.on_commit(lambda: _refresh_risk(problem.office_id))
    return problem


@transaction.atomic
def problem_unlink(*, appeal: Appeal, by) -> None:
    """Take an appeal out of its problem (the problem goes when no appeal is left)."""
    link = ProblemAppeal.objects.select_related("problem").filter(appeal=appeal).first()
    if link is None:
        raise DomainError(_("This appeal is not linked to a problem."), code="not_linked")
    problem = link.problem
    link.delete()
    if not problem.links.exists():
        problem.delete()
    transaction.on_commit(lambda: _refresh_risk(appeal.office_id))


@transaction.atomic
def problem_answer(*, problem: Problem, outcome: str, text: str, by) -> list[Appeal]:
    """Answer every open appeal of the problem with the same answer, so each resident gets
    it. All or nothing: if one cannot be answered (no executor yet), none is."""
    appeals = list(
        Appeal.objects.filter(problem_link__problem=problem, status__in=OPEN_STATUSES).order_by(
            "pk"
        )
    )
    if not appeals:
        raise DomainError(_("This problem has no open appeals left."), code="none_open")
    waiting = [a.number for a in appeals if a.status == Status.REGISTERED]
    if waiting:
        raise DomainError(
            _("Assign an executor to %(numbers)s before answering the problem.")
            % {"numbers": ", ".join(waiting)},
            code="unassigned",
        )
    return [
        appeal_services.appeal_answer(appeal=a, outcome=outcome, text=text, by=by) for a in appeals
    ]
