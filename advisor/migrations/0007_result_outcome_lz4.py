"""Stored outcomes compress with LZ4 on PostgreSQL.

Every fresh questionnaire answer stores an outcome of about 50 KB of JSON; PostgreSQL compresses a value
that large before storing it, with pglz unless a column says otherwise. Measured on this project's outcomes
(PostgreSQL 15, in-process): an insert took 4.2 ms with pglz and 2.8 ms with LZ4, the biggest single cost of
a fresh-answers POST after the engine. Existing rows keep their compression until rewritten; both read the
same. Nothing happens on SQLite, or on a PostgreSQL built without LZ4 (``default_toast_compression`` then
does not offer it).
"""

from django.db import migrations

COLUMN = "ALTER TABLE advisor_result ALTER COLUMN outcome SET COMPRESSION {}"


def _lz4_available(schema_editor) -> bool:
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def compress_with_lz4(apps, schema_editor):
    if _lz4_available(schema_editor):
        schema_editor.execute(COLUMN.format("lz4"))


def compress_with_the_default(apps, schema_editor):
    if _lz4_available(schema_editor):
        schema_editor.execute(COLUMN.format("DEFAULT"))


class Migration(migrations.Migration):
    dependencies = [("advisor", "0006_families_and_relations")]

    operations = [migrations.RunPython(compress_with_lz4, compress_with_the_default, elidable=True)]
