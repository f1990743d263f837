"""Every curated object's get_absolute_url ("view on site" in the admin) leads to a page that shows it."""

import pytest

from advisor.models import CONTENT_MODELS, Category, Status


def public(obj) -> bool:
    """Published, and so are the framework, source, use case or criterion it belongs to (drafts are 404s)."""
    for target in (obj, *(getattr(obj, name, None) for name in ("framework", "source", "use_case", "criterion"))):
        if target is not None and getattr(target, "status", Status.PUBLISHED) != Status.PUBLISHED:
            return False
    return True


@pytest.mark.long
def test_every_object_has_a_page_that_shows_it(shipped_content, client):
    pages: dict[str, str] = {}
    for model in CONTENT_MODELS:
        if not hasattr(model, "get_absolute_url"):
            continue
        objects = [obj for obj in model.objects.all() if public(obj)]
        assert objects, model
        for obj in objects:
            url = obj.get_absolute_url()
            path, _, fragment = url.partition("#")
            if path not in pages:
                response = client.get(path)
                assert response.status_code == 200, url
                pages[path] = response.content.decode()
            if fragment:
                assert f'id="{fragment}"' in pages[path], url


def test_a_category_link_shows_only_that_category(shipped_content, client):
    category = Category.objects.first()
    other = Category.objects.exclude(pk=category.pk).first()
    html = client.get(category.get_absolute_url()).content.decode()
    assert category.criteria.first().name in html
    assert other.criteria.first().name not in html
