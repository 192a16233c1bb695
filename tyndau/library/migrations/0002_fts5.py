"""The SQLite FTS5 table of the answer library (PostgreSQL searches with SearchVector)."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_entry_fts USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            cursor.execute(CREATE)
        except Exception:  # an SQLite built without FTS5: search falls back to LIKE
            return
        Entry = apps.get_model("library", "Entry")
        for entry in Entry.objects.filter(is_published=True):
            body = " ".join(
                p for p in (entry.question_ru, entry.answer_ru, entry.question_kk, entry.answer_kk) if p
            )
            cursor.execute(
                "INSERT INTO library_entry_fts (rowid, body) VALUES (%s, %s)", [entry.pk, body]
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS library_entry_fts")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
