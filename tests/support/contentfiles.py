"""A writable copy of the fixture content, and loading a folder, for the tests of content files."""

import shutil
from pathlib import Path

from django.core.management import call_command


def copy_of(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(source, target)
    return target


def load(path) -> None:
    call_command("loadcontent", str(path), verbosity=0)
