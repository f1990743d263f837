"""Every kind of public page has an index (issue #27): /criteria/ lists every published criterion by
category, is linked from every page's footer and each criterion page, and is in the sitemap."""

import pytest

from advisor.models import Criterion, Status

pytestmark = pytest.mark.django_db


def test_the_criteria_index_lists_every_published_criterion_by_category(client, shipped_content):
    response = client.get("/criteria/")
    assert response.status_code == 200
    html = response.content.decode()
    criteria = list(Criterion.objects.published().select_related("category"))
    assert len(criteria) > 10
    for criterion in criteria:
        assert f'href="{criterion.get_absolute_url()}"' in html
        assert criterion.question in html.replace("&#x27;", "'")
    categories = [c.category.name for c in criteria]
    positions = [html.index(f">{name} <a") for name in dict.fromkeys(categories)]
    assert positions == sorted(positions)


def test_drafts_stay_out_of_the_criteria_index(client, fixture_content):
    criterion = Criterion.objects.published().first()
    criterion.status = Status.DRAFT
    criterion.save()
    assert f'href="{criterion.get_absolute_url()}"' not in client.get("/criteria/").content.decode()


def test_the_criteria_index_is_linked_and_in_the_sitemap(client, fixture_content):
    assert 'href="/criteria/"' in client.get("/").content.decode()
    assert 'href="/criteria/"' in client.get("/criteria/async/").content.decode()
    assert "/criteria/</loc>" in client.get("/sitemap.xml").content.decode()
