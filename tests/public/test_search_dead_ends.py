"""Search without dead ends (issue #27): a group that shows only its first hits links to all of them, a
hyphenated name finds its framework, and "X vs Y" finds both and links to their head-to-head page."""

import pytest

from advisor import search

pytestmark = pytest.mark.django_db


def test_a_cut_group_links_to_all_its_hits(client, shipped_content):
    page = client.get("/search/", {"q": "websockets"}).content.decode()
    frameworks = next(g for g in search.search(search.clean_query("websockets")).groups if g.kind.key == "frameworks")
    assert frameworks.more > 0, "the shipped content no longer cuts this group; pick a broader word"
    assert f"All {frameworks.total} frameworks for “websockets”" in page
    assert 'href="?q=websockets&amp;kind=frameworks"' in page

    everything = client.get("/search/", {"q": "websockets", "kind": "frameworks"}).content.decode()
    # aiohttp and Tornado, whose taglines are about WebSockets, were among the hidden ones.
    assert 'href="/frameworks/aiohttp/"' in everything
    assert 'href="/frameworks/tornado/"' in everything
    assert everything.count('href="/frameworks/') >= frameworks.total
    assert 'href="?q=websockets"' in everything  # back to every kind
    assert 'id="kind-criteria"' not in everything


def test_an_unknown_kind_shows_every_kind(client, shipped_content):
    page = client.get("/search/", {"q": "websockets", "kind": "nonsense"}).content.decode()
    assert 'id="kind-frameworks"' in page and 'id="kind-criteria"' in page


@pytest.mark.parametrize("text", ["django-ninja", "Django-Ninja"])
def test_a_hyphenated_name_finds_the_framework(shipped_content, text):
    hits = next(g for g in search.search(search.clean_query(text)).groups if g.kind.key == "frameworks").hits
    assert hits and hits[0].title == "Django Ninja"


def test_x_vs_y_finds_both_and_links_their_head_to_head_page(client, shipped_content):
    results = search.search(search.clean_query("fastapi vs django"))
    assert results.total > 0
    page = client.get("/search/", {"q": "fastapi vs django"}).content.decode()
    assert "Compare Django and FastAPI side by side" in page or "Compare FastAPI and Django side by side" in page
    assert client.get("/compare/fastapi-vs-django/").status_code in (200, 301)
    assert "/compare/" in page.split("search-compare")[1][:80]


def test_one_framework_named_offers_no_comparison(client, shipped_content):
    assert "search-compare" not in client.get("/search/", {"q": "django admin"}).content.decode()
