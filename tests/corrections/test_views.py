"""Suggesting a correction: the page and the htmx fragment, good and bad input, the honeypot, floods, caps,
and the links and notes on the public pages."""

import pytest
from django.test import Client

from corrections import throttle
from corrections.models import Correction, Kind, Status

from .conftest import GOOD, RATING_URL

HTMX = {"HX-Request": "true"}


def post(client, data, url=RATING_URL, **kwargs):
    return client.post(url, data, REMOTE_ADDR=kwargs.pop("addr", "203.0.113.5"), **kwargs)


@pytest.mark.parametrize(
    "url, shows",
    [
        (RATING_URL, ["One on Async support", "5 of 5: Native", "Built on ASGI.", "It is async from the ground up."]),
        ("/correct/fit/api-backend/one/", ["One for API backend", "Best fit", "Fast and typed.", "Alpha"]),
        ("/correct/pitfall/slow-pages/", ["Symptom."]),
        ("/correct/faq/which-is-fastest/", ["FAQ answer"]),
    ],
)
def test_form_page_shows_the_claim_and_its_sources(client, fixture_content, url, shows):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [*shows, "What is wrong", "A source that supports the correction", "Your email (optional)"]:
        assert text in html
    assert "<html" in html and 'name="csrfmiddlewaretoken"' in html and 'name="robots" content="noindex"' in html
    assert "no-store" in response["Cache-Control"] and "HX-Request" in response["Vary"]


def test_fragment_is_the_form_alone(client, fixture_content):
    response = client.get(RATING_URL, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<section class="correction"') and 'hx-post="/correct/rating/one/async/"' in html
    assert 'id="c-rating-one-async-text"' in html  # ids unique to the claim: several forms may open on a page


@pytest.mark.parametrize(
    "url",
    ["/correct/rating/one/nothing/", "/correct/rating/nobody/async/", "/correct/fit/api-backend/nobody/",
     "/correct/pitfall/nothing/", "/correct/faq/nothing/", "/correct/table/one/", "/correct/rating/one/a%20b/"],
)  # fmt: skip
def test_unknown_claims_are_404(client, fixture_content, url):
    assert client.get(url).status_code == 404
    assert post(client, GOOD, url).status_code == 404
    assert not Correction.objects.exists()


def test_a_draft_claim_cannot_be_corrected(client, fixture_content):
    from advisor.models import Framework

    Framework.objects.filter(slug="one").update(status="draft")
    assert client.get(RATING_URL).status_code == 404


def test_good_correction_is_stored_with_its_claim_and_version(client, fixture_content):
    from advisor import versioning

    response = post(client, {**GOOD, "email": "reader@example.org"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode() and "<html" in response.content.decode()
    correction = Correction.objects.get()
    assert (correction.kind, correction.framework_slug, correction.entry_slug) == ("rating", "one", "async")
    assert correction.claim.startswith("One on Async support\n5 of 5: Native")
    assert correction.content_version == versioning.current_digest()
    assert correction.email == "reader@example.org" and correction.status == Status.NEW
    assert correction.sender == throttle.sender_key(type("R", (), {"META": {"REMOTE_ADDR": "203.0.113.5"}})())
    assert "203.0.113.5" not in correction.sender


def test_fragment_post_swaps_in_the_thanks(client, fixture_content):
    response = post(client, GOOD, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "Thank you" in html
    assert Correction.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"source_url": GOOD["source_url"]}, "Say what is wrong"),
        ({"text": "   ", "source_url": GOOD["source_url"]}, "Say what is wrong"),
        ({"text": "x" * 2001, "source_url": GOOD["source_url"]}, "at most 2000 characters"),
        ({"text": "wrong"}, "Give the address of a source"),
        ({"text": "wrong", "source_url": "javascript:alert(1)"}, "http:// or https://"),
        ({"text": "wrong", "source_url": "ftp://example.org/x"}, "http:// or https://"),
        ({"text": "wrong", "source_url": "https://"}, "not a valid web address"),
        ({"text": "wrong", "source_url": "https://exa mple.org"}, "not a valid web address"),
        ({"text": "wrong", "source_url": "http://[::1"}, "not a valid web address"),
        ({"text": "wrong", "source_url": "https://example.org/" + "a" * 500}, "at most 500 characters"),
        ({"text": "wrong", "source_url": GOOD["source_url"], "email": "not-an-address"}, "valid email"),
        ({"text": "wrong", "source_url": GOOD["source_url"], "email": "a" * 250 + "@example.org"}, "at most 254"),
        ({"text": "nul\x00byte", "source_url": GOOD["source_url"]}, "Null characters are not allowed"),
    ],
)
def test_bad_input_is_a_readable_400(client, fixture_content, data, message):
    response = post(client, data)
    html = response.content.decode()
    assert response.status_code == 400 and message in html and "The correction was not sent" in html
    assert not Correction.objects.exists()
    fragment = post(client, data, headers=HTMX)  # htmx swaps only 2xx: the same errors, in place
    assert fragment.status_code == 200 and message in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_upper_case_scheme_is_accepted_and_stored_lower(client, fixture_content):
    assert post(client, {**GOOD, "source_url": "HTTPS://Example.org/Page"}).status_code == 200
    assert Correction.objects.get().source_url == "https://Example.org/Page"


