import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from ..conftest import FIXTURE_CONTENT


@pytest.fixture
def content_dir(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def load(path) -> None:
    call_command("loadcontent", str(path), verbosity=0)
