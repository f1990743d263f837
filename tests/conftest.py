"""Fixtures shared by the whole suite, one concern each."""

import os
import socket
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command

from advisor.curators import sync_curators_group

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"
SHIPPED_CONTENT = ROOT / "content"


def redis_url(db: int) -> str:
    """REDIS_URL, or this machine's Redis on database ``db``; a Redis that does not answer fails the test."""
    url = os.environ.get("REDIS_URL") or f"redis://127.0.0.1:6379/{db}"
    parsed = urllib.parse.urlparse(url)
    try:
        socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1).close()
    except OSError:
        pytest.fail(f"Redis is not reachable at {url}: this machine's Redis should be running")
    return url


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast password hashing, plain static files (the manifest needs collectstatic) and a private cache."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {
            alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
            for alias in ("default", "pages")
        }
    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def fixture_content(db):
    """The small test content in tests/fixtures/content: every model, two frameworks."""
    call_command("loadcontent", str(FIXTURE_CONTENT), verbosity=0)


@pytest.fixture
def shipped_content(db):
    """The real content the site ships with (content/)."""
    call_command("loadcontent", str(SHIPPED_CONTENT), verbosity=0)


@pytest.fixture
def curator(db, django_user_model):
    user = django_user_model.objects.create_user("curator", "curator@example.com", "curator-pass-123", is_staff=True)
    user.groups.add(sync_curators_group())
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium; the flags keep it off the (closed) network."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
