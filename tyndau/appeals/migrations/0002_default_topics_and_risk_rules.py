from django.db import migrations


def load(apps, schema_editor):
    from tyndau.appeals.data.topics import PLAIN, RISK_RULES, TOPICS

    Topic = apps.get_model("appeals", "Topic")
    for order, (code, ru, kk, en) in enumerate(TOPICS):
        plain = PLAIN.get(code, ("", "", ""))
        Topic.objects.update_or_create(
            code=code,
            defaults={
                "name_ru": ru, "name_kk": kk, "name_en": en, "order": order,
                "plain_ru": plain[0], "plain_kk": plain[1], "plain_en": plain[2],
            },
        )
    RiskRule = apps.get_model("appeals", "RiskRule")
    for code, points, threshold, ru, kk, en in RISK_RULES:
        RiskRule.objects.update_or_create(
            code=code,
            defaults={"points": points, "threshold": threshold, "name_ru": ru, "name_kk": kk, "name_en": en},
        )
    RiskSettings = apps.get_model("appeals", "RiskSettings")
    if not RiskSettings.objects.exists():
        RiskSettings.objects.create()


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
