from django.db import migrations


def load(apps, schema_editor):
    from asar.geo.reference import load_reference_data

    load_reference_data(
        apps.get_model("geo", "Region"),
        apps.get_model("geo", "Direction"),
        apps.get_model("geo", "Programme"),
        apps.get_model("geo", "RegionPopulation"),
    )


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
