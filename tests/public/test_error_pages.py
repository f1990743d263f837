"""Bad requests get the site's layout, a sentence that helps, and one line in the log, on every URL."""

import logging

import pytest
from django.test import Client

from advisor.models import Framework, Source

URLS = ["/", "/guide/", "/admin/login/", "/compare/", "/frameworks/one/", "/sitemap.xml", "/r/nothing/", "/nowhere/"]


@pytest.fixture
def strict_client():
    """A client that runs the CSRF check as browsers meet it, and answers errors instead of raising them."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "x" * 32
    return client


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "iso-8859-1"])
@pytest.mark.parametrize("url", URLS)
def test_a_form_in_another_charset_is_a_styled_400_and_one_log_line(
    fixture_content, strict_client, caplog, url, charset
):
    caplog.set_level(logging.WARNING)
    response = strict_client.post(
        url, "csrfmiddlewaretoken=abc&project=api", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    if url == "/nowhere/":
        assert response.status_code == 404  # no page there: nothing reads the body
    elif url not in ("/guide/", "/admin/login/"):
        assert response.status_code == 405  # a page that takes no form: nothing reads the body
    else:
        assert response.status_code == 400, response.content[:300]
        assert b"UTF-8" in response.content
    assert b"Framework Advisor" in response.content and b"site.css" in response.content
    records = [r for r in caplog.records if r.name.startswith("django.")]
    assert len(records) == 1
    assert records[0].exc_info is None and len(records[0].getMessage()) < 200


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "options", "trace"])
def test_the_sitemap_answers_only_get_and_head(fixture_content, client, method):
    response = getattr(client, method)("/sitemap.xml")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.get("/sitemap.xml").status_code == 200 and client.head("/sitemap.xml").status_code == 200


def test_a_405_has_the_site_layout_and_says_what_works(fixture_content, client):
    response = client.post("/compare/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"Framework Advisor" in response.content and b"only GET, HEAD requests" in response.content


def test_a_failed_csrf_check_is_a_styled_403(fixture_content):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/guide/", {"project": "api"})
    assert response.status_code == 403
    assert b"security token" in response.content and b"site.css" in response.content
    assert b"CSRF verification failed" not in response.content  # not Django's default page


def test_other_bad_requests_are_styled_400s(fixture_content, client):
    response = client.get("/", headers={"host": "not-ours.example"})  # refused by ALLOWED_HOSTS
    assert response.status_code == 400
    assert b"could not be understood" in response.content and b"site.css" in response.content
    assert b"Bad Request (400)" not in response.content


def test_too_many_fields_is_a_styled_400(fixture_content, strict_client):
    body = "&".join(f"f{i}=1" for i in range(300))
    response = strict_client.post("/guide/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert b"too large" in response.content and b"site.css" in response.content


@pytest.mark.parametrize("field", ["homepage_url", "docs_url", "repository_url"])
def test_only_http_links_are_rendered_for_a_framework(fixture_content, client, field):
    Framework.objects.filter(slug="one").update(**{field: "javascript:alert(1)"})
    html = client.get("/frameworks/one/").content.decode()
    assert "javascript:" not in html
    Framework.objects.filter(slug="one").update(**{field: "https://example.org/one"})
    assert 'href="https://example.org/one"' in client.get("/frameworks/one/?again=1").content.decode()


def test_only_http_links_are_rendered_for_a_source(fixture_content, client):
    source = Source.objects.filter(url__startswith="http").first()
    Source.objects.filter(pk=source.pk).update(url="javascript:alert(1)")
    html = client.get(source.get_absolute_url()).content.decode()
    assert "javascript:" not in html and "Read the source" not in html
