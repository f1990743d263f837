"""The matrices: HTMX fragments, URL state, pair canonicalisation, cells opening in place."""

import re

import pytest

from advisor.models import Framework, Rating

HX = {"HX-Request": "true"}


def table(html: str) -> str:
    """The matrix fragment of a page (or of a fragment response)."""
    match = re.search(r'<div id="matrix".*?</table>', html, re.S) or re.search(r'<div id="matrix".*?</p>', html, re.S)
    return match.group(0)


@pytest.fixture
def three(fixture_content):
    """A third framework: same async score as One, a known admin score where One's is unknown."""
    three = Framework.objects.create(
        slug="three", name="Three", tagline="The third.", summary="Third.", server_interface="both", position=2
    )
    Rating.objects.create(framework=three, criterion_id=_criterion("async"), score=5, label="Native")
    Rating.objects.create(framework=three, criterion_id=_criterion("admin"), score=3, label="Add-on")
    return three


def _criterion(slug):
    from advisor.models import Criterion

    return Criterion.objects.get(slug=slug).id


@pytest.mark.parametrize("url", ["/compare/", "/use-cases/", "/compare/one-vs-two/"])
def test_htmx_gets_only_the_table_fragment(client, fixture_content, url):
    full = client.get(url)
    fragment = client.get(url, headers=HX)
    assert full.status_code == fragment.status_code == 200
    for response in (full, fragment):
        assert "HX-Request" in response["Vary"]
    assert "<html" in full.content.decode()
    body = fragment.content.decode().strip()
    assert body.startswith('<div id="matrix"')
    assert "<html" not in body and "<form" not in body and "site-header" not in body
    assert table(full.content.decode()) == table(body)


