"""Result permalinks: the page, the JSON form, the decision record, immutability and "changed since"."""

import pytest
from django.core.cache import caches
from django.utils.cache import get_cache_key

from advisor import results, snapshot
from advisor.models import Rating, Relation, Result

ANSWERS = {"project": "api", "admin": "essential"}


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    snapshot.clear_cache()
    yield
    snapshot.clear_cache()


@pytest.fixture
def result(fixture_content, client):
    location = client.post("/guide/", ANSWERS)["Location"]
    return Result.objects.get(slug=location.strip("/").split("/")[-1])


def test_result_page_shows_the_ranking_reasons_and_answers(result, client):
    response = client.get(f"/r/{result.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>One</h1>" in html
    score = results.outcome_of(result)["ranking"][0]["score"]
    assert f'<rect class="bar-fill" width="{score:.1f}"' in html  # SVG bar with its text
    assert "The full breakdown, answer by answer" in html
    # Reasons in the questions' own wording, never as slugs.
    assert "because you answered “What are you building?” An API" in html
    assert '“Do you need an admin?” <span class="choice-label">Essential</span>' in html
    assert "admin = essential" not in html and "admin=essential</" not in html and "admin=essential," not in html
    assert "Ranking rule: frameworks that meet all your must-haves come first" in html
    assert "/guide/how-it-works/" in html
    assert "change this answer" in html
    assert "/guide/?project=api&amp;admin=essential&amp;step=admin" in html
    assert "Download as a decision record" in html and f"/r/{result.slug}.md" in html
    assert 'class="copy-link"' in html and "guide.js" in html
    assert "Blocking calls in async handlers" in html  # a pitfall linked to project=api
    # Link previews name the winner.
    assert '<meta property="og:title" content="One is the recommendation">' in html
    assert f"One ranks first ({score:g}/100)" in html
    assert "style=" not in html.split("<main", 1)[1]  # CSP: no inline styles


def test_result_page_shows_every_weight_and_rating_behind_the_scores(result, client):
    import re

    html = client.get(f"/r/{result.slug}/").content.decode()
    section = html.split('class="breakdown"', 1)[1].split("</details>", 1)[0]
    assert re.search(r'<th scope="col">One</th><th scope="col">Two</th>', section)
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)', section))
    # Async: base 1 at a quarter + 2 (project=api). Admin: 0.125 + 3 (admin=essential) would outweigh every other
    # criterion together, and it is not a must-have here, so it is capped at the rest (2.25).
    assert rows == {"Admin interface": "2.25", "Async support": "2.25"}
    assert "<td>unknown" in section  # One's admin rating: unknown, shown as such


def test_a_negative_weight_delta_is_refused(fixture_content):
    """Issue 13: an answer may raise a criterion's weight, never lower it (a named check constraint)."""
    from django.db import IntegrityError

    from advisor.models import Choice, Criterion, Weight

    no_admin = Choice.objects.get(question__slug="admin", slug="no")
    with pytest.raises(IntegrityError, match="weight_delta_not_negative"):
        Weight.objects.create(choice=no_admin, criterion=Criterion.objects.get(slug="admin"), delta=-1.0)


def test_a_result_stored_without_the_breakdown_still_renders(result, client):
    Result.objects.filter(pk=result.pk).update(outcome={**results.outcome_of(result), "weights": []})
    response = client.get(f"/r/{result.slug}/")
    assert response.status_code == 200
    assert "score-table" not in response.content.decode()


def test_unknown_slug_is_404(fixture_content, client):
    assert client.get("/r/doesnotexist/").status_code == 404
    assert client.get("/r/doesnotexist.json").status_code == 404
    assert client.get("/r/doesnotexist.md").status_code == 404


