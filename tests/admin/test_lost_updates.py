"""Finding 5: a second curator's save silently reverted the first's. A form older than the row is refused now,
saying what changed; saves that do not overlap, and the admin's own flows, still go through."""

import pytest
from django.urls import reverse

from advisor.models import Framework, Rating
from tests.support.adminforms import form_data


def change_url(obj) -> str:
    return reverse(f"admin:advisor_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def rating(fixture_content):
    return Rating.objects.select_related("framework", "criterion").first()


def test_second_save_from_an_older_form_is_refused_and_says_what_changed(admin_client, rating):
    first = form_data(admin_client.get(change_url(rating)))
    second = dict(first)
    first["label"] = "Changed by the first curator"
    response = admin_client.post(change_url(rating), first)
    assert response.status_code == 302
    second["score"] = "1" if rating.score != 1 else "2"
    response = admin_client.post(change_url(rating), second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Another curator saved this rating after you opened it" in page
    assert "Changed by the first curator" in page  # the stored value, so the curator sees what changed
    rating.refresh_from_db()
    assert rating.label == "Changed by the first curator"
    assert str(rating.score) != second["score"]


def test_a_fresh_form_saves_and_a_no_change_resave_passes(admin_client, rating):
    data = form_data(admin_client.get(change_url(rating)))
    assert data["edit_base"]
    data["label"] = "New label"
    assert admin_client.post(change_url(rating), data).status_code == 302
    data = form_data(admin_client.get(change_url(rating)))
    assert admin_client.post(change_url(rating), data).status_code == 302
    assert admin_client.post(change_url(rating), data).status_code == 302  # nothing changed in between


def test_framework_and_its_ratings_inline_are_protected(admin_client, rating):
    framework = rating.framework
    url = change_url(framework)
    stale = form_data(admin_client.get(url))
    other = Rating.objects.get(pk=rating.pk)
    other.label = "Saved elsewhere"
    other.save()
    prefix = next(k[: -len("-id")] for k, v in stale.items() if k.endswith("-id") and v == str(rating.pk))
    stale[f"{prefix}-score"] = "0"
    response = admin_client.post(url, stale)
    assert response.status_code == 200
    assert "Another curator saved this rating" in response.content.decode()
    assert Rating.objects.get(pk=rating.pk).label == "Saved elsewhere"

    stale = form_data(admin_client.get(url))
    Framework.objects.filter(pk=framework.pk).update(tagline="A tagline saved elsewhere")
    stale["best_for"] = "Mine"
    response = admin_client.post(url, stale)
    assert "Another curator saved this framework" in response.content.decode()
    assert "A tagline saved elsewhere" in response.content.decode()


def test_use_case_fits_inline_is_protected(admin_client, fixture_content):
    from advisor.models import Fit

    fit = Fit.objects.select_related("use_case").first()
    url = change_url(fit.use_case)
    stale = form_data(admin_client.get(url))
    Fit.objects.filter(pk=fit.pk).update(reason="Another reason")
    prefix = next(k[: -len("-id")] for k, v in stale.items() if k.endswith("-id") and v == str(fit.pk))
    stale[f"{prefix}-reason"] = "Mine"
    response = admin_client.post(url, stale)
    assert response.status_code == 200
    assert "Another curator saved this fit" in response.content.decode()
    assert Fit.objects.get(pk=fit.pk).reason == "Another reason"


def test_an_inline_row_the_curator_did_not_touch_does_not_block_the_save(admin_client, rating):
    url = change_url(rating.framework)
    stale = form_data(admin_client.get(url))
    Rating.objects.filter(pk=rating.pk).update(label="Saved elsewhere")
    prefix = next(k[: -len("-id")] for k, v in stale.items() if k.endswith("-id") and v == str(rating.pk))
    stale[f"{prefix}-label"] = "Saved elsewhere"  # the page, reloaded only in this row, shows the stored value
    stale["best_for"] = "Mine"
    assert admin_client.post(url, stale).status_code == 302
    assert Framework.objects.get(pk=rating.framework_id).best_for == "Mine"
    assert Rating.objects.get(pk=rating.pk).label == "Saved elsewhere"


def test_a_save_does_not_rewrite_untouched_inline_rows(admin_client, rating):
    url = change_url(rating.framework)
    stamps = dict(Rating.objects.filter(framework=rating.framework).values_list("pk", "updated"))
    data = form_data(admin_client.get(url))
    data["best_for"] = "Mine"
    assert admin_client.post(url, data).status_code == 302
    assert dict(Rating.objects.filter(framework=rating.framework).values_list("pk", "updated")) == stamps
