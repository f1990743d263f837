from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from advisor.content.export import export_content


class Command(BaseCommand):
    help = (
        "Write the curated content in the database back to the content files (the backup of "
        "everything curators changed in the admin). loadcontent reads the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="Target folder (default: settings.CONTENT_DIR).")

    def handle(self, *args, path=None, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        written = export_content(root)
        if options["verbosity"]:
            self.stdout.write(f"Exported {len(written)} files to {root}.")
