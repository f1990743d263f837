"""A few hundred hostile requests at every public URL and the questionnaire: bad charsets, broken
percent-encoding, huge and repeated parameters, odd htmx headers, wrong methods. None may answer 5xx.

Requests go through the CSRF check as a browser's would (a ``csrftoken`` cookie, enforced checks), and errors
are answered, not raised, as in production."""

import pytest
from django.test import Client

from .test_hardening import public_urls

QUERIES = [
    "%",
    "%ZZ=%G1",
    "fw=%E0%A4%A&cat=%FF%FE",
    "fw=one&fw=one&fw=one&diff=1&diff=0&best=maybe",
    "step=%00&project=%C0%AF",
    "framework=" + "x" * 20_000,
    "&".join(f"fw={n}" for n in range(150)),
    "&".join(f"p{n}=1" for n in range(300)),  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
    "preset=api-backend&preset=api-backend",
    "a[]=1&a[0]=2&__proto__=x&;;;&&==",
]
HEADERS = [
    {"HX-Request": "true"},
    {"HX-Request": "false", "HX-History-Restore-Request": "true"},
    {"HX-Request": "true", "HX-Target": "<script>", "HX-Trigger": "x" * 2000, "HX-Current-URL": "javascript:1"},
    {"HX-Request": "\u00ff\u00fe", "HX-Current-URL": "http://[::1"},
    {"HX-Boosted": "true", "HX-Request": "1", "HX-Prompt": "%FF"},
]
METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW"]
BODIES = [
    ("application/x-www-form-urlencoded; charset=latin-1", "project=api&admin=no".encode("latin-1")),
    ("application/x-www-form-urlencoded; charset=utf-16", "project=api".encode("utf-16")),
    ("application/x-www-form-urlencoded; charset=no-such-charset", b"project=api"),
    ("application/x-www-form-urlencoded", b"project=%FF%FE&\xff\xfe=\xc0\xaf&%=%"),
    ("application/x-www-form-urlencoded", b"project=" + b"a" * 300_000),  # past DATA_UPLOAD_MAX_MEMORY_SIZE
    ("multipart/form-data; boundary=", b"--\r\n\r\n"),
    (
        "multipart/form-data; boundary=xx",
        b'--xx\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nx\r\n--xx--',
    ),
    ("application/json", b'{"project": "api"'),
    ("text/plain", b"project=api"),
    ("", b"\x00\x01\x02"),
]


@pytest.fixture
def hostile_client():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "c" * 32
    return client


@pytest.fixture
def urls(fixture_content, client):
    return [*public_urls(client), "/sitemap.xml", "/robots.txt", "/healthz", "/admin/login/", "/r/nothing/"]


def no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.content[:300]!r}"


@pytest.mark.long
def test_hostile_requests_at_every_url_get_no_server_error(urls, hostile_client):
    sent = 0
    for url in urls:
        path = url.split("?")[0]
        for query in QUERIES:
            no_server_error(hostile_client.generic("GET", path, QUERY_STRING=query), f"GET {path}?{query[:60]}")
            sent += 1
        for headers in HEADERS:
            no_server_error(hostile_client.get(url, headers=headers), f"GET {url} {headers}")
            sent += 1
        for method in METHODS:
            no_server_error(hostile_client.generic(method, url), f"{method} {url}")
            sent += 1
        for content_type, body in BODIES:
            response = hostile_client.generic("POST", path, body, content_type=content_type)
            no_server_error(response, f"POST {path} {content_type}")
            sent += 1
    assert sent >= 300


@pytest.mark.parametrize(
    "path", ["/frameworks/%ZZ/", "/frameworks/%FF%FE/", "/compare/one-vs-%C0%AF/", "/r/%00/", "/criteria/a%2Fb/"]
)
def test_broken_percent_encoding_in_paths_gets_no_server_error(fixture_content, hostile_client, path):
    for method in ("GET", "HEAD", "POST"):
        no_server_error(hostile_client.generic(method, path), f"{method} {path}")


def test_the_questionnaire_survives_hostile_posts_with_a_valid_token(fixture_content):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    page = client.get("/guide/")
    token = page.context["csrf_token"] if page.context else client.cookies["csrftoken"].value
    for content_type, body in BODIES:
        response = client.generic(
            "POST", "/guide/", body, content_type=content_type, headers={"X-CSRFToken": str(token)}
        )
        no_server_error(response, f"POST /guide/ {content_type}")
        for headers in HEADERS:
            response = client.generic(
                "POST", "/guide/", body, content_type=content_type, headers={"X-CSRFToken": str(token), **headers}
            )
            no_server_error(response, f"POST /guide/ {content_type} {headers}")
