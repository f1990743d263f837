"""Whole-page caching with Django's cache middleware, cleared when content changes; conditional requests;
faults degrade, not break."""

import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from advisor import versioning
from advisor.models import Framework


@pytest.fixture
def site(fixture_content):
    versioning.current()


def hit(response) -> bool:
    """Django's FetchFromCacheMiddleware adds Age to the responses it serves from the cache, and only to those."""
    return response.has_header("Age")


@pytest.fixture
def pages_on_disk(settings, tmp_path):
    """The page cache as files, so that what it stores can be counted."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }
    return lambda: len(list(tmp_path.iterdir()))


def test_a_second_request_is_served_from_the_cache_without_queries(site, client, django_assert_num_queries):
    first = client.get("/")
    assert first.status_code == 200 and not hit(first)
    with django_assert_num_queries(0):
        second = client.get("/")
    assert hit(second)
    assert second.content == first.content


def test_a_content_change_is_visible_on_the_next_request(site, client, django_capture_on_commit_callbacks):
    assert b"Tests of the first kind" in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        Framework.objects.filter(slug="one").update(best_for="x")  # a queryset update sends no signal…
        versioning.bump()  # …so bump as loadcontent would
    response = client.get("/")
    assert not hit(response)
    assert b"Tests of the first kind" not in response.content


def test_an_admin_edit_invalidates(site, client, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        framework = Framework.objects.get(slug="one")
        framework.best_for = "Edited by a curator"
        framework.save()
    assert b"Edited by a curator" in client.get("/").content


def test_compressed_and_plain_responses_are_kept_apart(site, client):
    plain = client.get("/")
    gzipped = client.get("/", headers={"accept-encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    again = client.get("/", headers={"accept-encoding": "gzip"})
    assert hit(again) and again["Content-Encoding"] == "gzip"
    assert hit(client.get("/")) and "Content-Encoding" not in client.get("/")


def test_signed_in_curators_bypass_the_cache(site, client, admin_client):
    Framework.objects.filter(slug="two").update(status="draft")
    client.get("/frameworks/")
    assert hit(client.get("/frameworks/"))  # the public page is cached…
    for _ in range(2):
        response = admin_client.get("/frameworks/")
        assert not hit(response)  # …but a curator neither reads nor fills the cache
        assert b"draft" in response.content
    assert b"draft" not in client.get("/frameworks/").content


def test_conditional_requests_get_304(site, client):
    response = client.get("/")
    assert response.has_header("ETag")
    assert "max-age=" in response["Cache-Control"]
    assert client.get("/", headers={"if-none-match": response["ETag"]}).status_code == 304
    assert client.get("/", headers={"if-none-match": '"other"'}).status_code == 200


def test_the_admin_and_health_check_are_never_cached(site, client):
    # The questionnaire's review step holds the POST form and its CSRF token (the steps before it are plain
    # GET forms without one, and may be cached).
    for url in ["/healthz", "/admin/login/", "/guide/?step=review"]:
        client.get(url)
        assert not hit(client.get(url)), url


def test_pages_are_stored_only_under_their_canonical_address(site, client, pages_on_disk):
    client.get("/frameworks/one/")
    keys = pages_on_disk()
    for n in range(1, 30):
        response = client.get(f"/frameworks/one/?cb={n}")
        assert response.status_code == 200 and not hit(response)
    assert pages_on_disk() == keys  # irrelevant parameters add nothing
    assert hit(client.get("/frameworks/one/"))


def test_a_matrix_is_stored_under_its_canonical_query_only(site, client, pages_on_disk):
    canonical = "/compare/?fw=one&diff=1"
    client.get(canonical)
    assert hit(client.get(canonical))
    keys = pages_on_disk()
    for variant in [
        "/compare/?diff=1&fw=one",
        "/compare/?fw=one&fw=one&diff=1",
        "/compare/?fw=nothing",
        "/compare/?x=1",
    ]:
        response = client.get(variant)
        assert response.status_code == 200 and not hit(response)
        assert not hit(client.get(variant))
    assert pages_on_disk() == keys


def test_htmx_fragments_are_never_served_as_pages(site, client):
    url = "/compare/?fw=one&diff=1"
    fragment = client.get(url, headers={"hx-request": "true"})
    assert b"<html" not in fragment.content and "HX-Request" in fragment["Vary"]
    page = client.get(url)
    assert b"<html" in page.content and not hit(page)
    assert b"<html" not in client.get(url, headers={"hx-request": "true"}).content
    assert b"<html" in client.get(url).content


@contextmanager
def database_down():
    """Every new query fails as it would with the server gone."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(BaseDatabaseWrapper, "_cursor", refuse)
        yield


def test_an_outage_serves_cached_pages_and_a_styled_503_for_the_rest(site, client):
    client.get("/")  # cached while the database is up
    with database_down():
        cached = client.get("/")
        assert cached.status_code == 200 and hit(cached)
        response = client.get("/?fresh=1")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert b"Back in a moment" in response.content and b"Traceback" not in response.content
        assert client.get("/healthz").status_code == 503


