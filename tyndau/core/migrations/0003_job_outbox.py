"""FailedJob becomes Job: every background job is written in the transaction that asks
for it (an outbox) and deleted once it succeeds; failed ones stay as before."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_failed_jobs"),
    ]

    operations = [
        migrations.RenameModel("FailedJob", "Job"),
        migrations.AlterModelOptions(
            name="job",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "background job",
                "verbose_name_plural": "background jobs",
            },
        ),
        migrations.AddField(
            model_name="job",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="created at"
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="failed attempts"),
        ),
        migrations.AlterField(
            model_name="job",
            name="failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="failed at"),
        ),
    ]