def test_honeypot_thanks_and_stores_nothing(client, fixture_content):
    response = post(client, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert not Correction.objects.exists()


def test_csrf_is_required(fixture_content):
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, GOOD).status_code == 403
    assert not Correction.objects.exists()


def test_a_flood_gets_429_with_the_site_layout(client, fixture_content):
    for _ in range(throttle.SENT_PER_HOUR):
        assert post(client, GOOD).status_code == 200
    response = post(client, GOOD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many corrections for now" in html and 'class="site-header"' in html
    assert Correction.objects.count() == throttle.SENT_PER_HOUR
    assert post(client, GOOD, addr="198.51.100.7").status_code == 200  # another address is not held back


def test_a_flood_of_bad_input_gets_429_too(client, fixture_content):
    codes = [post(client, {"text": ""}).status_code for _ in range(throttle.ATTEMPTS_PER_HOUR + 1)]
    assert codes[:-1] == [400] * throttle.ATTEMPTS_PER_HOUR and codes[-1] == 429


def test_open_corrections_are_capped_per_address_and_per_claim(client, fixture_content, settings, monkeypatch):
    monkeypatch.setattr(throttle, "SENT_PER_HOUR", 1000)
    monkeypatch.setattr(throttle, "ATTEMPTS_PER_HOUR", 1000)
    monkeypatch.setattr(throttle, "OPEN_PER_ADDRESS", 3)
    monkeypatch.setattr(throttle, "OPEN_PER_CLAIM", 4)
    codes = [post(client, GOOD).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert post(client, GOOD, url="/correct/faq/which-is-fastest/").status_code == 429  # per address, any claim
    assert post(client, GOOD, addr="198.51.100.7").status_code == 200  # the claim's fourth
    response = post(client, GOOD, addr="198.51.100.8")
    assert response.status_code == 429 and "many suggestions waiting" in response.content.decode()
    assert Correction.objects.count() == 4
    Correction.objects.update(status=Status.REJECTED, decided_at="2026-01-01T00:00Z")  # triaged: room again
    assert post(client, GOOD, addr="198.51.100.8").status_code == 200


def test_the_form_is_never_cached_and_other_pages_are_not_cleared(client, fixture_content):
    from django.core.cache import caches

    client.get("/faq/")  # stored for everyone
    assert client.get("/faq/").has_header("Age")
    post(client, GOOD)
    assert client.get("/faq/").has_header("Age")  # still served from the cache: nothing was cleared
    assert len(caches["pages"]._cache) and len(caches["process"]._cache)  # LocMemCache's store: not emptied
    assert not client.get(RATING_URL).has_header("Age")


def test_other_methods_are_405(client, fixture_content):
    assert client.put(RATING_URL).status_code == 405
    assert client.delete(RATING_URL).status_code == 405


# --- the public pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, link",
    [
        ("/criteria/async/", "/correct/rating/one/async/"),
        ("/criteria/async/?framework=one", "/correct/rating/one/async/"),  # the matrices' "Why" panel
        ("/frameworks/one/", "/correct/rating/one/async/"),
        ("/frameworks/one/", "/correct/fit/api-backend/one/"),
        ("/use-cases/api-backend/", "/correct/fit/api-backend/two/"),
        ("/pitfalls/", "/correct/pitfall/slow-pages/"),
        ("/faq/", "/correct/faq/which-is-fastest/"),
    ],
)
def test_every_claim_links_to_its_form(client, fixture_content, page, link):
    headers = HTMX if "?framework=" in page else {}
    html = client.get(page, headers=headers).content.decode()
    assert f'href="{link}" hx-get="{link}"' in html
    assert client.get(link).status_code == 200


def test_an_open_correction_is_noted_discreetly_without_its_text(client, fixture_content, correction):
    marker = "A correction is under review"
    for page, headers in [("/criteria/async/", {}), ("/criteria/async/?framework=one", HTMX), ("/frameworks/one/", {})]:
        html = client.get(page, headers=headers).content.decode()
        assert html.count(marker) == 1, page  # One's async cell only
        assert correction.text not in html
    assert marker not in client.get("/frameworks/two/").content.decode()
    correction.status, correction.decided_at = Status.ACCEPTED, "2026-01-01T00:00Z"
    correction.save()
    from django.core.cache import caches

    for alias in ("pages", "process"):  # the note goes when the cached page expires (ADVISOR_PAGE_CACHE_SECONDS)
        caches[alias].clear()
    assert marker not in client.get("/criteria/async/").content.decode()


@pytest.mark.parametrize(
    "kind, framework, entry, page",
    [
        (Kind.FIT, "two", "api-backend", "/use-cases/api-backend/"),
        (Kind.FIT, "one", "api-backend", "/frameworks/one/"),
        (Kind.PITFALL, "", "slow-pages", "/pitfalls/"),
        (Kind.FAQ, "", "which-is-fastest", "/faq/"),
    ],
)
def test_notes_on_fits_pitfalls_and_faq(client, fixture_content, kind, framework, entry, page):
    Correction.objects.create(
        kind=kind, framework_slug=framework, entry_slug=entry, claim="c", content_version="v", text="t",
        source_url="https://example.org/", sender="s",
    )  # fmt: skip
    assert client.get(page).content.decode().count("A correction is under review") == 1


def test_the_pages_queries_do_not_grow_with_corrections(client, fixture_content):
    """One query per page finds the claims under review, however many corrections there are."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = ["/frameworks/one/", "/criteria/async/", "/use-cases/api-backend/", "/pitfalls/", "/faq/"]
    for url in pages:  # what a process builds once and keeps (the engine's snapshot of the content) is built now
        client.get(url)

    def count(url):
        caches["pages"].clear()
        caches["process"].clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    before = {url: count(url) for url in pages}
    targets = [
        (Kind.RATING, "one", "async"), (Kind.RATING, "two", "async"), (Kind.RATING, "one", "admin"),
        (Kind.FIT, "one", "api-backend"), (Kind.FIT, "two", "api-backend"), (Kind.PITFALL, "", "slow-pages"),
        (Kind.PITFALL, "", "blocking-async"), (Kind.FAQ, "", "which-is-fastest"),
    ]  # fmt: skip
    Correction.objects.bulk_create(
        Correction(kind=k, framework_slug=f, entry_slug=e, claim="c", content_version="v", text=f"t{i}",
                   source_url="https://example.org/", sender=f"s{i}")
        for i in range(5) for k, f, e in targets
    )  # fmt: skip
    assert {url: count(url) for url in pages} == before
    assert "A correction is under review" in client.get("/pitfalls/").content.decode()
