"""The matrices and head-to-head pages with twelve published frameworks: a default selection with a picker,
the selection in the URL, group addresses in canonical order, and a sitemap of pairs only."""

import re

import pytest

from advisor import versioning
from advisor.models import Framework, Status
from tests.public.test_public_compare import HX, table
from tests.public.test_public_sitemap import locations
from tests.support.many_frameworks import grow_frameworks

# The fixture content's One and Two, then copies alternating One's and Two's ratings and fits.
ORDER = ["one", "two", *[f"{'one' if i % 2 else 'two'}-copy-{i}" for i in range(1, 11)]]
FIRST_FIVE = ORDER[:5]
# api-backend: One (and its copies) is the best fit, Two possible; the leaders are five of One's, in order.
API_LEADERS = ["one", "one-copy-1", "one-copy-3", "one-copy-5", "one-copy-7"]


@pytest.fixture
def twelve(fixture_content):
    frameworks = grow_frameworks(12)
    assert [f.slug for f in frameworks] == ORDER
    return frameworks


def columns(html: str) -> list[str]:
    head = re.search(r"<thead>.*?</thead>", table(html), re.S).group(0)
    return re.findall(r'<a href="/frameworks/([^/]+)/">', head)


def checked(html: str) -> list[str]:
    return re.findall(r'name="fw" value="([^"]+)" checked', html)


def canonical(html: str) -> str:
    return re.search(r'rel="canonical" href="http://testserver([^"]*)"', html).group(1).replace("&amp;", "&")


@pytest.mark.parametrize("url", ["/compare/", "/use-cases/"])
def test_without_a_selection_the_first_five_are_shown_and_the_page_says_so(client, twelve, url):
    html = client.get(url).content.decode()
    assert columns(html) == FIRST_FIVE
    assert checked(html) == FIRST_FIVE  # the picker shows what the table shows
    assert canonical(html) == url
    note = re.search(r'<p class="selection-note">.*?</p>', html, re.S).group(0)
    assert "The guide covers 12 frameworks; this table shows 5" in note
    assert "the first 5 in the guide's order" in note
    everything = "?" + "&".join(f"fw={slug}" for slug in ORDER)
    assert f'href="{url}{everything.replace("&", "&amp;")}">show all 12</a>' in note
    assert columns(client.get(url + everything).content.decode()) == ORDER
    assert '<select id="use-case-picker" name="use_case">' in html


@pytest.mark.parametrize("url", ["/compare/", "/use-cases/"])
def test_a_use_case_starts_from_its_leaders(client, twelve, url):
    html = client.get(f"{url}?use_case=api-backend").content.decode()
    assert columns(html) == API_LEADERS
    assert checked(html) == API_LEADERS
    assert canonical(html) == f"{url}?use_case=api-backend"
    assert 'that fit <a href="/use-cases/api-backend/">API backend</a> best' in html
    assert '<option value="api-backend" selected>' in html
    fragment = client.get(f"{url}?best=0&use_case=api-backend", headers=HX)
    assert fragment["HX-Push-Url"] == f"{url}?use_case=api-backend&best=0"
    assert columns(fragment.content.decode()) == API_LEADERS


def test_an_explicit_selection_wins_and_stays_in_the_url(client, twelve):
    html = client.get("/compare/?fw=two-copy-10&fw=one&use_case=api-backend").content.decode()
    assert columns(html) == ["one", "two-copy-10"]
    assert canonical(html) == "/compare/?fw=one&fw=two-copy-10"  # use_case does not apply any more
    assert "selection-note" not in html
    # Choosing exactly the default five is the default view.
    five = "&".join(f"fw={slug}" for slug in reversed(FIRST_FIVE))
    assert canonical(client.get(f"/compare/?{five}").content.decode()) == "/compare/"
    # htmx swaps push the canonical address of the explicit state.
    response = client.get("/compare/?fw=one-copy-3&fw=two&best=0", headers=HX)
    assert response["HX-Push-Url"] == "/compare/?fw=two&fw=one-copy-3&best=0"


def test_unknown_or_draft_use_case_is_ignored(client, twelve):
    html = client.get("/compare/?use_case=nope").content.decode()
    assert columns(html) == FIRST_FIVE and canonical(html) == "/compare/"
    from advisor.models import UseCase

    UseCase.objects.filter(slug="api-backend").update(status=Status.DRAFT)
    html = client.get("/compare/?use_case=api-backend").content.decode()
    assert columns(html) == FIRST_FIVE and canonical(html) == "/compare/"


def test_the_picker_keeps_the_display_options(client, twelve):
    html = client.get("/compare/?cat=team&diff=1&best=0").content.decode()
    picker = re.search(r'<form class="controls picker".*?</form>', html, re.S).group(0)
    assert '<input type="hidden" name="cat" value="team">' in picker
    assert '<input type="hidden" name="diff" value="1">' in picker
    assert '<input type="hidden" name="best" value="0">' in picker
    assert 'name="fw"' not in picker


