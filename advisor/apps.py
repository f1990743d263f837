from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = "Framework Advisor content"

    def connect_signals(self):
        from . import versioning
        from .curators import sync_curators_group

        versioning.connect()
        post_migrate.connect(sync_curators_group, sender=self, dispatch_uid="advisor-sync-curators")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)

        self.connect_signals()
