# A shift may end the next day (night shifts); the check constraint allows it, up to 24 hours.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hours", "0005_admin_verbose_names"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="shift",
            name="hours_shift_ends_after_start",
        ),
        migrations.AddField(
            model_name="shift",
            name="ends_next_day",
            field=models.BooleanField(default=False, verbose_name="ends the next day"),
        ),
        migrations.AlterField(
            model_name="shift",
            name="date",
            field=models.DateField(help_text="The day the shift starts.", verbose_name="date"),
        ),
        migrations.AddConstraint(
            model_name="shift",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ends_at__gt", models.F("starts_at")), ("ends_next_day", False)),
                    models.Q(("ends_at__lte", models.F("starts_at")), ("ends_next_day", True)),
                    _connector="OR",
                ),
                name="hours_shift_ends_after_start",
            ),
        ),
    ]
