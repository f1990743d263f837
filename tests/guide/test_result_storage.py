"""Results cannot exhaust the disk (issue 23): each row keeps only the answers and the versions, the content
of a version is kept once, and one address may store only so many new results a minute."""

import json

import pytest

from advisor import engine, results
from advisor.models import ContentSnapshot, Result

QUESTIONS = {"project": ["api", "site"], "admin": ["essential", "no"]}


@pytest.fixture(autouse=True)
def _no_stale_snapshot_decodes():
    results._content.cache_clear()
    yield
    results._content.cache_clear()


def answer_sets():
    return [{"project": p, "admin": a} for p in QUESTIONS["project"] for a in QUESTIONS["admin"]]


def test_a_result_row_is_small_and_the_content_is_kept_once(fixture_content, client):
    for answers in answer_sets():
        assert client.post("/guide/", answers).status_code == 303
    assert ContentSnapshot.objects.count() == 1
    for result in Result.objects.all():
        assert result.outcome == {} and result.engine == engine.ENGINE_VERSION
        row = len(json.dumps(result.answers)) + len(result.slug) + len(result.content_version)
        assert row < 1024
        assert results.outcome_of(result)["winner"]


def test_a_permalink_is_recomputed_exactly_from_its_own_content(fixture_content, client):
    from advisor.models import Rating

    location = client.post("/guide/", {"project": "api", "admin": "essential"})["Location"]
    before = client.get(location.rstrip("/") + ".json").json()
    Rating.objects.filter(framework__slug="one").update(score=0)  # the database changes, the snapshot does not
    results._content.cache_clear()
    assert client.get(location.rstrip("/") + ".json").json() == before


def test_a_result_stored_with_its_whole_outcome_still_shows_it(fixture_content, client):
    client.post("/guide/", {"project": "api"})
    result = Result.objects.get()
    outcome = {**results.outcome_of(result), "headline": {**results.outcome_of(result)["headline"], "name": "Kept"}}
    Result.objects.filter(pk=result.pk).update(outcome=outcome, engine=None)
    assert "Kept" in client.get(result.get_absolute_url()).content.decode()


def test_a_result_from_another_engine_version_says_the_method_changed(fixture_content, client):
    client.post("/guide/", {"project": "api"})
    result = Result.objects.get()
    Result.objects.filter(pk=result.pk).update(engine=engine.ENGINE_VERSION - 1)
    page = client.get(result.get_absolute_url()).content.decode()
    assert "method has changed since this result was made" in page


def test_new_results_are_limited_per_address_and_the_answers_kept(fixture_content, client, settings):
    settings.RESULTS_PER_MINUTE = 2
    sets = answer_sets()
    assert [client.post("/guide/", a).status_code for a in sets[:2]] == [303, 303]
    refused = client.post("/guide/", sets[2])
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    html = refused.content.decode()
    assert 'name="project" value="site"' in html and 'name="admin" value="essential"' in html
    assert "/guide/?project=site&amp;admin=essential&amp;step=review" in html
    assert Result.objects.count() == 2
    assert client.post("/guide/", sets[0]).status_code == 303  # one stored before costs nothing
    assert client.get("/guide/", {**sets[3], "finish": "now"}).status_code == 429  # "see my result now" too
    other = client.post("/guide/", sets[3], REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303  # another address has its own allowance


def test_the_limit_can_be_turned_off(fixture_content, client, settings):
    settings.RESULTS_PER_MINUTE = 0
    assert all(client.post("/guide/", a).status_code == 303 for a in answer_sets())


def test_behind_a_proxy_the_limit_counts_the_forwarded_address(rf, settings):
    from advisor.ratelimit import client_address

    settings.PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == "203.0.113.9"  # what the proxy saw; the client's own claim is ignored
    settings.PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"


def test_a_burst_across_a_windows_edge_is_still_refused(settings, monkeypatch):
    from advisor import ratelimit

    clock = [600.0 - 1]  # one second before a minute's edge
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    assert [ratelimit.allow("t", "a", 3, 60) for _ in range(3)] == [True, True, True]
    clock[0] = 600.0 + 1  # just past the edge: the last window still counts almost whole
    assert not ratelimit.allow("t", "a", 3, 60)
    clock[0] = 600.0 + 125  # two windows later: a fresh allowance
    assert ratelimit.allow("t", "a", 3, 60)


def test_a_cache_that_answers_nothing_lets_results_through(settings, monkeypatch):
    """As django-redis does with IGNORE_EXCEPTIONS while Redis is paused: every call returns None."""
    from django.core.cache import caches

    from advisor import ratelimit

    cache = caches["default"]
    for name in ("add", "incr", "get"):
        monkeypatch.setattr(cache, name, lambda *args, **kwargs: None)
    assert ratelimit.allow("t", "a", 1, 60) and ratelimit.allow("t", "a", 1, 60)
