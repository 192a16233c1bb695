from django.db import migrations


def load(apps, schema_editor):
    from tyndau.services.data.register import load as load_register

    load_register(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
