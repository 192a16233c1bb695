from django.db import migrations


def load(apps, schema_editor):
    from tyndau.reports.definitions import DEFAULT_MAPPING

    Topic = apps.get_model("appeals", "Topic")
    FormTopicMapping = apps.get_model("reports", "FormTopicMapping")
    topics = {t.code: t for t in Topic.objects.all()}
    for form, columns in DEFAULT_MAPPING.items():
        for column, codes in columns.items():
            for code in codes:
                if code in topics:
                    FormTopicMapping.objects.get_or_create(
                        form=form, topic=topics[code], defaults={"column": column}
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_form_topic_mapping"),
        ("appeals", "0002_default_topics_and_risk_rules"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
