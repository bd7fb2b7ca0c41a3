"""Volunteers who registered before accounts recorded consent gave it with their profile:
the account's consent is the profile's (one form, one moment)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def copy_consent(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("accounts", "User")
    VolunteerProfile = apps.get_model("volunteers", "VolunteerProfile")
    consent = VolunteerProfile.objects.filter(user_id=OuterRef("pk")).values(
        "personal_data_consent_at"
    )[:1]
    User.objects.filter(personal_data_consent_at__isnull=True, volunteer_profile__isnull=False).update(
        personal_data_consent_at=Subquery(consent)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_personal_data_consent"),
        ("volunteers", "0002_skills"),
    ]

    operations = [migrations.RunPython(copy_consent, migrations.RunPython.noop)]
