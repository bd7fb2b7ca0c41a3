"""The schedule is text written by the organisation, so it is kept per language like the title.
An existing schedule's language is unknown: it is copied into all three (shown as before)."""

from django.db import migrations, models
from django.db.models import F


def copy_schedule(apps, schema_editor):
    Position = apps.get_model("opportunities", "Position")
    Position.objects.exclude(schedule="").update(
        schedule_kk=F("schedule"), schedule_ru=F("schedule"), schedule_en=F("schedule")
    )


def keep_one(apps, schema_editor):
    Position = apps.get_model("opportunities", "Position")
    for code in ("en", "ru", "kk"):  # the last one written wins: Kazakh first
        Position.objects.exclude(**{f"schedule_{code}": ""}).update(
            schedule=F(f"schedule_{code}")
        )


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0007_search_document_folds_yo")]

    operations = [
        migrations.AddField(
            model_name="position",
            name="schedule_kk",
            field=models.CharField(
                blank=True,
                help_text="For recurring work, e.g. 'Saturdays 10:00–14:00'.",
                max_length=255,
                verbose_name="schedule (Kazakh)",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="schedule_ru",
            field=models.CharField(blank=True, max_length=255, verbose_name="schedule (Russian)"),
        ),
        migrations.AddField(
            model_name="position",
            name="schedule_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="schedule (English)"),
        ),
        migrations.RunPython(copy_schedule, keep_one),
        migrations.RemoveField(model_name="position", name="schedule"),
    ]
