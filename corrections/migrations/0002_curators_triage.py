"""The Curators group may view and change corrections (triage), never delete them (advisor/curators.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from advisor.curators import sync_curators_group


def grant_triage(apps, schema_editor):
    # Permissions are normally created after migrate; make sure this app's exist now.
    app_config = apps.get_app_config("corrections")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    sync_curators_group(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_initial"),
        ("advisor", "0002_curators_group"),
    ]

    operations = [migrations.RunPython(grant_triage, migrations.RunPython.noop)]
