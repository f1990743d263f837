from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advisor.content.checks import check


class Command(BaseCommand):
    help = (
        "Check the content files before committing them: every rating's score is a level its criterion's scale "
        "defines, and its explanation says that level in the scale's terms (advisor/content/levels.py). "
        "Reads the files only; exits with status 1 and one line per problem (file, entry, field)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="Content folder (default: settings.CONTENT_DIR).")

    def handle(self, *args, path=None, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        problems = list(check(root))
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {root}.")
        if options["verbosity"]:
            self.stdout.write(f"The content in {root} passes every check.")
