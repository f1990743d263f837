"""The lab's apps (lab/apps) answer the same contract under their production servers.

Each app runs in its own pinned environment (lab/.venvs/, built from lab/requirements/ when missing) under
gunicorn and under granian, on a free loopback port; no load is generated here, `make lab` does that.
"""

import json
import urllib.error
import urllib.request

import pytest

from lab import envs, servers
from lab.config import ensure_db, item, read
from tests.conftest import SERVERS

# One worker runs the module: its servers start once (module-scoped fixtures), not once on each xdist worker;
# it is the worker that runs the other tests that start servers (conftest.SERVERS).
pytestmark = [pytest.mark.slow, SERVERS]

SETTINGS, APPS = read()
VALID = {"name": " Lab widget ", "price": 9.5, "quantity": 3}
INVALID = {
    "missing name": {"price": 9.5, "quantity": 3},
    "blank name": {"name": "   ", "price": 9.5, "quantity": 3},
    "name too long": {"name": "x" * 51, "price": 9.5, "quantity": 3},
    "price not a number": {"name": "Lab widget", "price": "cheap", "quantity": 3},
    "negative price": {"name": "Lab widget", "price": -1, "quantity": 3},
    "quantity zero": {"name": "Lab widget", "price": 9.5, "quantity": 0},
    "quantity not a number": {"name": "Lab widget", "price": 9.5, "quantity": "many"},
}


def call(port: int, path: str, body: bytes | None = None) -> tuple[int, str, bytes]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture(scope="module", params=sorted(APPS))
def app(request):
    return APPS[request.param]


@pytest.fixture(scope="module", params=servers.SERVERS)
def port(request, app, tmp_path_factory):
    venv = envs.ensure(app.env)
    db = ensure_db()
    port = servers.free_port()
    server = servers.command(app, request.param, venv, port, workers=1)
    process = servers.start(server, db, tmp_path_factory.mktemp("lab") / "server.log")
    try:
        servers.wait_ready(process, port, timeout=60)
        yield port
    finally:
        servers.stop(process)


def test_plaintext(port):
    status, content_type, body = call(port, "/plaintext")
    assert (status, body) == (200, b"Hello, World!")
    assert content_type.startswith("text/plain")


def test_json(port):
    status, content_type, body = call(port, "/json")
    assert status == 200
    assert content_type.startswith("application/json")
    assert json.loads(body) == {"message": "Hello, World!"}


def test_validate_returns_the_normalised_object(port):
    status, content_type, body = call(port, "/validate", json.dumps(VALID).encode())
    assert status == 200, body
    assert content_type.startswith("application/json")
    assert json.loads(body) == {"name": "Lab widget", "price": 9.5, "quantity": 3}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_validate_rejects_bad_input(port, case):
    status, content_type, body = call(port, "/validate", json.dumps(INVALID[case]).encode())
    assert status in (400, 422), body
    assert content_type.startswith("application/json")
    assert json.loads(body)  # says what was wrong


def test_validate_rejects_malformed_json(port):
    status, _, body = call(port, "/validate", b'{"name": "Lab widget", ')
    assert status in (400, 422), body


def test_db_reads_one_row(port):
    status, content_type, body = call(port, "/db/7")
    assert status == 200, body
    assert content_type.startswith("application/json")
    assert json.loads(body) == item(7)


def test_db_unknown_row_is_404(port):
    status, _, _ = call(port, "/db/1001")
    assert status == 404


def test_every_app_has_a_pinned_environment():
    for app in APPS.values():
        pinned = (envs.REQUIREMENTS / f"{app.env}.txt").read_text().splitlines()
        requirements = [line for line in pinned if line and not line.startswith("#")]
        assert requirements and all("==" in line for line in requirements), app.env
