"""Every curated change, however it is made, moves the content version."""

import pytest

from advisor import versioning
from advisor.models import Evidence, Framework, Rating, Source


@pytest.fixture
def counter(fixture_content):
    return lambda: versioning.current().counter


def test_create_bumps(counter):
    before = counter()
    Source.objects.create(slug="new", title="New", author="Someone")
    assert counter() == before + 1


def test_update_bumps_and_changes_the_digest(counter):
    before, digest = counter(), versioning.current().digest
    framework = Framework.objects.get(slug="one")
    framework.tagline = "A changed tagline."
    framework.save()
    assert counter() == before + 1
    assert versioning.current().digest != digest


def test_delete_bumps(counter):
    before = counter()
    Evidence.objects.filter(rating__framework__slug="two").first().delete()
    assert counter() == before + 1


def test_many_to_many_changes_bump(counter):
    before = counter()
    Framework.objects.get(slug="two").sources.add(Source.objects.get(slug="beta-docs"))
    assert counter() > before


def test_inline_edit_in_the_admin_bumps(counter, admin_client):
    rating = Rating.objects.get(framework__slug="one", criterion__slug="async")
    evidence = rating.evidence.get()
    before = counter()
    url = f"/admin/advisor/rating/{rating.pk}/change/"
    data = {
        "framework": rating.framework_id,
        "criterion": rating.criterion_id,
        "score": "4",
        "label": rating.label,
        "explanation": rating.explanation,
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "1",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-id": evidence.pk,
        "evidence-0-rating": rating.pk,
        "evidence-0-source": evidence.source_id,
        "evidence-0-supports_score": "4",
        "evidence-0-position": "0",
        "evidence-0-claim": "An edited claim.",
        "evidence-0-locator": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    evidence.refresh_from_db()
    assert evidence.claim == "An edited claim."
    assert counter() >= before + 2  # the rating and its inline evidence


def test_the_digest_depends_on_content_only(fixture_content):
    first = versioning.current().digest
    framework = Framework.objects.get(slug="one")
    original = framework.tagline
    framework.tagline = "Something else."
    framework.save()
    assert versioning.current().digest != first
    framework.tagline = original
    framework.save()
    assert versioning.current().digest == first


def test_one_clear_per_transaction(fixture_content, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.cache import caches

    clears = []
    with monkeypatch.context() as patch:
        patch.setattr(caches["pages"], "clear", lambda: clears.append(1))
        with django_capture_on_commit_callbacks(execute=True):
            for framework in Framework.objects.all():
                framework.save()
            Source.objects.first().save()
        assert len(clears) == 1  # many changes in one transaction, one clear when it commits
        with django_capture_on_commit_callbacks(execute=True):
            Source.objects.first().save()
        assert len(clears) == 2  # the next change clears again


def test_a_lost_clear_does_not_fail_the_change(fixture_content, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.cache import caches

    def unreachable():
        raise ConnectionError("the cache does not answer")

    with monkeypatch.context() as patch:
        patch.setattr(caches["pages"], "clear", unreachable)
        with django_capture_on_commit_callbacks(execute=True):
            framework = Framework.objects.get(slug="one")
            framework.tagline = "Saved while the cache was away."
            framework.save()
    assert Framework.objects.get(slug="one").tagline == "Saved while the cache was away."
