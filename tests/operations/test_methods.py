"""A method a page does not take is a 405 with ``Allow``, on every URL pattern, before the CSRF check could call
it an expired form; a POST to a page that takes one still needs its CSRF token."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from advisor.middleware import accepted_methods

SAFE = ["GET", "HEAD"]
#: One address per URL pattern, with the methods its view takes.
ADDRESSES = {
    "advisor:home": ("/", SAFE),
    "advisor:healthz": ("/healthz", SAFE),
    "advisor:frameworks": ("/frameworks/", SAFE),
    "advisor:framework": ("/frameworks/one/", SAFE),
    "advisor:criteria": ("/criteria/", SAFE),
    "advisor:criterion": ("/criteria/async-support/", SAFE),
    "advisor:quick": ("/guide/quick/", SAFE),
    "advisor:compare": ("/compare/", SAFE),
    "advisor:compare_csv": ("/compare.csv", SAFE),
    "advisor:compare_pair": ("/compare/one-vs-two/", SAFE),
    "advisor:use_cases": ("/use-cases/", SAFE),
    "advisor:use_case": ("/use-cases/api-backend/", SAFE),
    "advisor:sources": ("/sources/", SAFE),
    "advisor:source": ("/sources/a-source/", SAFE),
    "advisor:pitfalls": ("/pitfalls/", SAFE),
    "advisor:faq": ("/faq/", SAFE),
    "advisor:lab": ("/lab/", SAFE),
    "advisor:lab-run": ("/lab/2026-01-01/", SAFE),
    "advisor:lab_code": ("/lab/code/", SAFE),
    "advisor:lab_code_app": ("/lab/code/flask/", SAFE),
    "advisor:lab_code_pair": ("/lab/code/flask-vs-fastapi/", SAFE),
    "advisor:search": ("/search/", SAFE),
    "advisor:guide": ("/guide/", ["GET", "HEAD", "POST"]),
    "advisor:how_it_works": ("/guide/how-it-works/", SAFE),
    "advisor:result": ("/r/abc/", SAFE),
    "advisor:result_json": ("/r/abc.json", SAFE),
    "advisor:result_md": ("/r/abc.md", SAFE),
    "django.contrib.sitemaps.views.sitemap": ("/sitemap.xml", SAFE),
    "robots_txt": ("/robots.txt", SAFE),
    "corrections:rating": ("/correct/rating/one/async/", ["GET", "HEAD", "POST"]),
    "corrections:fit": ("/correct/fit/api-backend/one/", ["GET", "HEAD", "POST"]),
    "corrections:pitfall": ("/correct/pitfall/slow-pages/", ["GET", "HEAD", "POST"]),
    "corrections:faq": ("/correct/faq/which-is-fastest/", ["GET", "HEAD", "POST"]),
}
UNSUPPORTED = ["PUT", "PATCH", "DELETE"]


def admin_addresses() -> list[str]:
    urls = ["/admin/", "/admin/login/", "/admin/logout/", "/admin/password_change/"]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        urls += [reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_add".format(*info))]
    return urls


def pattern_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= pattern_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(namespace + pattern.name)
    return names


@pytest.fixture
def browser_client():
    """CSRF enforced as for a browser, which holds the site's cookie but sends no token with these requests."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "c" * 32
    return client


def test_every_url_pattern_but_the_admin_is_covered_here():
    assert pattern_names(get_resolver().url_patterns) == set(ADDRESSES)


@pytest.mark.parametrize("name", sorted(ADDRESSES))
def test_each_views_methods_are_found(name):
    path, methods = ADDRESSES[name]
    assert accepted_methods(get_resolver().resolve(path).func) == methods


@pytest.mark.parametrize("name", sorted(ADDRESSES))
def test_unsupported_methods_are_405_before_csrf(db, browser_client, name):
    path, methods = ADDRESSES[name]
    for method in [*UNSUPPORTED, *(["POST"] if "POST" not in methods else [])]:
        response = browser_client.generic(method, path)
        assert response.status_code == 405, (method, path, response.status_code)
        assert response["Allow"] == ", ".join(methods)
        assert b"Not a way to ask for this page" in response.content


@pytest.mark.parametrize("path", admin_addresses())
def test_the_admin_answers_405_to_methods_nothing_takes(db, browser_client, path):
    for method in UNSUPPORTED:
        response = browser_client.generic(method, path)
        assert response.status_code == 405, (method, path, response.status_code)
        assert response["Allow"] == "GET, HEAD, POST"


@pytest.mark.parametrize("path", ["/guide/", "/admin/login/"])
def test_a_post_without_its_token_is_still_refused(db, browser_client, path):
    response = browser_client.post(path, {"project": "api", "username": "x", "password": "y"})
    assert response.status_code == 403
    assert b"security token" in response.content
