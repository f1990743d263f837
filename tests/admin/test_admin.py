"""Curation in the admin: every page loads for a superuser and a curator; curators stay out of users."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from advisor.models import ContentVersion, Framework, Rating, Result, Status

CONTENT_ADMINS = [m for m in admin.site._registry if m._meta.app_label == "advisor"]
READ_ONLY = {Result, ContentVersion}


def admin_urls(model, obj):
    info = model._meta.app_label, model._meta.model_name
    urls = [reverse("admin:{}_{}_changelist".format(*info))]
    if model not in READ_ONLY:
        urls.append(reverse("admin:{}_{}_add".format(*info)))
    if obj is not None:
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
    return urls


@pytest.fixture
def result(fixture_content):
    return Result.objects.create(slug="abcdefgh", content_version="x", outcome={"ranking": [{"name": "One"}]})


@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("who", ["admin_client", "curator_client"])
def test_every_admin_page_loads(request, fixture_content, result, model, who, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    obj = model.objects.first()
    for url in admin_urls(model, obj):
        with django_assert_max_num_queries(40):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_changelists_do_not_grow_queries_with_rows(fixture_content, admin_client, django_assert_max_num_queries):
    """list_select_related / annotations: a changelist costs the same with more rows."""
    from advisor.models import Criterion, Evidence, Source

    for model in [Rating, Evidence, Framework, Criterion]:
        url = reverse(f"admin:advisor_{model._meta.model_name}_changelist")
        admin_client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small:
            admin_client.get(url)
        # Add more rows of the model's kind.
        source = Source.objects.first()
        for i in range(5):
            fw = Framework.objects.create(
                slug=f"extra-{model._meta.model_name}-{i}", name=f"Extra {model.__name__} {i}", tagline="x",
                summary="x", server_interface="wsgi",
            )  # fmt: skip
            for criterion in Criterion.objects.all():
                rating = Rating.objects.create(framework=fw, criterion=criterion, score=2, label="x")
                rating.evidence.create(source=source, claim="x")
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert admin_client.get(url).status_code == 200


def test_the_matrix_overview_marks_gaps(fixture_content, admin_client):
    response = admin_client.get(reverse("admin:advisor_rating_matrix"))
    assert response.status_code == 200
    html = response.content.decode()
    # Fixture: two has no admin rating (missing); one/admin is unknown; all ratings have evidence.
    assert "1 cell has no rating" in html
    assert "? unknown" in html
    assert "missing: add" in html
    rating = Rating.objects.get(framework__slug="one", criterion__slug="async")
    assert reverse("admin:advisor_rating_change", args=[rating.pk]) in html


def test_curators_can_edit_content(fixture_content, curator_client):
    fw = Framework.objects.get(slug="two")
    url = reverse("admin:advisor_framework_changelist")
    response = curator_client.post(url, {"action": "unpublish", "_selected_action": [fw.pk]})
    assert response.status_code == 302
    fw.refresh_from_db()
    assert fw.status == Status.DRAFT


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"])
def test_curators_cannot_reach_users_or_groups(fixture_content, curator_client, url):
    assert curator_client.get(url).status_code == 403


def test_curators_cannot_edit_results(result, curator_client):
    response = curator_client.get(reverse("admin:advisor_result_change", args=[result.pk]))
    assert response.status_code == 200
    assert b"Save" not in response.content or b'name="_save"' not in response.content
    assert (
        curator_client.post(reverse("admin:advisor_result_delete", args=[result.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/admin/advisor/framework/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_createcurator_makes_a_curator(db, client):
    call_command("createcurator", "kim", "--password", "a-long-pass-phrase-9", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="kim")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Curators").exists()
    assert user.has_perm("advisor.change_rating") and not user.has_perm("auth.change_user")
    response = client.post("/admin/login/?next=/admin/", {"username": "kim", "password": "a-long-pass-phrase-9"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
