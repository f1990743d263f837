"""A curated object's get_absolute_url ("view on site" in the admin) shows that object, and only it where the page
could show others. That every object's address answers and shows it is checked in the crawl of
``test_links_go_there.py``, which renders each page once for both checks."""

from advisor.models import Category


def test_a_category_link_shows_only_that_category(shipped_content, client):
    category = Category.objects.first()
    other = Category.objects.exclude(pk=category.pk).first()
    html = client.get(category.get_absolute_url()).content.decode()
    assert category.criteria.first().name in html
    assert other.criteria.first().name not in html
