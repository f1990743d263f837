"""The admin's ratings matrix fits the window and is tinted by score; saving a score whose explanation names
another level of the scale warns the curator (issue #27)."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from advisor.models import Rating

pytestmark = pytest.mark.django_db


def saved(rating: Rating, curator) -> list[str]:
    request = RequestFactory().post("/admin/")
    request.user = curator
    request.session = {}
    request._messages = FallbackStorage(request)
    admin.site._registry[Rating].save_model(request, rating, form=None, change=True)
    return [str(m) for m in get_messages(request)]


def test_a_score_whose_explanation_argues_for_another_level_warns(shipped_content, curator):
    rating = Rating.objects.get(framework__slug="django", criterion__slug="async")
    assert rating.score == 3
    assert saved(rating, curator) == []  # the shipped explanation says level 3
    rating.score = 5
    messages = saved(rating, curator)
    assert messages and "Check the score or reword the explanation" in messages[0]
    assert Rating.objects.get(pk=rating.pk).score == 5  # saved all the same: a warning, not a refusal


def test_the_warning_names_the_level_the_explanation_describes(shipped_content, curator):
    rating = Rating.objects.get(framework__slug="litestar", criterion__slug="async")
    rating.explanation += " Sync handlers run in a thread with its own event loop."
    (message,) = saved(rating, curator)
    assert "“in a thread with its own event loop”, a term of level 2 of this scale, not of 5" in message


def test_the_matrix_scrolls_in_its_own_box_with_cells_tinted_by_score(shipped_content, admin_client):
    html = admin_client.get(reverse("admin:advisor_rating_matrix")).content.decode()
    assert '<div class="rating-matrix-scroll" role="region" aria-label="Ratings matrix" tabindex="0">' in html
    cell = html.split('<td class="s5', 1)[1].split("</td>", 1)[0]
    assert "5/5" in cell  # the score stays as text
    assert 'class="s-unknown' in html or "? unknown" not in html


def test_no_shipped_rating_is_warned_about(shipped_content):
    from advisor.content.checks import level_warnings

    warned = [
        str(r)
        for r in Rating.objects.select_related("framework", "criterion")
        if level_warnings(r.framework.slug, r.criterion.slug, r.score, r.explanation)
    ]
    assert warned == []
