import pytest
from auditlog.models import LogEntry

from tyndau.appeals.models import Appeal, AppealEvent, RiskRule, Status, Topic
from tyndau.appeals.services import appeal_assign
from tyndau.core.errors import ConflictError, DomainError
from tyndau.triage import ml, services
from tyndau.triage.models import Problem, ProblemAppeal, TopicLabel, TopicModel
from tyndau.triage.selectors import topic_model_current, topic_suggest

pytestmark = pytest.mark.django_db


# --- labels ------------------------------------------------------------------------------


def test_accepting_the_suggestion_keeps_an_accepted_label(register, clerk):
    appeal = register()
    label = services.topic_label_record(
        appeal=appeal, topic="water_supply", by=clerk, suggested_topic="water_supply",
        confidence=0.91, model_version=0,
    )  # fmt: skip
    assert label.accepted and label.by == clerk and label.confidence == 0.91
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"
    assert LogEntry.objects.get_for_object(label).exists()


def test_changing_the_topic_gives_the_appeal_the_new_topic_and_keeps_the_label(register, clerk):
    appeal = register()
    label = services.topic_label_record(
        appeal=appeal, topic="sewerage", by=clerk, suggested_topic="water_supply"
    )
    fresh = Appeal.objects.get(pk=appeal.pk)
    assert fresh.topic.code == "sewerage" and fresh.version == appeal.version + 1
    assert not label.accepted
    edited = fresh.events.get(kind=AppealEvent.Kind.EDITED)
    assert edited.data["topic"] == ["water_supply", "sewerage"] and edited.actor == clerk


def test_a_stale_version_is_refused_and_nothing_changes(register, clerk):
    appeal = register()
    with pytest.raises(ConflictError):
        services.topic_label_record(
            appeal=appeal, topic="roads", by=clerk, expected_version=appeal.version + 5
        )
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"
    assert not TopicLabel.objects.exists()


def test_an_unknown_topic_is_refused_with_a_message(register, clerk):
    appeal = register()
    with pytest.raises(DomainError, match="no-such-topic"):
        services.topic_label_record(appeal=appeal, topic="no-such-topic", by=clerk)
    assert not TopicLabel.objects.exists()


# --- retraining --------------------------------------------------------------------------


def test_first_retrain_is_scored_on_the_shipped_held_out_set_and_replaces_the_base():
    model = services.topic_model_retrain()
    assert model.status == TopicModel.Status.ACTIVE and model.version == 1
    assert model.scored_on == "shipped held-out set"
    held_texts, held_topics = ml.read_csv(ml.HELDOUT)
    base = ml.base_model()["pipeline"]
    assert model.previous_score == pytest.approx(ml.accuracy(base, held_texts, held_topics))
    assert model.score >= model.previous_score
    assert topic_model_current()["version"] == 1


def test_office_labels_teach_the_model_a_word_it_never_saw(register, clerk):
    word = "зыртылдак"  # a made-up local word for the village's concert hall
    before = topic_suggest(text=f"{word} сломан").topic.code
    assert before != "culture"
    for i in range(12):
        appeal = register(text=f"{word} сломан опять номер {i}", street=f"Улица {i}")
        services.topic_label_record(appeal=appeal, topic="culture", by=clerk)
    model = services.topic_model_retrain()
    assert model.labels_used + model.labels_held_out == 12
    assert model.labels_held_out == sum(1 for a in Appeal.objects.all() if a.pk % 5 == 0)
    assert model.scored_on == "office labels"
    assert model.status == TopicModel.Status.ACTIVE
    assert topic_suggest(text=f"{word} сломан").topic.code == "culture"


def test_a_new_model_that_scores_lower_is_rejected_and_the_old_one_stays(monkeypatch):
    first = services.topic_model_retrain()
    real_train = ml.train

    def worse(texts, topics, *, weights=None):  # learns only three topics
        keep = [i for i, t in enumerate(topics) if t in {"political", "credit", "sport"}]
        return real_train([texts[i] for i in keep], [topics[i] for i in keep])

    monkeypatch.setattr(ml, "train", worse)
    second = services.topic_model_retrain()
    assert second.status == TopicModel.Status.REJECTED
    assert second.score < second.previous_score
    assert TopicModel.objects.get(pk=first.pk).status == TopicModel.Status.ACTIVE
    assert topic_model_current()["version"] == first.version


