"""Start the wage table from asar/reporting/data/kz-wages.csv (national 2022–2024 averages and
the regional figures that could be found); analysts maintain it in the admin or with
``manage.py import_wages``."""

from django.db import migrations


def load(apps, schema_editor):
    from asar.reporting.wages import DEFAULT_CSV, load_wages, read_rows

    load_wages(
        apps.get_model("reporting", "WageRate"),
        apps.get_model("geo", "Region"),
        apps.get_model("geo", "Direction"),
        read_rows(DEFAULT_CSV),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("geo", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
