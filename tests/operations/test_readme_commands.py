"""The README's account commands work as written on a fresh checkout (issue #27: `manage.py createcurator`
failed without a secret key), and `make serve` says what it needs next to it."""

import os
import re
import shlex
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()

pytestmark = pytest.mark.slow


def commands(word: str) -> list[str]:
    spans = [span for line in README.splitlines() if "```" not in line for span in re.findall(r"`([^`]+)`", line)]
    return [span for span in spans if f"manage.py {word}" in span]


def run(command: str, database: Path) -> subprocess.CompletedProcess:
    """A README command in a clean environment: no setting of ours but a database of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["ADVISOR_CACHE_DIR"] = str(database.parent / "cache")
    words = shlex.split(command)
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    words = [sys.executable if w == ".venv/bin/python" else w for w in words]
    return subprocess.run(words, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_createcurator_works_as_the_readme_writes_it(tmp_path):
    database = tmp_path / "readme.sqlite3"
    migrate = run("DJANGO_DEBUG=1 .venv/bin/python manage.py migrate --noinput", database)
    assert migrate.returncode == 0, migrate.stderr
    written = commands("createcurator")
    assert written, "the README no longer shows createcurator"
    for number, command in enumerate(written):
        name = f"reader{number}"  # each command creates an account of its own
        command = command.replace(" [--email E] [--password P]", "").replace("NAME", name)
        done = run(f"{command} --password correct-horse-battery-staple", database)
        assert done.returncode == 0, f"{command}:\n{done.stderr}"
    with closing(sqlite3.connect(database)) as connection:
        created = {row[0] for row in connection.execute("SELECT username FROM auth_user WHERE is_staff")}
    assert created == {f"reader{number}" for number in range(len(written))}


def test_make_serve_says_what_it_needs_beside_it():
    mention = README.split("`make serve` (", 1)[1].split("), `make lint`", 1)[0]
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_HTTPS=0"):
        assert name in mention
