"""GIN index for full-text search over positions — PostgreSQL only (SQLite uses icontains)."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations


def _index():
    from asar.opportunities.search import INDEX_NAME, search_vector

    return GinIndex(search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("opportunities", "Position"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("opportunities", "Position"), _index())


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0002_questionnaire_items")]

    operations = [migrations.RunPython(create_index, drop_index)]
