import django.db.models.deletion
from django.db import migrations, models


def _fill(apps, schema_editor):
    """A recorded visit belongs where its questions' appeals are registered (what the
    reports counted before the field existed), or else to its office's territory."""
    session = apps.get_model("meetings", "ReceptionSession")
    question = apps.get_model("meetings", "ReceptionQuestion")
    for visit in session.objects.filter(place__isnull=True).select_related("office"):
        asked = question.objects.filter(session=visit).select_related("appeal").first()
        visit.place_id = asked.appeal.territory_id if asked else visit.office.territory_id
        visit.save(update_fields=["place"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_meeting_title_languages"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="receptionsession",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reception_sessions",
                to="territory.territory",
                verbose_name="territory of the questions",
            ),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="receptionsession",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reception_sessions",
                to="territory.territory",
                verbose_name="territory of the questions",
            ),
        ),
        migrations.AddIndex(
            model_name="receptionsession",
            index=models.Index(fields=["office", "held_at"], name="reception_office_held"),
        ),
    ]
