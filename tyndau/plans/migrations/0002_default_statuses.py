from django.db import migrations

STATUSES = [
    ("planned", "Запланировано", "Жоспарланған", "Planned", False, 10),
    ("in_progress", "Выполняется", "Орындалуда", "In progress", False, 20),
    ("suspended", "Приостановлено", "Тоқтатылған", "Suspended", False, 30),
    ("done", "Выполнено", "Орындалды", "Done", True, 40),
]


def load(apps, schema_editor):
    ItemStatus = apps.get_model("plans", "ItemStatus")
    for code, ru, kk, en, done, order in STATUSES:
        ItemStatus.objects.get_or_create(
            code=code,
            defaults={"name_ru": ru, "name_kk": kk, "name_en": en, "is_done": done, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
