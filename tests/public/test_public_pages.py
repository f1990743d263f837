"""Every public page type: 200 when published, 404 for drafts and unknown slugs, staff previews, page metadata."""

import re

import pytest
from django.views.defaults import server_error

from advisor.models import Criterion, Framework, Source, Status, UseCase

PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/one/",
    "/criteria/",
    "/criteria/async/",
    "/compare/",
    "/compare/one-vs-two/",
    "/use-cases/",
    "/use-cases/api-backend/",
    "/sources/",
    "/sources/alpha-article/",
    "/pitfalls/",
    "/faq/",
]

DETAIL = [
    (Framework, "one", "/frameworks/one/"),
    (Criterion, "async", "/criteria/async/"),
    (UseCase, "api-backend", "/use-cases/api-backend/"),
    (Source, "beta-docs", "/sources/beta-docs/"),
]


@pytest.mark.parametrize("url", PAGES)
def test_published_pages_render(client, fixture_content, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # Every page: its own title and description, a canonical link, preview tags and the content version.
    assert re.search(r"<title>[^<]+ · Framework Advisor</title>", html)
    assert '<meta name="description" content="' in html
    assert f'<link rel="canonical" href="http://testserver{url}' in html
    assert '<meta property="og:title"' in html
    assert '<meta name="twitter:card"' in html
    assert 'class="version"' in html
    assert "Skip to content" in html


def test_titles_and_descriptions_differ_between_pages(client, fixture_content):
    titles, descriptions = set(), set()
    for url in PAGES:
        html = client.get(url).content.decode()
        titles.add(re.search(r"<title>([^<]+)</title>", html).group(1))
        descriptions.add(re.search(r'<meta name="description" content="([^"]+)"', html).group(1))
    assert len(titles) == len(PAGES)
    assert len(descriptions) >= len(PAGES) - 1  # home uses the site's default description


@pytest.mark.parametrize(
    "url",
    [
        "/frameworks/nope/",
        "/criteria/nope/",
        "/use-cases/nope/",
        "/sources/nope/",
        "/compare/one-vs-nope/",
        "/compare/one-vs-one/",
        "/compare/one/",
        "/compare/one-vs-two-vs-three-vs-four/",
        "/no-such-page/",
    ],
)
def test_unknown_slugs_are_404(client, fixture_content, url):
    response = client.get(url)
    assert response.status_code == 404
    # The styled 404 page: the site's layout and a way back.
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html


@pytest.mark.parametrize(("model", "slug", "url"), DETAIL)
def test_drafts_are_404_for_the_public(client, fixture_content, model, slug, url):
    model.objects.filter(slug=slug).update(status=Status.DRAFT)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("model", "slug", "url"), DETAIL)
def test_staff_preview_drafts_with_a_banner(curator_client, fixture_content, model, slug, url):
    model.objects.filter(slug=slug).update(status=Status.DRAFT)
    response = curator_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="draft-banner"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_published_pages_have_no_draft_banner(curator_client, fixture_content):
    assert 'class="draft-banner"' not in curator_client.get("/frameworks/one/").content.decode()


def test_drafts_are_absent_from_lists_and_matrices(client, fixture_content):
    Framework.objects.filter(slug="two").update(status=Status.DRAFT)
    Criterion.objects.filter(slug="admin").update(status=Status.DRAFT)
    UseCase.objects.filter(slug="api-backend").update(status=Status.DRAFT)
    Source.objects.filter(slug="beta-docs").update(status=Status.DRAFT)
    for url in ["/", "/frameworks/", "/compare/", "/use-cases/", "/frameworks/one/", "/criteria/async/"]:
        html = client.get(url).content.decode()
        assert "/frameworks/two/" not in html, url
        assert ">Two<" not in html, url
        assert "/criteria/admin/" not in html, url
    assert "/use-cases/api-backend/" not in client.get("/use-cases/").content.decode()
    assert "/sources/beta-docs/" not in client.get("/sources/").content.decode()
    # A pair page naming a draft framework is a 404 too.
    assert client.get("/compare/one-vs-two/").status_code == 404