# --- problems ----------------------------------------------------------------------------


def test_linking_keeps_every_appeal_and_sizes_the_problem_by_its_people(register, clerk):
    a = register()
    b = register(text="И у нас на Ленина нет воды", signatories=4, phone="+77015550000")
    problem = services.problem_link(appeals=[a, b], by=clerk, title="Прорыв на Ленина")
    assert set(Appeal.objects.filter(problem_link__problem=problem)) == {a, b}
    from tyndau.triage.selectors import problem_size_of

    assert problem_size_of(a) == 5  # one applicant + four signatories
    assert Appeal.objects.count() == 2  # nothing merged away


def test_a_large_problem_raises_the_risk_of_its_appeals_and_unlinking_lowers_it(
    register, clerk, django_capture_on_commit_callbacks
):
    RiskRule.objects.filter(code="large_problem").update(threshold=3, points=2)
    a = register(street="Мира")
    b = register(street="Абая", signatories=2, text="Нет воды возле школы")
    assert "large_problem" not in [r["code"] for r in Appeal.objects.get(pk=a.pk).risk_reasons]
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_link(appeals=[a, b], by=clerk)
    for appeal in (a, b):
        fresh = Appeal.objects.get(pk=appeal.pk)
        assert {"code": "large_problem", "points": 2} in fresh.risk_reasons
        assert fresh.risk_score == appeal.risk_score + 2
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_unlink(appeal=b, by=clerk)
    assert "large_problem" not in [r["code"] for r in Appeal.objects.get(pk=a.pk).risk_reasons]
    assert not Problem.objects.exists() or ProblemAppeal.objects.count() == 1


def test_appeals_of_two_offices_cannot_be_one_problem(register, clerk, neighbour_office):
    from tyndau.appeals.tests.factories import register_appeal

    a = register()
    other = register_appeal(
        office=neighbour_office, channel="written", applicant_type="individual",
        kind="statement", topic="water_supply", text="Нет воды", applicant_name="Б",
        phone="+77010000001",
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.problem_link(appeals=[a, other], by=clerk)
    assert refused.value.code == "office"
    assert not Problem.objects.exists() and not ProblemAppeal.objects.exists()


def test_an_appeal_of_another_problem_is_refused(register, clerk):
    a, b, c = register(), register(phone="+77010000002"), register(phone="+77010000003")
    services.problem_link(appeals=[a, b], by=clerk)
    other = services.problem_link(appeals=[c, register(phone="+77010000004")], by=clerk)
    with pytest.raises(DomainError, match=c.number) as refused:
        services.problem_link(appeals=[a, c], by=clerk)
    assert refused.value.code == "other_problem"
    assert ProblemAppeal.objects.get(appeal=c).problem == other


def test_answering_a_problem_answers_each_resident(register, clerk, executor, akim):
    a, b = register(), register(phone="+77010000005")
    problem = services.problem_link(appeals=[a, b], by=clerk)
    for appeal in (a, b):
        appeal_assign(appeal=appeal, executor=executor, by=clerk)
    answered = services.problem_answer(
        problem=problem, outcome="satisfied", text="Трубу заменили.", by=akim
    )
    assert len(answered) == 2
    for appeal in (a, b):
        fresh = Appeal.objects.get(pk=appeal.pk)
        assert fresh.status == Status.ANSWERED and fresh.answer_text == "Трубу заменили."


def test_a_problem_with_an_unassigned_appeal_is_not_answered_at_all(
    register, clerk, executor, akim
):
    a, b = register(), register(phone="+77010000006")
    problem = services.problem_link(appeals=[a, b], by=clerk)
    appeal_assign(appeal=a, executor=executor, by=clerk)
    with pytest.raises(DomainError, match=b.number):
        services.problem_answer(problem=problem, outcome="satisfied", text="Готово", by=akim)
    assert Appeal.objects.get(pk=a.pk).status == Status.IN_PROGRESS
    assert Appeal.objects.get(pk=b.pk).status == Status.REGISTERED


def test_topics_exist_for_every_code_the_corpus_uses():
    _, topics = ml.read_csv(ml.CORPUS)
    assert set(topics) <= set(Topic.objects.values_list("code", flat=True))
    assert len(topics) >= 3000
