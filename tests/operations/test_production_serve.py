"""The production entry point against hostile clients, on loopback: ``make serve``'s nginx in front of gunicorn
(``deploy/serve.py``) keeps serving visitors while 20 clients trickle in their headers, 20 their bodies and 200
more say nothing at all;
proxy headers a client writes (SCRIPT_NAME, X-Forwarded-Proto, X-Forwarded-Host, ...) change no link, through
nginx or straight to gunicorn; nginx answers only the site's host names; every gunicorn has a control socket of
its own, or none."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from gunicorn.ctl.client import ControlClient

from tests.conftest import ROOT, SERVERS, in_ci

from .test_multiprocess import Site, free_port, prepared  # noqa: F401  (prepared: the session's site database)

pytestmark = [pytest.mark.slow, SERVERS]

SLOW_CLIENTS = 20  # of each kind: more than gunicorn's workers, many times over
IDLE_CLIENTS = 200  # connections that send nothing at all
PROMPT = 5  # seconds: a visitor's request must be answered within this while the slow clients hold on
HOSTILE_HEADERS = {
    "SCRIPT_NAME": "/evil",
    "Script-Name": "/evil",
    "X-Script-Name": "/evil",
    "X-Forwarded-Prefix": "/evil",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Protocol": "ssl",
    "X-Forwarded-Ssl": "on",
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Port": "666",
    "Forwarded": "proto=https;host=evil.example",
}


def nginx_or_skip() -> None:
    if shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK):
        return
    message = "nginx is not installed (make test installs it: apt-get install nginx-light)"
    if in_ci():
        pytest.fail(f"{message}; CI requires it")
    pytest.skip(message)


def wait_until_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server stopped while starting"
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.fixture
def site(tmp_path, prepared, collected_static):  # noqa: F811
    site = Site(tmp_path, "file", collected_static, prepared)
    site.env.pop("FORWARDED_ALLOW_IPS", None)  # gunicorn's defaults, as shipped
    site.env.pop("GUNICORN_CONTROL_SOCKET", None)
    site.prepare()
    yield site
    site.stop()


@pytest.fixture
def served(site):
    """``make serve`` after its release steps: deploy/serve.py, two sync workers, on a free port."""
    nginx_or_skip()
    port = free_port()
    env = {**site.env, "PORT": str(port), "GUNICORN_WORKERS": "2"}
    proc = subprocess.Popen([sys.executable, "deploy/serve.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, proc)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0


def slow_clients(port: int) -> list[socket.socket]:
    """Some send a request line and then a header line now and then, some a POST body a byte at a time; the
    last ones, many more, connect and say nothing."""
    clients = []
    for _ in range(SLOW_CLIENTS):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        clients.append(sock)
    for _ in range(SLOW_CLIENTS):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(
            b"POST /guide/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 10000\r\n\r\na"
        )
        clients.append(sock)
    clients += [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(IDLE_CLIENTS)]
    return clients


def trickle(clients: list[socket.socket]) -> None:
    for i, sock in enumerate(clients[: 2 * SLOW_CLIENTS]):
        sock.sendall(b"X-Slow: 1\r\n" if i < SLOW_CLIENTS else b"a")


def test_slow_and_silent_clients_do_not_keep_other_visitors_waiting(served):
    port = int(served.rsplit(":", 1)[1])
    urllib.request.urlopen(served + "/frameworks/one/", timeout=PROMPT).close()  # the workers are up and warm
    clients = slow_clients(port)
    opened = time.monotonic()
    try:
        for n in range(6):  # about three seconds of trickling, a visitor's request each half second
            trickle(clients)
            started = time.monotonic()
            # A query string the page cache does not keep: every request is rendered by a gunicorn worker.
            with urllib.request.urlopen(f"{served}/frameworks/one/?visit={n}", timeout=PROMPT) as response:
                assert response.status == 200 and b"One" in response.read()
            assert time.monotonic() - started < PROMPT
            time.sleep(0.5)
        # The attack was still under way: no slow client has had an answer or been dropped. (nginx does drop them
        # 10 s after they connected, client_header_timeout: on a machine so busy that the visits took that long,
        # there is nothing left to look at.)
        for sock in clients if time.monotonic() - opened < 9 else []:
            sock.setblocking(False)
            with pytest.raises(BlockingIOError):
                sock.recv(1)
    finally:
        for sock in clients:
            sock.close()


def links(url: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


def assert_headers_change_nothing(base: str) -> None:
    status, hostile = links(base + "/faq/", HOSTILE_HEADERS)
    assert status == 200
    assert "/evil" not in hostile and "evil.example" not in hostile and "https://" + base[7:] not in hostile
    assert f'<link rel="canonical" href="{base}/faq/">' in hostile
    assert 'href="/faq/"' in hostile
    _, plain = links(base + "/faq/?fresh=1", {})  # rendered anew, not served from the page cache
    assert 'href="/faq/"' in plain and "/evil" not in plain


def test_proxy_headers_from_a_client_change_no_link_through_nginx(served):
    assert_headers_change_nothing(served)


def test_nginx_closes_requests_for_host_names_the_site_does_not_serve(served):
    port = int(served.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET /faq/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        assert sock.recv(100) == b""  # closed without a word (nginx's 444)
    assert links(served + "/faq/", {})[0] == 200  # DJANGO_ALLOWED_HOSTS names 127.0.0.1


def test_proxy_headers_from_a_client_change_no_link_at_gunicorn_itself(site):
    assert_headers_change_nothing(site.start())  # on loopback, the peer gunicorn used to trust


def test_every_gunicorn_has_a_control_socket_of_its_own_or_none(site, tmp_path: Path):
    home, runtime = tmp_path / "home", tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir()
    site.env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    site.start()
    # gunicorn's default would be a socket in one of these places, the same for every instance the user starts.
    assert not list(home.rglob("*.ctl")) and not list(runtime.rglob("*.ctl"))
    site.stop()

    pids = []
    for name in ("a", "b"):
        site.env["GUNICORN_CONTROL_SOCKET"] = str(tmp_path / f"{name}.ctl")
        site.start()
        pids.append(site.servers[-1].pid)
    for name, pid in zip(("a", "b"), pids, strict=True):
        with ControlClient(str(tmp_path / f"{name}.ctl"), timeout=10) as client:
            assert client.send_command("show all")["arbiter"]["pid"] == pid
