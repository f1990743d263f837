"""sitemap.xml lists exactly the public pages."""

from advisor.lab import code
from advisor.models import Criterion, Framework, Source, Status, UseCase
from tests.support.sitemap import sitemap_paths


def locations(client) -> set[str]:
    return set(sitemap_paths(client))


STATIC = {
    "/",
    "/guide/",
    "/guide/how-it-works/",
    "/guide/quick/",
    "/compare/",
    "/use-cases/",
    "/frameworks/",
    "/criteria/",
    "/sources/",
    "/pitfalls/",
    "/faq/",
    "/lab/",
    "/lab/code/",
}
#: The lab's code: each app's page (lab/lab.toml's apps, whatever the content); the pairs are left out.
LAB_CODE = {f"/lab/code/{slug}/" for slug in code.app_slugs()}


def test_sitemap_lists_exactly_the_public_pages(client, fixture_content):
    assert locations(client) == STATIC | LAB_CODE | {
        "/frameworks/one/",
        "/frameworks/two/",
        "/criteria/async/",
        "/criteria/admin/",
        "/use-cases/api-backend/",
        "/sources/alpha-article/",
        "/sources/beta-docs/",
        "/sources/lab-2026-01-02/",  # the fixture's lab run is a source
        "/compare/one-vs-two/",
    }


def test_sitemap_pages_all_answer(client, fixture_content):
    for path in locations(client) - {"/guide/"}:  # the questionnaire is another issue's page
        assert client.get(path).status_code == 200, path


def test_sitemap_leaves_out_drafts(client, fixture_content):
    Framework.objects.create(slug="three", name="Three", tagline="t", summary="s", server_interface="asgi", position=2)
    Framework.objects.filter(slug="two").update(status=Status.DRAFT)
    Criterion.objects.filter(slug="admin").update(status=Status.DRAFT)
    UseCase.objects.filter(slug="api-backend").update(status=Status.DRAFT)
    Source.objects.filter(slug="beta-docs").update(status=Status.DRAFT)
    assert locations(client) == STATIC | LAB_CODE | {
        "/frameworks/one/",
        "/frameworks/three/",
        "/criteria/async/",
        "/sources/alpha-article/",
        "/sources/lab-2026-01-02/",
        "/compare/one-vs-three/",
    }


def test_sitemap_has_every_pair_but_no_three_way(client, fixture_content):
    """Groups answer (``/compare/one-vs-two-vs-three/``) but their number grows with the cube of the frameworks'."""
    Framework.objects.create(slug="three", name="Three", tagline="t", summary="s", server_interface="asgi", position=2)
    pages = locations(client)
    assert {"/compare/one-vs-two/", "/compare/one-vs-three/", "/compare/two-vs-three/"} <= pages
    assert "/compare/one-vs-two-vs-three/" not in pages
    assert client.get("/compare/one-vs-two-vs-three/").status_code == 200
