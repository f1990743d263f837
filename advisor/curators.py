"""The Curators group: may add, change and delete curated content, triage readers' corrections, but not
manage users or groups."""

from django.apps import apps as global_apps

CURATORS_GROUP = "Curators"
CURATED_APP = "advisor"
# Results are visitors' records, not curated content: curators may look, not edit.
READ_ONLY_MODELS = {"result", "contentversion"}
# Readers' corrections (the corrections app) are site data: curators triage them, and may not delete the history.
TRIAGE_APPS = {"corrections": ("view_", "change_")}


def curator_permissions(apps=global_apps):
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label__in=[CURATED_APP, *TRIAGE_APPS])
    allowed = []
    for perm in perms.select_related("content_type"):
        if perm.content_type.app_label in TRIAGE_APPS:
            if perm.codename.startswith(TRIAGE_APPS[perm.content_type.app_label]):
                allowed.append(perm)
            continue
        if perm.content_type.model in READ_ONLY_MODELS and not perm.codename.startswith("view_"):
            continue
        allowed.append(perm)
    return allowed


def sync_curators_group(sender=None, apps=global_apps, **kwargs):
    """Create the group if needed and give it every content permission (run after migrate)."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    group.permissions.set(curator_permissions(apps))
    return group