def test_few_frameworks_show_them_all_without_a_picker(client, fixture_content):
    html = client.get("/compare/?use_case=api-backend").content.decode()
    assert columns(html) == ["one", "two"]
    assert "use-case-picker" not in html and "selection-note" not in html
    assert canonical(html) == "/compare/"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/compare/two-copy-10-vs-one/", "/compare/one-vs-two-copy-10/"),
        ("/compare/one-copy-9-vs-two-vs-one-copy-1-vs-one/", "/compare/one-vs-two-vs-one-copy-1-vs-one-copy-9/"),
        ("/compare/two-copy-8-vs-one-copy-7-vs-two-copy-6-vs-one-copy-5-vs-two/?diff=1",
         "/compare/two-vs-one-copy-5-vs-two-copy-6-vs-one-copy-7-vs-two-copy-8/?diff=1"),
    ],
)  # fmt: skip
def test_any_group_redirects_to_its_canonical_order(client, twelve, url, target):
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == target
    page = client.get(target)
    assert page.status_code == 200
    chosen = target.split("?")[0].removeprefix("/compare/").removesuffix("/").split("-vs-")
    assert columns(page.content.decode()) == chosen
    assert "use-case-picker" not in page.content.decode() and "selection-note" not in page.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/compare/one-vs-nope/",
        "/compare/one-vs-one/",
        "/compare/one/",
        "/compare/one-vs-two-vs-one-copy-1-vs-two-copy-2-vs-one-copy-3-vs-two-copy-4/",  # six: use ?fw=
        "/compare/one-vs-two-vs/",
    ],
)
def test_bad_groups_are_404(client, twelve, url):
    assert client.get(url).status_code == 404


def test_drafts_are_not_comparable_by_address(client, twelve):
    Framework.objects.filter(slug="one-copy-1").update(status=Status.DRAFT)
    assert client.get("/compare/one-vs-one-copy-1/").status_code == 404


def test_sitemap_lists_every_pair_and_no_group(client, twelve):
    pages = {p for p in locations(client) if p.startswith("/compare/") and p != "/compare/"}
    pairs = {f"/compare/{a}-vs-{b}/" for i, a in enumerate(ORDER) for b in ORDER[i + 1 :]}
    assert pages == pairs and len(pages) == 66


MATRIX_PAGES = [
    "/compare/",
    "/compare/?use_case=api-backend",
    "/compare/?fw=one&fw=two-copy-10&diff=1",
    "/compare/one-vs-two-vs-one-copy-1/",
    "/use-cases/",
    "/use-cases/?use_case=api-backend&best=0",
]


def _count(client, url: str, headers=None) -> int:
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for alias in settings.CACHES:  # every cache, the page cache's too: count a page rendered, not served
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers or {}).status_code == 200, url
    # The content-version read is the site's (the page cache's design decides when it happens), not the page's.
    return len([q for q in queries if "advisor_contentversion" not in q["sql"]])


def test_matrix_query_counts_do_not_grow_with_the_frameworks(client, twelve):
    """The same number of queries at 12 and at 24 frameworks, every one shown or the default five."""
    everything = "/compare/?" + "&".join(f"fw={f.slug}" for f in twelve)
    urls = [*MATRIX_PAGES, everything]
    versioning.current()  # the digest is computed once after a change; pages then read one row
    at_twelve = {url: _count(client, url) for url in urls}
    at_twelve_htmx = {url: _count(client, url, HX) for url in MATRIX_PAGES}
    grow_frameworks(24)
    versioning.current()
    assert {url: _count(client, url) for url in urls} == at_twelve
    assert {url: _count(client, url, HX) for url in MATRIX_PAGES} == at_twelve_htmx
    # Pinned, the page's own queries. /compare/: frameworks, criteria, ratings and the picker's use cases; a
    # use case adds its fits; a group page has no picker but reads the verdicts; /use-cases/ reads frameworks,
    # use cases (shared with the picker) and fits.
    assert at_twelve == {**dict.fromkeys(urls, 4), **PINNED}
    assert at_twelve_htmx == {url: at_twelve[url] for url in MATRIX_PAGES}


PINNED = {
    "/compare/?use_case=api-backend": 5,
    "/compare/one-vs-two-vs-one-copy-1/": 5,
    "/use-cases/": 3,
    "/use-cases/?use_case=api-backend&best=0": 4,
}


def test_a_use_case_page_links_to_its_leaders_side_by_side(client, twelve):
    html = client.get("/use-cases/api-backend/").content.decode()
    assert '<a href="/compare/?use_case=api-backend">Compare the frameworks that fit best' in html


def test_with_few_frameworks_the_use_case_page_has_no_such_link(client, fixture_content):
    assert "?use_case=" not in client.get("/use-cases/api-backend/").content.decode()