def test_the_site_recovers_by_itself_when_the_database_returns(site, client):
    with database_down():
        assert client.get("/?during=1").status_code == 503
    assert client.get("/?after=1").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_an_unreachable_redis_degrades_the_cache_not_the_site(fixture_content, client, settings):
    unreachable = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
    settings.CACHES = {**settings.CACHES, "default": unreachable, "pages": unreachable}
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200
        assert b"Tests of the first kind" in response.content


def test_head_requests_are_answered_like_get(site, client):
    for url in ["/", "/compare/", "/frameworks/", "/faq/"]:
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""


def test_loadcontent_records_the_new_digest_at_once(fixture_content):
    from advisor.models import ContentVersion

    assert len(ContentVersion.objects.get().digest) == 16  # no visitor pays for computing it later


def test_a_page_holding_a_csrf_token_is_never_stored(site, client, settings, pages_on_disk):
    """A form's token belongs to one visitor (whose cookie it matches); everything else is shared."""
    client.get("/")  # stored for a visitor without cookies…
    client.cookies["csrftoken"] = "x" * 32  # …and served to one who has been to the questionnaire
    shared = client.get("/")
    assert hit(shared) and "Cookie" not in shared.get("Vary", "")  # pages without a form are shared, cookie or not

    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.urls import path

    def form_view(request):
        return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    import config.urls

    settings.ROOT_URLCONF = type("U", (), {"urlpatterns": [path("form/", form_view), *config.urls.urlpatterns]})
    keys = pages_on_disk()
    for _ in range(2):
        response = client.get("/form/")
        assert response.status_code == 200 and not hit(response)
    assert pages_on_disk() == keys


@pytest.mark.parametrize("odd_host", ["localhost:99999", "127.0.0.1."])
def test_an_odd_host_variant_never_reaches_another_hosts_visitors(site, client, settings, odd_host):
    """Django accepts a port and a trailing dot on an allowed host (README, "Deployment"). Pages are keyed by
    the full address, so what such a request renders stays with the requests that send the same Host."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    odd = client.get("/", headers={"host": odd_host})
    assert odd.status_code == 200 and f"//{odd_host}/".encode() in odd.content
    normal = client.get("/", headers={"host": "localhost"})
    assert not hit(normal) and odd_host.encode() not in normal.content


def test_a_copy_in_this_process_is_served_without_reading_the_shared_cache(
    site, client, monkeypatch, django_assert_num_queries
):
    from django.core.cache import caches

    first = client.get("/faq/")
    reads = []
    shared = caches["pages"]
    monkeypatch.setattr(shared, "get", lambda *args, **kwargs: reads.append(args) or None)
    with django_assert_num_queries(0):
        copy = client.get("/faq/")
    assert copy.content == first.content and copy["ETag"] == first["ETag"] and hit(copy)
    assert reads == []
    assert client.get("/faq/", headers={"if-none-match": copy["ETag"]}).status_code == 304


def test_a_copy_in_this_process_ends_within_its_bound(site, client, settings):
    """Another process's content change reaches this one within PROCESS_CACHE_SECONDS, with nothing announced:
    here the shared cache is cleared behind this process's back, as another process's change does."""
    from django.core.cache import caches

    settings.PROCESS_CACHE_SECONDS = 1
    client.get("/faq/")
    Framework.objects.filter(slug="one").update(name="Renamed elsewhere")
    caches["pages"].clear()
    assert b"Renamed elsewhere" not in client.get("/faq/").content  # still this process's copy
    time.sleep(1.05)
    assert b"Renamed elsewhere" in client.get("/faq/").content


def test_without_the_process_layer_pages_still_come_from_the_shared_cache(site, client, settings):
    settings.PROCESS_CACHE_SECONDS = 0
    client.get("/faq/")
    assert hit(client.get("/faq/"))


def keys(alias: str) -> int:
    from django.core.cache import caches

    return len(caches[alias]._cache)  # LocMemCache's own store: the test settings use it for every alias


@pytest.mark.parametrize(
    "header",
    ["accept-encoding", "hx-request", "hx-history-restore-request", "hx-target"],
)
def test_header_values_a_client_invents_add_no_cache_keys(site, client, header):
    client.get("/compare/")
    before = (keys("pages"), keys("process"))
    for n in range(60):
        client.get("/compare/", headers={header: f"gzip, x-{n}" if header == "accept-encoding" else f"v{n}"})
    assert (keys("pages"), keys("process")) <= (before[0] + 2, before[1] + 2)  # at most the one normal variant


def test_a_forwarded_scheme_a_client_sends_never_reaches_other_visitors(site, client):
    for _ in range(2):
        client.get("/faq/", headers={"x-forwarded-proto": "https, http"})
    plain = client.get("/faq/")
    assert b'<link rel="canonical" href="http://testserver/faq/"' in plain.content
    assert b"https://testserver" not in plain.content


def test_a_script_name_a_client_sends_never_reaches_other_visitors(site, client):
    for _ in range(2):
        client.get("/faq/", SCRIPT_NAME="/evil")
    plain = client.get("/faq/")
    assert plain.status_code == 200 and b"/evil/" not in plain.content
