from django.db import migrations


def load(apps, schema_editor):
    from asar.volunteers.skills import SKILLS

    Skill = apps.get_model("volunteers", "Skill")
    for code, kk, ru, en in SKILLS:
        Skill.objects.update_or_create(code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
