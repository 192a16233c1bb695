"""The reporting-meeting sheet's rows as in the official sheet: item а) is drinking water
only (sewerage counts under ж) sanitation), item д) is education, health and culture
(health leaves "social"; sport goes to з) other). Only rows still holding the old default
move; a mapping an administrator changed is left alone."""

from django.db import migrations

FORM = "reporting-meetings"
# topic: (old default column, new column or None for "other", i.e. no row)
MOVES = {
    "sewerage": ("drinking_water", "improvement"),
    "health": ("social", "facilities"),
    "sport": ("facilities", None),
}


def forward(apps, schema_editor):
    FormTopicMapping = apps.get_model("reports", "FormTopicMapping")
    for code, (old, new) in MOVES.items():
        rows = FormTopicMapping.objects.filter(form=FORM, topic__code=code, column=old)
        if new is None:
            rows.delete()
        else:
            rows.update(column=new)


def backward(apps, schema_editor):
    FormTopicMapping = apps.get_model("reports", "FormTopicMapping")
    Topic = apps.get_model("appeals", "Topic")
    for code, (old, new) in MOVES.items():
        if new is None:
            topic = Topic.objects.filter(code=code).first()
            if topic is not None:
                FormTopicMapping.objects.get_or_create(
                    form=FORM, topic=topic, defaults={"column": old}
                )
        else:
            FormTopicMapping.objects.filter(form=FORM, topic__code=code, column=new).update(
                column=old
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_default_topic_mapping")]
    operations = [migrations.RunPython(forward, backward)]
