"""A hung PostgreSQL: a real server behind a TCP proxy this test starts, which can switch to accepting
connections and never answering (new ones and the ones already open). Uncached pages answer a styled 503
with Retry-After in seconds, /healthz a 503, cached pages keep being served, and the site recovers by
itself when the database answers again. The client's timeout (well under gunicorn's 30 s) is what fails
the test if anything hangs."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CONTENT, ROOT, SERVERS

# Tests that start servers wait on them more than they compute: one xdist worker runs them all, one after
# another, while the others keep the cores busy (conftest.SERVERS).
pytestmark = [pytest.mark.slow, SERVERS]

SERVER = os.environ.get("ADVISOR_TEST_POSTGRES", "127.0.0.1:5432")
DATABASE = f"advisor_cache_faults_{os.getpid()}"
CLIENT_TIMEOUT = 15  # seconds: a hang would only end with gunicorn's 30 s timeout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HangingProxy:
    """Forwards TCP to PostgreSQL; ``hang()`` makes it accept and read but never answer, ``resume()`` undoes it
    for connections opened afterwards."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.hung = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def hang(self) -> None:
        self.hung.set()

    def resume(self) -> None:
        self.hung.clear()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.hung.is_set():
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            server = socket.create_connection(self.upstream)
            self.sockets.append(server)
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    def _swallow(self, sock: socket.socket) -> None:
        try:
            while sock.recv(65536):
                pass
        except OSError:
            pass

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.hung.is_set():  # a hung server: read, never answer, never forward again
                    self._swallow(source)
                    return
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()
        for sock in self.sockets:
            sock.close()


def postgres_or_skip():
    host, port = SERVER.split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        pytest.skip(f"no PostgreSQL at {SERVER}")
    return host, int(port)


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=CLIENT_TIMEOUT) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def site(tmp_path: Path, collected_static: Path):
    upstream = postgres_or_skip()
    admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    admin_sql(f'CREATE DATABASE "{DATABASE}"')
    proxy = HangingProxy(upstream)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        DJANGO_SECRET_KEY="database-faults-test-" + "s" * 30,
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(collected_static),
        ADVISOR_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_LOG_LEVEL="CRITICAL",
        DJANGO_DB_CONNECT_TIMEOUT="2",  # libpq's minimum
        ADVISOR_PAGE_CACHE_SECONDS="120",  # longer than this test, so the cached page cannot expire during it
        DATABASE_URL=f"postgres://postgres@{SERVER}/{DATABASE}",
    )
    server = None
    try:  # whatever fails from here on, the server, the proxy and the database go with the test
        for args in (
            ["migrate", "--noinput", "-v0"],
            ["loadcontent", str(FIXTURE_CONTENT)],
        ):
            out = subprocess.run(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
            )
            assert out.returncode == 0, out.stderr
        port = free_port()
        env.update(
            # A query the hung server never answers is interrupted after 1 s + 1 s (advisor/dbwatch.py).
            DJANGO_DB_STATEMENT_TIMEOUT="1",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{proxy.port}/{DATABASE}",
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
        )
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        yield base, proxy
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        proxy.close()
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def on_both_workers(url: str) -> list[tuple[int, dict, bytes]]:
    """Two requests at once: each of gunicorn's two sync workers takes one (a busy one accepts no other)."""
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(get, [url + "&worker=a", url + "&worker=b"]))


def test_a_hung_database_is_a_quick_503_cached_pages_stay_and_the_site_recovers(site):
    base, proxy = site
    assert get(base + "/")[0] == 200  # the home page is cached from here on
    for status, _, _ in on_both_workers(base + "/frameworks/one/?warm=1"):
        assert status == 200  # and both workers hold a persistent connection
    proxy.hang()
    status, _, body = get(base + "/")
    assert status == 200 and b"Tests of the first kind" in body  # cached pages are still served
    for moment in ("open", "new"):  # both workers, first on their open connections, then on new ones
        for status, headers, body in on_both_workers(base + f"/frameworks/one/?during={moment}"):
            assert status == 503 and headers["Retry-After"] == "30", (status, body[:200])
            assert b"Back in a moment" in body and b"/static/advisor/site." in body
    status, headers, _ = get(base + "/healthz")
    assert status == 503 and headers["Retry-After"] == "30"
    assert get(base + "/")[0] == 200
    proxy.resume()
    deadline = time.monotonic() + CLIENT_TIMEOUT
    while get(base + "/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the site did not recover"
        time.sleep(0.5)
    assert get(base + "/frameworks/one/?after=1")[0] == 200
