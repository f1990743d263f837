from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advisor.content.freshness import JSONIndex, check_freshness


class Command(BaseCommand):
    help = (
        "List what the package index says has changed since content/packages.toml was checked: newer releases of "
        "each framework and recommended extension (date, Requires-Python) and extensions that have since gone "
        "more than three years without a release. Prints nothing and exits 0 when there is nothing to re-check."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="Content folder (default: settings.CONTENT_DIR).")
        parser.add_argument("--index-url", default="https://pypi.org", help="The package index's web address.")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="Date to judge ages on.")

    def handle(self, *args, path=None, index_url="https://pypi.org", today=None, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        changes = list(check_freshness(root, JSONIndex(index_url), today or date.today()))
        for change in changes:
            self.stdout.write(change)
        if changes:
            raise CommandError(f"{len(changes)} change(s) to re-check in {root}.")
