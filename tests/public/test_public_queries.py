"""Each public page runs a small constant number of queries, however much content there is.

The same bound is asserted on the tiny fixture content and on content inflated by 40 synthetic frameworks,
60 criteria (every cell rated, with evidence), use cases with fits, pitfalls and FAQs.
"""

import pytest
from django.core.cache import cache

from advisor import snapshot, versioning
from advisor.models import (
    FAQ,
    Category,
    Criterion,
    Evidence,
    Fit,
    FitLevel,
    Framework,
    Pitfall,
    Rating,
    Source,
    UseCase,
)

# url -> the most queries the page may run. Two are the site's: the page cache reads the content version
# (advisor/middleware.py) and the footer shows it; the rest are the page's own, independent of the content size.
BOUNDS = {
    "/": 4,  # one for the families that group the frameworks
    "/frameworks/": 4,
    # 2 for related frameworks (relations, what they inherit); 5 for "Measured in our lab" (run 4, figures 1);
    # 1 for the ratings and fits with a reader's correction under review (corrections/); 1 for the content version
    # "When the guide recommends it" is ranked on (advisor/cases.py; snapshot cached)
    "/frameworks/one/": 23,
    "/criteria/": 3,
    "/criteria/async/": 7,  # one for the cells with a correction under review, as on the pages below
    "/compare/": 6,  # with more than five frameworks, one more for the picker's use cases
    "/compare/?use_case=api-backend": 7,  # and one for the use case's leaders
    "/compare/?fw=one&fw=synthetic-7&diff=1&best=1&cat=api": 6,
    "/compare/one-vs-two/": 7,
    "/compare/one-vs-two-vs-synthetic-3/": 7,
    "/use-cases/": 5,
    "/use-cases/?use_case=api-backend": 6,
    "/use-cases/api-backend/": 9,
    "/sources/": 3,
    "/sources/alpha-article/": 12,
    "/pitfalls/": 9,
    "/faq/": 8,
    "/lab/": 8,  # the run (four), the claims (one), the independent suites (one), the site
}
HTMX_BOUNDS = {
    "/compare/?diff=1": 5,
    "/use-cases/?best=1": 4,
    "/criteria/async/?framework=two": 6,  # one for a correction under review
}
FIXTURE_URLS = [url for url in BOUNDS if "-vs-synthetic" not in url]  # that framework exists only when inflated


@pytest.fixture
def inflated_content(fixture_content):
    """The fixture content plus 40 frameworks, 60 criteria and every cell between them rated with evidence."""
    categories = list(Category.objects.all())
    sources = list(Source.objects.all())
    Framework.objects.bulk_create(
        Framework(
            slug=f"synthetic-{i}",
            name=f"Synthetic {i}",
            tagline=f"Synthetic framework {i}.",
            best_for="Load tests",
            summary="A *synthetic* framework.",
            server_interface="asgi",
            position=10 + i,
        )
        for i in range(40)
    )
    Criterion.objects.bulk_create(
        Criterion(
            slug=f"criterion-{i}",
            name=f"Criterion {i}",
            category=categories[i % len(categories)],
            question=f"Question {i}?",
            position=10 + i,
        )
        for i in range(60)
    )
    frameworks = list(Framework.objects.all())
    criteria = list(Criterion.objects.all())
    existing = set(Rating.objects.values_list("framework_id", "criterion_id"))
    Rating.objects.bulk_create(
        Rating(
            framework=f,
            criterion=c,
            score=None if (f.id * c.id) % 7 == 0 else (f.id + c.id) % 6,
            label=f"Label {f.id}/{c.id}",
            explanation="Because **reasons**.",
            disputed=(f.id + c.id) % 5 == 0,
        )
        for f in frameworks
        for c in criteria
        if (f.id, c.id) not in existing
    )
    Evidence.objects.bulk_create(
        Evidence(rating=r, source=sources[(r.id + n) % len(sources)], claim=f"Claim {n}.", supports_score=r.score)
        for r in Rating.objects.all()
        for n in range(2)
    )
    UseCase.objects.bulk_create(
        UseCase(slug=f"use-case-{i}", name=f"Use case {i}", summary="Synthetic.", position=10 + i) for i in range(20)
    )
    levels = list(FitLevel.values)
    fitted = set(Fit.objects.values_list("use_case_id", "framework_id"))
    Fit.objects.bulk_create(
        Fit(use_case=u, framework=f, level=levels[(u.id + f.id) % len(levels)], reason="Synthetic.")
        for u in UseCase.objects.all()
        for f in frameworks
        if (u.id, f.id) not in fitted
    )
    for i in range(20):
        pitfall = Pitfall.objects.create(slug=f"pitfall-{i}", title=f"Pitfall {i}", symptom="s", cause="c", fix="f")
        pitfall.frameworks.set(frameworks[:10])
        pitfall.sources.set(sources)
        faq = FAQ.objects.create(slug=f"faq-{i}", question=f"Question {i}?", answer="Answer.")
        faq.sources.set(sources)
    for source in sources:
        source.frameworks.add(*frameworks)
    assert Framework.objects.count() == 42 and Criterion.objects.count() == 62


def _warm():
    versioning.current()  # the digest is computed once after a change; pages then read one row
    snapshot.current()  # so is the engine's snapshot (a fixed number of queries), which a framework page ranks on


@pytest.mark.parametrize("url", FIXTURE_URLS)
def test_query_bound_on_fixture_content(client, fixture_content, django_assert_max_num_queries, url):
    _warm()
    with django_assert_max_num_queries(BOUNDS[url]):
        assert client.get(url).status_code == 200


@pytest.mark.long
def test_same_query_bound_on_inflated_content_and_the_whole_matrix_shows(
    client, inflated_content, django_assert_max_num_queries
):
    """One inflated database for all pages (building it is the slow part); the page cache is emptied per page.
    Then the matrix of every framework on it has every cell."""
    _warm()
    for url, bound in [*BOUNDS.items(), *HTMX_BOUNDS.items()]:
        cache.clear()
        headers = {"HX-Request": "true"} if url in HTMX_BOUNDS else {}
        with django_assert_max_num_queries(bound, info=url):
            assert client.get(url, headers=headers).status_code == 200, url
    everything = "&".join(f"fw={slug}" for slug in Framework.objects.values_list("slug", flat=True))
    html = client.get(f"/compare/?{everything}").content.decode()
    assert html.count('<td class="cell') == 42 * 62
    assert "Synthetic 39" in html and "/criteria/criterion-59/" in html


@pytest.mark.parametrize("url", HTMX_BOUNDS)
def test_fragment_query_bounds(client, fixture_content, django_assert_max_num_queries, url):
    _warm()
    with django_assert_max_num_queries(HTMX_BOUNDS[url]):
        response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
