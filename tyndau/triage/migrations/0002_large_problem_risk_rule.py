from django.db import migrations

RULE = {
    "code": "large_problem",
    "points": 2,
    "threshold": 5,
    "name_ru": "Часть большой проблемы (много жителей пишут об одном)",
    "name_kk": "Үлкен мәселенің бөлігі (көп тұрғын бір мәселе туралы жазады)",
    "name_en": "Part of a large problem (many residents write about one matter)",
}


def add_rule(apps, schema_editor):
    RiskRule = apps.get_model("appeals", "RiskRule")
    RiskRule.objects.get_or_create(
        code=RULE["code"], defaults={k: v for k, v in RULE.items() if k != "code"}
    )


def remove_rule(apps, schema_editor):
    apps.get_model("appeals", "RiskRule").objects.filter(code=RULE["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
        ("appeals", "0004_repeat_indexes"),
    ]

    operations = [migrations.RunPython(add_rule, remove_rule)]
