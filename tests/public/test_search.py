"""Site search: grouped results on the shipped content, published only, both database paths, the htmx
fragment, a pinned query count, hostile input, and the header form on every page."""

import re

import pytest
from django.db import connection

from advisor import search
from advisor.models import FAQ, Framework, Pitfall, Status

from .test_public_pages import PAGES

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


def hits(results: search.Results, key: str) -> list[str]:
    return next(g for g in results.groups if g.kind.key == key).hits


def titles(results: search.Results, key: str) -> list[str]:
    return [hit.title for hit in hits(results, key)]


def framework(slug: str, name: str, **fields) -> Framework:
    fields = {"tagline": "t", "summary": "s", "server_interface": "wsgi", **fields}
    return Framework.objects.create(slug=slug, name=name, **fields)


def run(text: str) -> search.Results:
    return search.search(search.clean_query(text))


def test_a_framework_name_finds_its_profile_first(shipped_content):
    results = run("flask")
    assert titles(results, "frameworks")[0] == "Flask"
    assert hits(results, "frameworks")[0].url == "/frameworks/flask/"
    # Flask is discussed well beyond its profile: pitfalls and FAQ entries name it too.
    assert titles(results, "pitfalls")
    assert titles(results, "faq")


def test_results_come_grouped_by_kind_with_links_and_counts(shipped_content):
    results = run("async")
    assert [g.kind.key for g in results.groups] == ["frameworks", "criteria", "use_cases", "pitfalls", "faq"]
    assert "Blocking calls inside async handlers" in titles(results, "pitfalls")
    pitfall = next(h for h in hits(results, "pitfalls") if h.title == "Blocking calls inside async handlers")
    assert pitfall.url == "/pitfalls/blocking-in-async/" or pitfall.url.startswith("/pitfalls/#")
    for group in results.groups:
        assert len(group.hits) <= search.PER_KIND
        assert group.total >= len(group.hits)
    assert results.total == sum(g.total for g in results.groups) > 0


def test_faq_questions_are_searched(shipped_content):
    assert "Which framework is best for an MVP?" in titles(run("MVP"), "faq")


def test_a_name_holding_more_of_the_words_comes_first(shipped_content):
    # Flask's long profile mentions Django and admins often; the name decides first on either database.
    assert titles(run("django admin"), "frameworks")[0] == "Django"
    assert titles(run("admin django"), "pitfalls")[0] == "Models missing from the Django admin"


def test_every_word_must_match(shipped_content):
    assert titles(run("admin"), "frameworks")
    assert not run("admin zzzqqq").total


def test_only_published_entries_are_found(shipped_content, admin_client):
    Framework.objects.filter(slug="flask").update(status=Status.DRAFT)
    FAQ.objects.filter(slug="best-for-mvp").update(status=Status.DRAFT)
    assert "Flask" not in titles(run("flask"), "frameworks")
    assert "Which framework is best for an MVP?" not in titles(run("MVP"), "faq")
    # Staff preview drafts on their pages, but search lists the public guide only.
    page = admin_client.get("/search/", {"q": "flask"}).content.decode()
    assert 'href="/frameworks/flask/"' not in page


def test_results_per_kind_are_capped_and_counted(fixture_content):
    for i in range(search.PER_KIND + 3):
        Pitfall.objects.create(slug=f"trap-{i}", title=f"Trap {i}", symptom="Zebra symptom.", cause="c", fix="f")
    group = next(g for g in run("zebra").groups if g.kind.key == "pitfalls")
    assert len(group.hits) == search.PER_KIND
    assert group.total == search.PER_KIND + 3
    assert group.more == 3


def test_fallback_puts_name_hits_before_summary_and_body_hits(fixture_content):
    """The SQLite branch (containment), called directly so both databases check it."""
    framework("body", "Aaa", history="Quokka.")
    framework("tag", "Bbb", tagline="The quokka one.")
    framework("name", "Quokka")
    kind = search.KINDS[0]
    found = search._fallback(Framework.objects.published(), kind, search.clean_query("QUOKKA"))
    assert [f.slug for f in found] == ["name", "tag", "body"]
    # Every word must occur somewhere (in any field); case does not matter.
    both = search._fallback(Framework.objects.published(), kind, search.clean_query("quokka ONE"))
    assert [f.slug for f in both] == ["tag"]


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL full-text search: CI runs the suite on PostgreSQL too")
def test_postgres_full_text_search_stems_weights_and_parses_web_syntax(fixture_content):
    framework("body", "Aaa", history="Scaling.")
    framework("tag", "Bbb", tagline="Scales well.")
    kind = search.KINDS[0]

    def slugs(text):
        return [f.slug for f in search._postgres(Framework.objects.published(), kind, search.clean_query(text))]

    assert slugs("scale") == ["tag", "body"]  # stemmed; the tagline (B) outranks the history (C)
    assert slugs("scale -well") == ["body"]  # web syntax: a minus leaves a word out
    assert slugs('"scales well"') == ["tag"]  # a phrase in quotes
    assert search.search(search.clean_query("scale")).groups[0].total == 2


@pytest.mark.skipif(POSTGRES, reason="the SQLite fallback is what search() uses on SQLite")
def test_sqlite_uses_the_containment_fallback(fixture_content):
    framework("tag", "Bbb", tagline="Scales well.")
    # Containment, not stemming: "scale" is inside "Scales", "scaling" is not.
    assert titles(run("scale"), "frameworks") == ["Bbb"]
    assert titles(run("scaling"), "frameworks") == []


def test_a_half_typed_name_finds_the_framework_on_either_database(shipped_content):
    assert titles(run("fla"), "frameworks")[0] == "Flask"


