"""Two separate server processes sharing one database and one cache: an edit through one is visible
on the next request to the other. Also: permalinks and content survive a restart of the application."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CONTENT, ROOT, SERVERS, built_once, redis_url

# Tests that start servers wait on them more than they compute: one xdist worker runs them all, one after
# another, while the others keep the cores busy (conftest.SERVERS).
pytestmark = [pytest.mark.slow, SERVERS]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A throwaway production-like site (debug off, collected static files) with N server processes.

    Each site gets its own copy of the session's prepared database (``prepared``) and shares its static build."""

    def __init__(self, tmp: Path, cache: str, static: Path, prepared: Path | None = None):
        self.tmp = tmp
        self.prepared = prepared
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
        self.env.update(
            DJANGO_SECRET_KEY="multiprocess-test-secret-" + "s" * 30,
            DJANGO_DEBUG="0",
            DJANGO_HTTPS="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=f"sqlite:///{tmp / 'site.sqlite3'}",
            DJANGO_STATIC_ROOT=str(static),
            DJANGO_LOG_LEVEL="ERROR",
        )
        if cache == "redis":
            self.env["REDIS_URL"] = redis_url("multiprocess")
        else:
            self.env["ADVISOR_CACHE_DIR"] = str(tmp / "cache")
        self.servers: list[subprocess.Popen] = []

    def manage(self, *args: str) -> str:
        out = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    def build(self) -> None:
        """Migrate, load the fixture content and add an admin account."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("loadcontent", str(FIXTURE_CONTENT), "-v0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; User.objects.create_superuser('boss', '', 'boss-pass-123')",
        )

    def prepare(self) -> None:
        """Start from a copy of the prepared database (SQLite's backup API: consistent whatever its journal)."""
        with (
            closing(sqlite3.connect(self.prepared / "site.sqlite3")) as source,
            closing(sqlite3.connect(self.tmp / "site.sqlite3")) as copy,
        ):
            source.backup(copy)
        if "REDIS_URL" in self.env:  # this worker's Redis database outlives the test (the file cache is in tmp)
            import redis

            redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()

    def start(self) -> str:
        port = free_port()
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)
        self.servers.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).close()
                return base
            except OSError:
                time.sleep(0.2)
        raise AssertionError("server did not start")

    def stop(self) -> None:
        for proc in self.servers:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        self.servers.clear()


@pytest.fixture(scope="session")
def prepared(tmp_path_factory, collected_static) -> Path:
    """One database for every site of the session, made once (for all pytest-xdist workers)."""
    return built_once(tmp_path_factory, "prepared-site", lambda folder: Site(folder, "file", collected_static).build())


@pytest.fixture(params=["file", "redis"])
def site(request, tmp_path, prepared, collected_static):
    site = Site(tmp_path, request.param, collected_static, prepared)
    site.prepare()
    yield site
    site.stop()


def get(url: str) -> tuple[str, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), dict(response.headers)


def admin_session(base: str) -> urllib.request.OpenerDirector:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/admin/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "boss", "password": "boss-pass-123", "next": "/admin/"}
    )
    opener.open(urllib.request.Request(base + "/admin/login/", data=data.encode(), headers={"Referer": base}))
    return opener


def test_an_edit_through_one_process_is_visible_from_the_other(site):
    a, b = site.start(), site.start()
    html, headers = get(b + "/")
    assert "Two" in html
    html, headers = get(b + "/")
    assert "Age" in headers  # B now serves home from the shared cache (Django adds Age to what it serves from it)

    opener = admin_session(a)
    changelist = opener.open(a + "/admin/advisor/framework/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', changelist).group(1)
    pk = re.search(
        r'name="_selected_action" value="(\d+)"[^>]*>\s*</td>\s*<th class="field-name"><a[^>]*>Two<', changelist
    )
    pk = pk.group(1) if pk else re.findall(r'name="_selected_action" value="(\d+)"', changelist)[-1]
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "action": "unpublish", "_selected_action": pk})
    opener.open(urllib.request.Request(a + "/admin/advisor/framework/", data=form.encode(), headers={"Referer": a}))

    # B may serve its own copy of the page for PROCESS_CACHE_SECONDS (1 s) more, never longer.
    deadline = time.monotonic() + 1.5
    while "<strong>Two</strong>" in (html := get(b + "/")[0]):
        assert time.monotonic() < deadline, "B still serves the page from before the edit"
        time.sleep(0.1)
    html_a, _ = get(a + "/")
    assert html_a.replace(a, "") == html.replace(b, "")  # the same page, but for the host in its links


