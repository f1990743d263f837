"""The admin's doors: login required everywhere, lockout after repeated failures, safe redirects."""

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user("editor", password="right-password-123", is_staff=True)


def test_repeated_failed_logins_lock_the_account_out(editor, client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    # Even the right password is refused while locked out.
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_after_a_few_failures_works(editor, client):
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-password-123"})
    assert response.status_code == 302


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/path", "http:/\\evil.example"])
def test_next_redirects_stay_on_our_host(editor, client, next_url):
    response = client.post(f"/admin/login/?next={next_url}", {"username": "editor", "password": "right-password-123"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")


def all_admin_urls():
    urls = [reverse("admin:index"), reverse("admin:advisor_rating_matrix")]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[1]))
    return urls


@pytest.mark.parametrize("url", all_admin_urls())
def test_anonymous_visitors_are_sent_to_login_from_every_admin_url(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