def test_snippet_marks_the_words_and_cuts_around_the_first_match():
    text = "word " * 80 + "the Quokka lives here " + "tail " * 80
    pieces = search.snippet(["", text], ["quokka"], length=60)
    joined = "".join(t for t, _ in pieces)
    assert joined.startswith("… ") and joined.endswith(" …")
    assert ("Quokka", True) in pieces
    assert len(joined) <= 60 + 4
    assert search.snippet(["Plain start."], ["absent"]) == [("Plain start.", False)]


def test_markdown_becomes_plain_text_in_snippets():
    assert search.plain_text("**Bold** and [a link](https://example.com) &amp; `code`") == "Bold and a link & code"


def test_search_page_groups_hits_with_links_snippets_and_counts(client, shipped_content):
    response = client.get("/search/", {"q": "async"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"\d+ results for <strong>async</strong>", html)
    assert '<h2 id="kind-pitfalls-heading">Pitfalls <span class="muted">(' in html
    assert "<mark>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="canonical" href="http://testserver/search/?q=async">' in html
    # Kinds appear in a fixed order.
    order = [html.index(f'id="kind-{key}"') for key in ("frameworks", "criteria", "pitfalls")]
    assert order == sorted(order)


def test_an_empty_query_shows_the_form_and_a_helpful_sentence(client, fixture_content):
    html = client.get("/search/").content.decode()
    assert 'id="search-q"' in html
    assert "Type a framework, a concern or a question" in html
    assert 'class="search-summary"' not in html
    assert '<meta name="robots" content="noindex">' in html
    html = client.get("/search/", {"q": "   "}).content.decode()
    assert "Type a framework, a concern or a question" in html


def test_nothing_found_says_so(client, fixture_content):
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "Nothing matches <strong>zzzqqq</strong>" in html


def test_htmx_gets_the_results_fragment(client, shipped_content):
    response = client.get("/search/", {"q": "flask"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<p class="search-summary" role="status">')  # swapped into #search-results
    assert "<html" not in html and 'href="/frameworks/flask/"' in html
    assert "HX-Request" in response["Vary"]
    full = client.get("/search/", {"q": "flask"}).content.decode()
    assert "<html" in full and 'hx-push-url="true"' in full


def test_search_runs_one_query_per_kind_whatever_the_content(client, shipped_content, django_assert_num_queries):
    query = search.clean_query("django admin")
    with django_assert_num_queries(len(search.KINDS)):
        small = search.search(query)
    # The page adds only the site's own two (the page cache's content version and the footer's; see
    # tests/test_public_queries.py), and an empty search page none of its own.
    with django_assert_num_queries(len(search.KINDS) + 2, exact=False):
        client.get("/search/", {"q": "django admin"})
    with django_assert_num_queries(2, exact=False):
        client.get("/search/")
    for i in range(30):
        Pitfall.objects.create(slug=f"admin-{i}", title=f"Admin {i}", symptom="Django admin.", cause="c", fix="f")
        FAQ.objects.create(slug=f"admin-{i}", question=f"Admin {i}?", answer="Django admin.")
    with django_assert_num_queries(len(search.KINDS)):
        large = search.search(query)
    assert large.total == small.total + 60
    with django_assert_num_queries(0):
        search.search(search.clean_query("?!"))  # nothing searchable: no query at all


HOSTILE = [
    "",
    "a" * 10_000,
    "\x00",
    "nul\x00in the middle",
    "'; DROP TABLE advisor_framework; --",
    '"',
    '"""',
    "- - -",
    "-flask",
    "or",
    "!:*&|()<>",
    "flask & (django | !fastapi):*",
    "%_%",
    "\\",
    "🙂🚀",
    "\u202eevil\u202c",
    "ＤＪＡＮＧＯ",
    "日本語 フレームワーク",
    "<script>alert(1)</script>",
    "word " * 500,
    "\ufeff\u200b",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_fail(client, fixture_content, text):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get("/search/", {"q": text}, headers=headers)
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%FF%FE", "q=%", "q=a&q=b", "q[]=x", "q=" + "%00" * 50])
def test_malformed_query_strings_never_fail(client, fixture_content, raw):
    assert client.get("/search/?" + raw).status_code == 200


def test_a_long_query_is_cut_and_the_page_says_so(client, fixture_content):
    html = client.get("/search/", {"q": "x" * 500}).content.decode()
    assert f"cut to its first {search.MAX_QUERY_LENGTH} characters" in html
    assert search.clean_query("x" * 500) == search.Query("x" * search.MAX_QUERY_LENGTH, cut=True)
    assert search.clean_query("  a\x00b \t\n c ") == search.Query("ab c")


def test_only_get_and_head(client, fixture_content):
    assert client.post("/search/", {"q": "x"}).status_code == 405
    assert client.head("/search/?q=flask").status_code == 200


@pytest.mark.parametrize("url", [*PAGES, "/search/?q=flask"])
def test_every_page_has_the_header_search_form(client, fixture_content, url):
    html = client.get(url).content.decode()
    form = re.search(
        r'<form class="site-search" role="search"[^>]*action="/search/" method="get">(.*?)</form>', html, re.S
    )
    assert form, url
    assert '<label for="site-search-q"' in form.group(1)
    assert 'id="site-search-q" name="q"' in form.group(1)


def test_search_stays_out_of_the_sitemap_and_robots_lets_crawlers_see_its_noindex(client, fixture_content):
    assert "/search/" not in client.get("/sitemap.xml").content.decode()
    # A Disallow would hide the noindex meta from crawlers, so the page must stay crawlable.
    assert "/search" not in client.get("/robots.txt").content.decode()
