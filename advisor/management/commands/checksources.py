from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advisor.content.metadata import Chain, LabEnvironments, PipDownload
from advisor.content.sourcecheck import check_sources


class Command(BaseCommand):
    help = (
        "Check that every official source of each framework and recommended extension in content/packages.toml is "
        "an address its recorded release declares in its metadata (read from lab/.venvs, else from "
        "`pip download --no-deps`), a page of its repository, or its page in the package index. Prints one line "
        "per mismatch and exits with status 1 when there is any."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="Content folder (default: settings.CONTENT_DIR).")
        parser.add_argument("--index-url", default="https://pypi.org", help="The package index's web address.")

    def handle(self, *args, path=None, index_url="https://pypi.org", **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        provider = Chain(LabEnvironments(Path(settings.BASE_DIR) / "lab"), PipDownload())
        problems = list(check_sources(root, provider, index_url))
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} source(s) to fix in {root}.")
