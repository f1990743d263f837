"""No input reaches a 5xx: random addresses under /correct/ and random form bodies, with and without htmx."""

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corrections import throttle
from corrections.models import Correction

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))
KINDS = ["rating", "fit", "pitfall", "faq", "table", ""]
SLUGS = ["one", "two", "async", "admin", "api-backend", "slow-pages", "which-is-fastest"]
segment = st.one_of(st.sampled_from(SLUGS), st.text(max_size=30))
value = st.one_of(
    st.text(max_size=60),
    st.text(min_size=1990, max_size=2010, alphabet="ab <>&\"'\n\x00é"),
    st.sampled_from(["https://example.org/", "HTTPS://x.org", "javascript:alert(1)", "http://[::1", "a@b.c", ""]),
    st.builds(lambda s: "https://example.org/" + s, st.text(max_size=40)),
)
fields = st.fixed_dictionaries(
    {},
    optional={"text": value, "source_url": value, "email": value, "website": value, st.text(max_size=8): value},
)
hx = st.sampled_from([None, "true", "garbage", ""])


def enc(v: str) -> str:
    return quote(v, safe="")


@pytest.fixture
def site(fixture_content, monkeypatch):
    monkeypatch.setattr(throttle, "ATTEMPTS_PER_HOUR", 10**6)  # reach the form, not the limit
    monkeypatch.setattr(throttle, "SENT_PER_HOUR", 10**6)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), segments=st.lists(segment, min_size=2, max_size=2), data=fields, hx=hx)
def test_any_correction_request_is_answered_without_a_server_error(site, client, kind, segments, data, hx):
    path = f"/correct/{enc(kind)}/" + "".join(f"{enc(s)}/" for s in segments[: 1 if kind in ("pitfall", "faq") else 2])
    headers = {"hx-request": hx} if hx is not None else {}
    assert client.get(path, headers=headers).status_code < 500, path
    before = Correction.objects.count()
    response = client.post(path, data, headers=headers)
    assert response.status_code < 500, (path, data, response.status_code)
    stored = Correction.objects.count() - before
    assert stored in (0, 1)
    if stored:
        correction = Correction.objects.latest("id")
        assert correction.source_url.startswith(("http://", "https://")) and 0 < len(correction.text) <= 2000
