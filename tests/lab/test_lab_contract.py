"""The lab's apps (lab/apps) answer the same contract under every server they are measured on.

Each app runs in its own pinned environment (lab/.venvs/, built from lab/requirements/ when missing) under each
server its lab.toml entry names (its documented set-up, then granian), on a free loopback port, one worker, as
lab/servers.py starts it for `make lab`; no load is generated here. Marked `lab`: `make lab-test` runs these,
`make test` leaves them out (building the fifteen environments takes minutes).
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
pytestmark = [pytest.mark.slow, pytest.mark.lab, SERVERS]

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


PAIRS = [(slug, server) for slug in sorted(APPS) for server in APPS[slug].servers]


@pytest.fixture(scope="module", params=PAIRS, ids=[f"{slug}-{server}" for slug, server in PAIRS])
def port(request, tmp_path_factory):
    slug, name = request.param
    app = APPS[slug]
    venv = envs.ensure(app.env)
    db = ensure_db()
    port = servers.free_port()
    server = servers.command(app, name, venv, port, workers=1)
    log = tmp_path_factory.mktemp("lab") / "server.log"
    process = servers.start(server.argv, db, log)
    try:
        try:
            servers.wait_ready(process, port, timeout=60)
        except RuntimeError as error:
            pytest.fail(f"{slug} under {name} did not start ({error}):\n{log.read_text()[-2000:]}")
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
