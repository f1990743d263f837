from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = "Readers' corrections"

    def ready(self):
        from advisor.curators import sync_curators_group

        # After this app's permissions exist (auth's handler runs first), give the Curators group theirs: the
        # advisor app's own sync runs earlier, before them, on a fresh database or after a flush.
        post_migrate.connect(sync_curators_group, sender=self, dispatch_uid="corrections-sync-curators")
