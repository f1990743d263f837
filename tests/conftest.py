"""Fixtures shared by the whole suite, one concern each."""

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from advisor.curators import sync_curators_group

from .support.loaded_content import LoadedContent

ROOT = Path(__file__).resolve().parent.parent
#: The group of the tests that start servers (gunicorn, redis-server, a proxy, the lab's apps): they mostly wait,
#: so one pytest-xdist worker runs them one after another (``--dist loadgroup``) beside the busy ones.
SERVERS = pytest.mark.xdist_group("servers")
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"
SHIPPED_CONTENT = ROOT / "content"


def in_ci() -> bool:
    """CI sets CI=true (``.ci/run`` does): there, everything the suite can test is required."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def worker_index() -> int:
    """0 without pytest-xdist; N in its worker gwN (each worker then uses its own Redis database, files, ports)."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


#: Redis databases the tests use, per pytest-xdist worker (the multiprocess tests').
REDIS_SLOTS = ("multiprocess",)


def redis_url(purpose: str) -> str:
    """A Redis database of its own for ``purpose`` (one of REDIS_SLOTS) in this pytest-xdist worker, on the
    server that REDIS_URL names (by default this machine's): 15 for gw0, 14 for gw1, and so on, so that parallel
    workers never clear each other's keys.

    A Redis that does not answer skips the test (the project needs only Python and make), except in CI,
    where it fails it."""
    parsed = urllib.parse.urlparse(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379")
    database = 15 - len(REDIS_SLOTS) * worker_index() - REDIS_SLOTS.index(purpose)
    assert database >= 0, "more pytest-xdist workers than Redis has databases for (PYTEST_WORKERS=8 at most)"
    url = parsed._replace(path=f"/{database}").geturl()
    try:
        socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1).close()
    except OSError:
        message = f"Redis is not reachable at {url} (start redis-server, or set REDIS_URL)"
        if in_ci():
            pytest.fail(f"{message}; CI requires it")
        pytest.skip(message)
    return url


def shared_folder(tmp_path_factory) -> Path:
    """The run's own temporary folder, which every pytest-xdist worker of the run shares."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory, name: str, build) -> Path:
    """The folder ``name`` in the run's shared folder, made by ``build(folder)`` once per run: under pytest-xdist
    the first worker to need it builds it while the others wait on the lock."""
    shared = shared_folder(tmp_path_factory)
    folder, built = shared / name, shared / f"{name}.built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            built.touch()
    return folder


def _collect_static(folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(DJANGO_SECRET_KEY="collectstatic-" + "s" * 40, DJANGO_DEBUG="0", DJANGO_STATIC_ROOT=str(folder))
    out = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """The static files as production serves them (hashed names, compressed copies), collected once per run for
    the tests that start gunicorn: collectstatic takes several seconds."""
    return built_once(tmp_path_factory, "collected-static", _collect_static)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast password hashing, plain static files (the manifest needs collectstatic) and caches private to this
    process (each test clears them; the tests of Redis itself use ``redis_url``)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "pages", "process")
    }
    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for alias in ("default", "pages", "process"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "process"):
        caches[alias].clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, each worker's test database is a file in memory (/dev/shm when there is one) rather than
    SQLite's shared in-memory database: threads (the live server, concurrent submissions) then wait for each
    other's locks as production's SQLite file does, instead of failing at once with "table is locked"."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
        name = f"advisor-test-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(folder / name)


def loaded_once(tmp_path_factory, name: str, folder: Path) -> LoadedContent:
    """The rows of ``folder`` as ``loadcontent`` writes them, loaded once per run: the first worker to need them
    loads the folder into its database and saves the rows in the run's shared folder, and every worker reads
    them from there (a load of the shipped content takes seconds, reading its rows milliseconds)."""
    rows = built_once(tmp_path_factory, name, lambda out: LoadedContent.load(folder).save(out / "rows.pickle"))
    return LoadedContent.read(rows / "rows.pickle")


@pytest.fixture(scope="session")
def _fixture_rows(tmp_path_factory, django_db_setup, django_db_blocker) -> LoadedContent:
    with django_db_blocker.unblock():
        return loaded_once(tmp_path_factory, "fixture-rows", FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def _shipped_rows(tmp_path_factory, django_db_setup, django_db_blocker) -> LoadedContent:
    with django_db_blocker.unblock():
        return loaded_once(tmp_path_factory, "shipped-rows", SHIPPED_CONTENT)


@pytest.fixture
def fixture_content(db, _fixture_rows):
    """The small test content in tests/fixtures/content: every model, two frameworks. Loaded once per
    run, restored into each test's database (``tests/support/loaded_content.py``)."""
    _fixture_rows.restore()


@pytest.fixture
def shipped_content(db, _shipped_rows):
    """The real content the site ships with (content/), loaded once per run and restored per test."""
    _shipped_rows.restore()


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
    """Drive Debian's Chromium headless shell (``make browsers``), the build Playwright runs headless tests in; the
    flags keep it off the (closed) network."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium-headless-shell",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def _no_connection_outlives_the_live_server(django_db_setup, django_db_blocker):
    """On PostgreSQL, once the live server has stopped, end any session still open on this worker's test database.
    The server answers each connection in a daemon thread that closes its database connection when the client
    hangs up; a thread still at it when the server stops keeps its connection, and Django then cannot drop the
    test database ("is being accessed by other users")."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def live_server(_no_connection_outlives_the_live_server, live_server):
    return live_server


@pytest.fixture(scope="session")
def browser(live_server, browser):
    """pytest-playwright's browser, started after the live server so that it closes first: its keep-alive
    connections then end while the server still shares its database connection with their threads."""
    return browser


@pytest.hookimpl(trylast=True)  # after pytest has grouped the items by their parametrized fixtures
def pytest_collection_modifyitems(items):
    """The tests that take seconds each (server processes, the browser, then the long ones) first, so that
    pytest-xdist's workers start on them together and finish on the quick ones, rather than one worker ending
    the run alone on a long test. A stable sort: each group keeps its order, and so its module- and
    session-scoped set-ups."""
    order = ("slow", "browser", "long")

    def rank(item) -> int:
        return next((i for i, name in enumerate(order) if item.get_closest_marker(name)), len(order))

    items.sort(key=rank)


def pytest_runtest_setup(item):
    """Under ``make test`` (pytest-xdist, ``--dist loadgroup``) the tests that start servers must share one
    worker. If the grouping silently stops working (as it does with pytest 9.2 and pytest-xdist 3.8), they
    would wait on every worker at once and the suite would only get slower: fail them instead."""
    if item.get_closest_marker("xdist_group") and item.config.getoption("loadgroup", False):
        assert item.nodeid.endswith("@servers"), f"pytest-xdist did not group {item.nodeid}: see README, 'Tests'"


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A writable copy of the fixture content (tests that edit content files)."""
    from .support.contentfiles import copy_of

    return copy_of(FIXTURE_CONTENT, tmp_path)
