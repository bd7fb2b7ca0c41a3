from django.db import migrations


def load(apps, schema_editor):
    from asar.monitoring.catalogue import catalogue_sync
    from asar.monitoring.seed_rules import rules_sync

    element = apps.get_model("monitoring", "DataElement")
    catalogue_sync(element, apps.get_model("geo", "Direction"))
    rules_sync(apps.get_model("monitoring", "ValidationRule"), element)
    apps.get_model("monitoring", "MonitoringSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("geo", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