def test_history_restore_gets_the_full_page(client, fixture_content):
    """htmx's back button (history cache miss) sends HX-Request too; it must get a whole page."""
    response = client.get("/compare/?fw=one", headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_same_query_string_same_table(client, three):
    query = "/compare/?fw=three&fw=one&diff=1&best=1"
    first = table(client.get(query).content.decode())
    second = table(client.get(query).content.decode())
    assert first == second
    # Order and duplicates in the query do not change the table.
    assert table(client.get("/compare/?fw=one&fw=three&fw=one&best=1&diff=1").content.decode()) == first


def test_state_round_trips_through_the_form(client, three):
    html = client.get("/compare/?fw=one&fw=three&diff=1&best=1&cat=team").content.decode()
    assert re.search(r'name="fw" value="one" checked', html)
    assert re.search(r'name="fw" value="three" checked', html)
    assert not re.search(r'name="fw" value="two" checked', html)
    assert re.search(r'name="diff" value="1" checked', html)
    assert re.search(r'name="best" value="1" checked', html)
    assert re.search(r'name="cat" value="team" checked', html)
    assert not re.search(r'name="cat" value="api" checked', html)
    # The canonical link carries the (normalised) state.
    assert (
        'rel="canonical" href="http://testserver/compare/?fw=one&amp;fw=three&amp;cat=team&amp;diff=1"' in html
    )  # best is on by default, so the canonical address leaves it out


def test_best_in_row_is_highlighted_unless_turned_off(client, three):
    assert "Best in row" in table(client.get("/compare/").content.decode())
    off = client.get("/compare/?best=0").content.decode()
    assert "Best in row" not in table(off)
    assert not re.search(r'name="best" value="1" checked', off)
    assert 'rel="canonical" href="http://testserver/compare/?best=0"' in off
    # The form sends a hidden "0" before the checkbox: ticked, the checkbox's "1" comes last and wins.
    assert '<input type="hidden" name="best" value="0">' in off
    ticked = client.get("/compare/?best=0&best=1").content.decode()
    assert "Best in row" in table(ticked) and 'rel="canonical" href="http://testserver/compare/"' in ticked
    assert "Best in row" not in table(client.get("/use-cases/?best=0").content.decode())


def test_htmx_swaps_push_the_canonical_address(client, three):
    response = client.get("/compare/?fw=three&fw=one&best=0&best=1&diff=1", headers=HX)
    assert response["HX-Push-Url"] == "/compare/?fw=one&fw=three&diff=1"
    assert "HX-Request" in response["Vary"]
    assert client.get("/use-cases/?best=0", headers=HX)["HX-Push-Url"] == "/use-cases/?best=0"
    assert client.get("/compare/one-vs-three/?best=0&best=1", headers=HX)["HX-Push-Url"] == "/compare/one-vs-three/"


def test_filters_change_the_rows(client, three):
    everything = client.get("/compare/").content.decode()
    assert "/criteria/async/" in table(everything) and "/criteria/admin/" in table(everything)
    assert ">Three<" in table(everything)
    one_three = table(client.get("/compare/?fw=one&fw=three").content.decode())
    assert ">Two<" not in one_three
    differ = table(client.get("/compare/?fw=one&fw=three&diff=1").content.decode())
    assert "/criteria/admin/" in differ  # unknown vs 3: differs
    assert "/criteria/async/" not in differ  # 5 and 5: same
    api_only = table(client.get("/compare/?cat=api").content.decode())
    assert "/criteria/async/" in api_only and "/criteria/admin/" not in api_only


def test_cells_show_icon_and_text_and_markers(client, three):
    html = table(client.get("/compare/?best=1").content.decode())
    assert '<span class="score-text">5 of 5</span>' in html
    assert '<span class="score-text">Unknown</span>' in html  # One's admin: unknown, not zero
    assert "Disputed" in html  # Two's async
    assert "Best in row" in html
    assert 'aria-hidden="true">●●●●●</span>' in html
    # Each cell links to the criterion page and opens its evidence in place with htmx.
    assert 'href="/criteria/async/#fw-two" hx-get="/criteria/async/?framework=two"' in html


def test_cell_detail_fragment(client, fixture_content):
    response = client.get("/criteria/async/?framework=two", headers=HX)
    body = response.content.decode()
    assert "HX-Request" in response["Vary"]
    assert "<html" not in body
    assert "Async views exist but are limited." in body and "Sync only." in body
    assert "One" not in body
    assert client.get("/criteria/async/?framework=nope", headers=HX).status_code == 404
    # Without htmx the same address is the whole criterion page.
    assert "<html" in client.get("/criteria/async/?framework=two").content.decode()


def test_use_case_matrix(client, three):
    html = table(client.get("/use-cases/?best=1").content.decode())
    assert "Best fit" in html and "Possible" in html
    assert "Unknown" in html  # Three has no fit recorded
    differ = client.get("/use-cases/?fw=one&diff=1").content.decode()
    assert "Showing 0 of 1 use cases" in differ


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/compare/two-vs-one/", "/compare/one-vs-two/"),
        ("/compare/three-vs-one-vs-two/", "/compare/one-vs-two-vs-three/"),
        ("/compare/two-vs-three-vs-one/?diff=1", "/compare/one-vs-two-vs-three/?diff=1"),
    ],
)
def test_pair_urls_redirect_permanently_to_the_canonical_order(client, three, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_pair_page(client, three):
    html = client.get("/compare/one-vs-three/").content.decode()
    assert "<h1>One vs Three</h1>" in html
    assert ">Two<" not in table(html)
    assert 'name="fw"' not in html  # the path names the frameworks
    assert "Where they differ most" not in html or "Admin interface" in html
    html = client.get("/compare/one-vs-two/").content.decode()
    assert "One or Two, per Alpha" in html  # the seeds' verdicts
    assert "Where they differ most" in html  # async: 5 vs 1


def test_pair_page_filters_keep_the_pair(client, three):
    response = client.get("/compare/one-vs-three/?diff=1", headers=HX)
    body = response.content.decode()
    assert ">Two<" not in body
    assert "/criteria/admin/" in body and "/criteria/async/" not in body


def test_pair_page_lists_where_each_framework_is_ahead_both_ways(shipped_content, client):
    """Issue 26: "where they differ most" listed only one framework's advantages. Flask is ahead of Django on a few
    criteria (learning curve, flexibility: content/ratings) and Django on many; both sides are listed."""
    html = client.get("/compare/flask-vs-django/").content.decode()
    ahead = html.split('<ul class="ahead">', 1)[1].split("</ul>", 1)[0]
    flask, django = ahead.split("<li>")[1:3]
    assert flask.startswith("<strong>Flask</strong>") and "/criteria/learning-curve/" in flask
    assert django.startswith("<strong>Django</strong>") and "/criteria/admin/" in django
    assert "ahead on no criterion" not in ahead
