"""A stored full-text document per position — PostgreSQL only (SQLite uses icontains).

The GIN index on the expression (0003) makes the planner recompute ``to_tsvector`` over six text
columns for every row it filters another way (the status index): 1.6 s to count a common word
over 100 000 positions (bench/README.md). A generated column holds the vector once, so testing
a row is cheap whatever plan is chosen, and ANALYZE keeps per-word statistics for the planner.
"""

from django.db import migrations

DOCUMENT = """
to_tsvector('simple'::regconfig,
    COALESCE(title_kk, '') || ' ' || COALESCE(title_ru, '') || ' ' || COALESCE(title_en, '')
    || ' ' || COALESCE(description_kk, '') || ' ' || COALESCE(description_ru, '')
    || ' ' || COALESCE(description_en, ''))
"""


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE opportunities_position ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX opportunities_position_document ON opportunities_position "
        "USING gin (search_document)"
    )
    # Ids of up to n matching positions, from the GIN index. PostgreSQL cannot estimate how
    # many rows a prefix query matches and, guessing wrong, scans the whole table for a rare
    # word; the function's own settings leave the bitmap (GIN) scan as the only plan.
    schema_editor.execute(
        """
        CREATE FUNCTION opportunities_position_matches(q tsquery, n integer)
        RETURNS SETOF bigint LANGUAGE sql STABLE
        SET enable_seqscan = off SET enable_indexscan = off
        AS $$ SELECT id FROM opportunities_position WHERE search_document @@ q LIMIT n $$
        """
    )


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP FUNCTION IF EXISTS opportunities_position_matches(tsquery, integer)")
    schema_editor.execute("ALTER TABLE opportunities_position DROP COLUMN search_document")


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0004_search_order_index")]

    operations = [migrations.RunPython(add_document, drop_document)]