def test_staff_see_drafts_in_lists_marked_as_drafts(curator_client, fixture_content):
    Framework.objects.filter(slug="two").update(status=Status.DRAFT)
    for url in ["/frameworks/", "/compare/", "/use-cases/", "/"]:
        html = curator_client.get(url).content.decode()
        assert "/frameworks/two/" in html, url
        assert ">draft<" in html, url


def test_framework_page_shows_the_whole_profile(client, fixture_content):
    html = client.get("/frameworks/one/").content.decode()
    assert "<strong>tests</strong>" in html  # summary Markdown rendered
    assert 'class="highlight"' in html  # Pygments, with classes
    assert "style=" not in html  # CSP: no inline styles anywhere
    # the chart: names and values as text beside the bars, which are decoration
    assert (
        'class="chart category-chart"' in html and '<span class="bar-value">' in html and 'aria-hidden="true"' in html
    )
    assert "Requests per second" in html  # benchmark figures
    assert "not our measurement." in html  # with their caveats
    assert "Blocking calls in async handlers" in html  # pitfalls
    assert "From Two to One" in html  # migration paths
    assert "API backend" in html  # use-case fits
    assert "Alpha article" in html  # sources
    assert "Unknown" in html  # an unknown score is its own state, not zero
    assert "/compare/one-vs-two/" in html


def test_criterion_page_shows_disputed_cells_side_by_side(client, fixture_content):
    html = client.get("/criteria/async/").content.decode()
    assert 'id="fw-one"' in html and 'id="fw-two"' in html
    assert "Disputed" in html
    assert "Supports 2 of 5" in html and "Supports 1 of 5" in html
    assert "Async section" in html


def test_unknown_is_never_shown_as_zero(client, fixture_content):
    html = client.get("/criteria/admin/").content.decode()
    assert "Unknown" in html
    assert "0 of 5" not in html


def test_use_case_page_links_to_a_prefilled_guide(client, fixture_content):
    html = client.get("/use-cases/api-backend/").content.decode()
    assert 'href="/guide/?project=api"' in html
    assert "Best fit" in html and "Fast and typed." in html


def test_source_page_shows_what_it_supports_and_disagreements(client, fixture_content):
    html = client.get("/sources/alpha-article/").content.decode()
    assert "Two on Async support" in html
    assert "Other sources disagree" in html
    assert "Beta documentation" in html
    assert "One or Two, per Alpha" in html


def test_pitfalls_and_faq(client, fixture_content):
    html = client.get("/pitfalls/").content.decode()
    assert 'id="blocking-async"' in html and 'id="pool-exhaustion"' in html
    html = client.get("/faq/").content.decode()
    assert 'id="which-is-fastest"' in html and 'id="one-plus-two"' in html


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_500_page_renders_without_request_or_database(rf):
    """No db fixture here: any database access would raise. Django's handler renders it without context."""
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "site.css" in html


def test_non_get_methods_are_refused(client, fixture_content):
    assert client.post("/compare/").status_code == 405
    assert client.post("/frameworks/one/").status_code == 405


def test_bad_query_input_is_not_a_500(client, fixture_content):
    for query in ["?fw=%00", "?fw=" + "x" * 5000, "?diff=maybe&best[]=1", "?cat=nope&fw=nope"]:
        assert client.get("/compare/" + query).status_code == 200
        assert client.get("/use-cases/" + query).status_code == 200
    assert client.get("/compare/?" + "&".join(f"fw={i}" for i in range(500))).status_code == 400


def test_a_framework_page_says_when_the_guide_recommends_it(shipped_content, client):
    """Issue 26: every framework has a case, or its page says why not (tests/engine/test_scenarios.py)."""
    django = client.get("/frameworks/django/").content.decode()
    section = django.split('id="recommended"', 1)[1].split("</section>", 1)[0]
    assert "ranks Django first for" in section and "CMS with many tables and an admin" in section
    robyn = client.get("/frameworks/robyn/").content.decode()
    section = robyn.split('id="recommended"', 1)[1].split("</section>", 1)[0]
    assert "first only for a team that already runs it" in section
    # since the lab measures all fifteen (issue 24) every Robyn cell is rated, so the page names nothing unrated
    assert "are not rated" not in section and "is not rated" not in section
