import io
import sys

import pytest
from django.core.management import call_command

from tyndau.appeals.models import Topic
from tyndau.triage.models import TopicModel

pytestmark = pytest.mark.django_db


def _suggest(monkeypatch, lines: list[str]) -> list[str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    out = io.StringIO()
    call_command("suggest_topic", stdout=out)
    return out.getvalue().splitlines()


def test_suggest_topic_prints_one_code_per_line_in_order_after_seed_demo(monkeypatch):
    call_command("seed_demo", stdout=io.StringIO())
    lines = ["Нет воды третий день", "", "сосед шумит по ночам", "su joq ush kun"] * 600
    codes = _suggest(monkeypatch, lines)
    assert len(codes) == len(lines)  # an empty line still gets its line
    assert codes[0::4] == ["water_supply"] * 600
    assert codes[2::4] == ["everyday_life"] * 600
    assert set(codes) <= set(Topic.objects.values_list("code", flat=True))


def test_suggest_topic_on_empty_input_prints_nothing(monkeypatch):
    assert _suggest(monkeypatch, []) == []


def test_triage_retrain_reports_the_new_version():
    out = io.StringIO()
    call_command("triage_retrain", stdout=out)
    assert "topic model v1: in use" in out.getvalue()
    assert TopicModel.objects.get().status == TopicModel.Status.ACTIVE


def test_the_periodic_job_retrains_only_when_enough_new_labels(register, clerk, settings):
    from tyndau.triage.services import topic_label_record
    from tyndau.triage.tasks import topic_model_retrain_if_due

    settings.TRIAGE_RETRAIN_MIN_NEW_LABELS = 2
    assert topic_model_retrain_if_due() is False  # no labels yet
    for phone in ("+77010000011", "+77010000012"):
        topic_label_record(appeal=register(phone=phone), topic="water_supply", by=clerk)
    assert topic_model_retrain_if_due() is True
    assert topic_model_retrain_if_due() is False  # not again the same day
    assert TopicModel.objects.count() == 1
