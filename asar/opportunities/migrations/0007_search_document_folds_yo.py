"""The stored search document folds ё into е (PostgreSQL only), as the query does
(``search.fold``): most people type "волонтер" for "волонтёр", and 'simple' has no rule for it.

Dropping the generated column drops its GIN index; both are made again over the new expression.
``opportunities_position_matches`` (0005) names the column in its body, which PostgreSQL binds
at each call, so it keeps working.
"""

from django.db import migrations

COLUMNS = """COALESCE(title_kk, '') || ' ' || COALESCE(title_ru, '') || ' ' || COALESCE(title_en, '')
    || ' ' || COALESCE(description_kk, '') || ' ' || COALESCE(description_ru, '')
    || ' ' || COALESCE(description_en, '')"""
FOLDED = f"to_tsvector('simple'::regconfig, translate({COLUMNS}, 'Ёё', 'Ее'))"
PLAIN = f"to_tsvector('simple'::regconfig, {COLUMNS})"


def _document(schema_editor, expression: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE opportunities_position DROP COLUMN search_document")
    schema_editor.execute(
        "ALTER TABLE opportunities_position ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX opportunities_position_document ON opportunities_position "
        "USING gin (search_document)"
    )


def fold(apps, schema_editor):
    _document(schema_editor, FOLDED)


def unfold(apps, schema_editor):
    _document(schema_editor, PLAIN)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0006_verbose_names")]

    operations = [migrations.RunPython(fold, unfold)]