def submit(base: str, answers: dict[str, str]) -> str:
    """POST the questionnaire as a browser does; returns the permalink path."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    html = opener.open(base + "/guide/?step=review", timeout=10).read().decode()  # the step with the POST form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **answers}).encode()
    try:
        opener.open(urllib.request.Request(base + "/guide/", data=data, headers={"Referer": base}), timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 303
        return urllib.parse.urlparse(exc.headers["Location"]).path
    raise AssertionError("no redirect to a permalink")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_content_and_permalinks_survive_a_restart(site):
    first = site.start()
    before, _ = get(first + "/")
    answer_sets = [{"project": "api"}, {"project": "site", "admin": "essential"}, {"admin": "no"}]
    permalinks = [submit(first, answers) for answers in answer_sets]
    results = [get(first + path.rstrip("/") + ".json")[0] for path in permalinks]
    site.stop()
    second = site.start()  # a fresh process against the same database
    after, _ = get(second + "/")
    assert after.replace(second, "") == before.replace(first, "")
    for path, result in zip(permalinks, results, strict=True):
        assert get(second + path.rstrip("/") + ".json")[0].replace(second, "") == result.replace(first, "")
        page, _ = get(second + path)
        assert "One" in page


@pytest.mark.parametrize("site", ["file"], indirect=True)  # WhiteNoise serves them; the cache plays no part
def test_static_files_are_hashed_compressed_and_cached_for_ever(site):
    base = site.start()
    html, _ = get(base + "/")
    css = re.search(r'href="(/static/advisor/site\.[0-9a-f]{12}\.css)"', html)
    assert css, "the stylesheet is not served under a hashed name"
    for encoding in ("br", "gzip"):
        request = urllib.request.Request(base + css.group(1), headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == encoding
            assert "immutable" in response.headers["Cache-Control"]
            assert "max-age=315360000" in response.headers["Cache-Control"]


def post_status(base: str, answers: dict[str, str]) -> int:
    """The status a browser's questionnaire POST gets (303 to a new permalink, 429 when refused)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)
    html = opener.open(base + "/guide/?step=review", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **answers}).encode()
    try:
        with opener.open(urllib.request.Request(base + "/guide/", data=data, headers={"Referer": base}), timeout=10):
            return 200
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize("site", ["file"], indirect=True)
def test_a_flood_of_new_results_from_one_address_is_refused(site):
    """Issue 23: one address stored 4,180 results in 30 s. Now each address stores at most
    ADVISOR_RESULTS_PER_MINUTE new ones (shared by every process through the cache); the rest get a 429."""
    site.env["ADVISOR_RESULTS_PER_MINUTE"] = "3"
    a, b = site.start(), site.start()
    sets = [{"project": p, "admin": m} for p in ("api", "site") for m in ("essential", "no")]
    sets += [{"project": "api"}, {"project": "site"}, {"admin": "no"}, {"admin": "essential"}]
    statuses = [post_status((a, b)[i % 2], answers) for i, answers in enumerate(sets)]
    assert statuses.count(303) == 3 and statuses.count(429) == len(sets) - 3, statuses
    stored = sqlite3.connect(site.tmp / "site.sqlite3").execute("SELECT COUNT(*) FROM advisor_result").fetchone()[0]
    assert stored == 3
