from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advisor.content.load import load_content
from advisor.content.schema import ContentError


class Command(BaseCommand):
    help = (
        "Load the curated content files into the database, matching entries by slug. "
        "Runs in one transaction: any error leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="Content folder (default: settings.CONTENT_DIR).")
        parser.add_argument(
            "--prune", action="store_true", help="Also delete top-level entries whose slug is in no content file."
        )

    def handle(self, *args, path=None, prune=False, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        try:
            summary = load_content(root, prune=prune)
        except ContentError as exc:
            raise CommandError(f"Content not loaded, database unchanged. {exc}") from None
        written = ", ".join(f"{n} {model}" for model, n in sorted(summary["written"].items())) or "nothing"
        state = "content changed" if summary["changed"] else "no change"
        if options["verbosity"]:
            self.stdout.write(f"Loaded {root} ({written}); {state}; content version {summary['digest'][:8]}.")
