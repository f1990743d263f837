from django.contrib.auth.management import create_permissions
from django.db import migrations

from advisor.curators import CURATORS_GROUP, sync_curators_group


def create_curators(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist for this app now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    sync_curators_group(apps=apps)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
