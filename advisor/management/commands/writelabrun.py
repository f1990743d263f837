import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advisor.lab.content import LabContentError, write_run


class Command(BaseCommand):
    help = "Write a lab run (the JSON document lab/run.py collects) as content/lab/<run>.yaml."

    def add_arguments(self, parser):
        parser.add_argument("document", help="lab/.work/runs/RUN/document.json")
        parser.add_argument("--content", default=None, help="Content folder (default: settings.CONTENT_DIR).")

    def handle(self, *args, document, content=None, **options):
        root = Path(content) if content else Path(settings.CONTENT_DIR)
        try:
            path = write_run(json.loads(Path(document).read_text()), root)
        except (LabContentError, KeyError, TypeError, ValueError) as exc:
            raise CommandError(f"{document}: {exc}") from None
        if options["verbosity"]:
            self.stdout.write(f"Wrote {path}")
