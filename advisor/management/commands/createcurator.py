import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from advisor.curators import sync_curators_group


class Command(BaseCommand):
    help = (
        "Create (or update) a curator: a staff account in the Curators group, which may edit content "
        "in the admin but not users or groups. The password comes from --password, the "
        "DJANGO_CURATOR_PASSWORD environment variable, or a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default=None)

    def handle(self, *args, username, email, password, **options):
        password = password or os.environ.get("DJANGO_CURATOR_PASSWORD")
        if not password:
            if not os.isatty(0):
                raise CommandError("No password given: use --password or DJANGO_CURATOR_PASSWORD.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        user.email = email or user.email
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(sync_curators_group())
        if options["verbosity"]:
            self.stdout.write(f"Curator {username!r} is ready: log in at /admin/.")
