"""``python manage.py triage_retrain``: train a new version of the topic model."""

from django.core.management.base import BaseCommand

from tyndau.triage.models import TopicModel
from tyndau.triage.services import topic_model_retrain


class Command(BaseCommand):
    help = (
        "Train a new topic model on the shipped corpus and the offices' labels; it replaces "
        "the model in use only if it scores at least as well on the held-out labels."
    )

    def handle(self, *args, **options):
        model = topic_model_retrain()
        verdict = "in use" if model.status == TopicModel.Status.ACTIVE else "rejected"

        def pct(value):
            return "n/a" if value is None else f"{value:.1%}"

        self.stdout.write(
            f"topic model v{model.version}: {verdict}; accuracy {pct(model.score)} against "
            f"{pct(model.previous_score)} for the model it would replace, on the "
            f"{model.scored_on}; trained on {model.corpus_size} corpus texts and "
            f"{model.labels_used} labels ({model.labels_held_out} held out)"
        )
