"""On PostgreSQL, a trigger refuses UPDATE and DELETE on the audit table, so not even a bug
or a hand-written query through the application's role can rewrite history. SQLite (the
embedded default) relies on the model's save/delete guards."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION monitoring_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'monitoring audit trail is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS monitoring_audit_append_only ON monitoring_auditentry;
CREATE TRIGGER monitoring_audit_append_only
    BEFORE UPDATE OR DELETE ON monitoring_auditentry
    FOR EACH ROW EXECUTE FUNCTION monitoring_audit_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS monitoring_audit_append_only ON monitoring_auditentry;
DROP FUNCTION IF EXISTS monitoring_audit_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_catalogue_and_rules")]
    operations = [migrations.RunPython(forwards, backwards)]