def test_permalink_cache_headers_and_etag(result, client, settings):
    response = client.get(f"/r/{result.slug}/")
    # Issue 13: the page revalidates on every use (the ETag follows the content version), so someone who
    # opened it before a content change sees "the guide has changed since"; no day-long max-age. The page
    # cache still stores it (for at most PAGE_CACHE_SECONDS, cleared on every content change).
    cache_control = response["Cache-Control"]
    assert "max-age=0" in cache_control and "must-revalidate" in cache_control, cache_control
    assert caches["pages"].get(get_cache_key(response.wsgi_request, cache=caches["pages"])) is not None
    etag = response["ETag"]
    assert client.get(f"/r/{result.slug}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    data = client.get(f"/r/{result.slug}.json")
    assert "max-age=31536000" in data["Cache-Control"] and "immutable" in data["Cache-Control"]
    assert client.get(f"/r/{result.slug}.json", HTTP_IF_NONE_MATCH=data["ETag"]).status_code == 304


def test_json_has_the_contract_fields(result, client):
    data = client.get(f"/r/{result.slug}.json").json()
    for key in ("slug", "url", "created", "content_version", "answers", "ranking", "flips", "hybrid"):
        assert key in data
    assert data["slug"] == result.slug
    assert data["url"] == f"http://testserver/r/{result.slug}/"
    assert data["created"].endswith("Z")
    assert data["answers"] == ANSWERS
    assert [s["framework"] for s in data["ranking"]] == ["one", "two"]  # every published framework, best first
    for standing in data["ranking"]:
        assert set(standing) >= {"framework", "name", "score", "must_haves_met", "reasons"}
        assert 0 <= standing["score"] <= 100
        for reason in standing["reasons"]:
            assert set(reason) >= {"criterion", "effect", "because"}
    admin = next(r for r in data["ranking"][0]["reasons"] if r["criterion"] == "admin")
    assert admin["because"] == ["admin=essential"]
    for flip in data["flips"]:
        assert set(flip) >= {"question", "choice", "winner"}


def test_decision_record_download(result, client):
    response = client.get(f"/r/{result.slug}.md")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    for heading in (
        "# ADR: Use One",
        "## Context",
        "## Decision",
        "## Reasons",
        "## Alternatives considered",
        "## Sources",
    ):
        assert heading in text
    assert "| Do you need an admin? (`admin`) | Essential (`essential`) |" in text
    assert "**Two**" in text
    assert "Alpha article" in text  # a source behind the winner's ratings
    assert result.content_version in text
    assert f"/r/{result.slug}/" in text
    # The weights the answers moved, with each framework's rating, as a Markdown table.
    assert "| Criterion | Weight | One | Two |" in text
    assert "| Admin interface | 2.25 (base 0.125; admin=essential) | unknown |" in text
    assert "| Async support | 2.25 (base 0.25; project=api) |" in text
    assert "admin = essential" not in text  # reasons in words: “Do you need an admin?” Essential
    assert "The other 0 criteria count at their base weight." not in text


def test_result_is_immutable_after_a_content_edit_and_says_what_changed(result, client):
    before = client.get(f"/r/{result.slug}.json").json()
    # A curator rates Two's admin and async far better: with the same answers Two would now win.
    Rating.objects.filter(framework__slug="two", criterion__slug="admin").update(score=5)
    rating = Rating.objects.get(framework__slug="two", criterion__slug="async")
    rating.score = 5
    rating.save()
    Rating.objects.filter(framework__slug="one", criterion__slug="async").update(score=0)
    # ...and no longer mounts Two inside One (an add-on ranks beside its host, led by it unless the answers ask
    # for what it adds: issue 26), so Two stands on its own
    Relation.objects.filter(framework__slug="two", other__slug="one").delete()
    one = Rating.objects.get(framework__slug="one", criterion__slug="async")
    one.save()  # (update() sends no signal; save() bumps the content version)
    after = client.get(f"/r/{result.slug}.json").json()
    assert after == before  # the stored snapshot is what the permalink shows
    page = client.get(f"/r/{result.slug}/").content.decode()
    assert "Today Two would rank first for the same answers" in page  # what moved, first
    assert "<h1>One</h1>" in page  # still the result as it was
    assert "Then and now" in page
    assert "up 1" in page and "down 1" in page
    # The same answers on the new content get a new permalink with the new winner.
    location = client.post("/guide/", ANSWERS)["Location"]
    assert location != f"/r/{result.slug}/"
    assert results.outcome_of(Result.objects.get(slug=location.strip("/").split("/")[-1]))["winner"] == "two"


def test_changed_since_drops_answers_that_no_longer_exist(result, client):
    from advisor.models import Choice

    Choice.objects.filter(question__slug="admin", slug="essential").delete()
    page = client.get(f"/r/{result.slug}/").content.decode()
    assert "admin=essential" in page and "no longer exist" in page


def test_result_page_queries_are_bounded(result, client, django_assert_max_num_queries):
    client.get(f"/r/{result.slug}/")
    with django_assert_max_num_queries(6):
        assert client.get(f"/r/{result.slug}/").status_code == 200


def test_a_result_stored_by_the_first_engine_renders_as_before(fixture_content, client):
    """Stored results keep working: an outcome computed by engine 1 (reasons as text, a blended score) is shown
    with the page it was made for, and its JSON and decision record still work."""
    import json
    from pathlib import Path

    outcome = json.loads((Path(__file__).parents[1] / "fixtures" / "result_engine1.json").read_text())
    assert outcome["engine"] == 1
    Result.objects.create(
        slug="engine1old", answers={"project": "api", "admin": "essential"}, outcome=outcome, content_version="old"
    )
    html = client.get("/r/engine1old/").content.decode()
    assert "<h1>One</h1>" in html
    assert "because you answered project = api" in html  # the stored reason text, as it was shown
    assert "Why One scores" in html
    data = client.get("/r/engine1old.json").json()
    assert data["ranking"][0]["reasons"][0]["text"] == outcome["ranking"][0]["reasons"][0]["text"]
    text = client.get("/r/engine1old.md").content.decode()
    assert "because you answered project = api" in text


def test_decision_record_words_the_answers_behind_a_must_have(fixture_content, client):
    location = client.post("/guide/", {"project": "site"})["Location"]
    text = client.get(location.rstrip("/") + ".md").content.decode()
    must_haves = text.split("Must-haves:", 1)[1].split("\n\n", 1)[0]
    assert "because we answered “What are you building?” A website" in must_haves
    assert "project=site" not in must_haves


def test_frameworks_missing_the_same_must_haves_share_one_clause_of_the_headline():
    from django.template.loader import render_to_string

    from advisor.results import lead

    def missed(score):
        return [{"criterion": "admin", "name": "Admin interface", "minimum": 4, "score": score}]

    headline = {
        "name": "Django Ninja",
        "score": 76.0,
        "outscored_by": [
            {"framework": "fastapi", "name": "FastAPI", "score": 80.9, "missed": missed(1)},
            {"framework": "flask", "name": "Flask", "score": 79.0, "missed": missed(2)},
            {
                "framework": "x",
                "name": "X",
                "score": 77.0,
                "missed": [*missed(None), {"criterion": "auth", "name": "Auth", "minimum": 3, "score": 1}],
            },
        ],
    }
    ranking = [{"name": "Django Ninja", "score": 76.0}, {"name": "Django", "score": 70.0}]
    text = " ".join(render_to_string("advisor/_headline.html", {"lead": lead(headline, ranking)}).split())
    assert text == (
        "FastAPI (80.9) and Flask (79.0) score higher but lack what you made a must-have: admin interface (rated "
        "1-2/5, you need 4); X scores higher (77.0) but lacks what you made a must-have: admin interface (not "
        "rated, you need 4) and auth (rated 1/5, you need 3). So Django Ninja ranks first, with 76.0 out of 100."
    )
