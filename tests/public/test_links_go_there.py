"""Every address goes where it says, on the shipped content, in one crawl that renders each page once:

- every link inside the site, from each kind of public page (issue #27), answers (200, or a redirect to a page
  that does) and its #fragment names an element of that page;
- every curated object's ``get_absolute_url`` ("view on site" in the admin) leads to a page that answers and
  shows it (its #fragment is there).

The two checks share the crawl because they reach nearly the same pages (every profile, criterion, use case and
source): rendering them once for both is half the work."""

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from advisor.models import CONTENT_MODELS, Status

pytestmark = pytest.mark.django_db

START = [
    "/",
    "/frameworks/",
    "/frameworks/fastapi/",
    "/criteria/",
    "/criteria/async/",
    "/compare/",
    "/compare/flask-vs-fastapi/",
    "/use-cases/",
    "/pitfalls/",
    "/faq/",
    "/sources/",
    "/lab/",
    "/guide/quick/",
    "/search/?q=websockets",
]
HREF = re.compile(r'<a [^>]*href="([^"]+)"')


def follow(client, url):
    response = client.get(url)
    for _ in range(3):
        if response.status_code not in (301, 302, 303):
            break
        response = client.get(response["Location"])
    return response


class Crawl:
    """Each page fetched once (redirects followed): its HTML, or None when it does not answer 200."""

    def __init__(self, client):
        self.client = client
        self.pages: dict[str, str | None] = {}

    def html(self, path: str) -> str | None:
        if path not in self.pages:
            response = follow(self.client, path)
            self.pages[path] = response.content.decode() if response.status_code == 200 else None
        return self.pages[path]

    def fault(self, path: str, fragment: str) -> str | None:
        """What is wrong with the address ``path#fragment``, or None."""
        page = self.html(path)
        if page is None:
            return "does not answer"
        if fragment and f'id="{fragment}"' not in page:
            return f"has no #{fragment} there"
        return None


def public(obj) -> bool:
    """Published, and so are the framework, source, use case or criterion it belongs to (drafts are 404s)."""
    for target in (obj, *(getattr(obj, name, None) for name in ("framework", "source", "use_case", "criterion"))):
        if target is not None and getattr(target, "status", Status.PUBLISHED) != Status.PUBLISHED:
            return False
    return True


def broken_links(crawl: Crawl) -> list[str]:
    broken = []
    for start in START:
        html = crawl.html(start)
        assert html is not None, start
        for href in {h.replace("&amp;", "&") for h in HREF.findall(html)}:
            target = urljoin(start, href)
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
                continue
            path, fragment = urldefrag(
                parts.path
                + (f"?{parts.query}" if parts.query else "")
                + (f"#{parts.fragment}" if parts.fragment else "")
            )
            if path.startswith(("/admin/", "/static/")) or path.endswith((".md", ".json", ".csv", ".xml")):
                continue
            if fault := crawl.fault(path, fragment):
                broken.append(f"{start}: {href} {fault}")
    return broken


def objects_not_shown(crawl: Crawl) -> list[str]:
    missing = []
    for model in CONTENT_MODELS:
        if not hasattr(model, "get_absolute_url"):
            continue
        objects = [obj for obj in model.objects.all() if public(obj)]
        assert objects, model
        for obj in objects:
            url = obj.get_absolute_url()
            path, _, fragment = url.partition("#")
            if fault := crawl.fault(path, fragment):
                missing.append(f"{model.__name__} {obj}: {url} {fault}")
    return missing


@pytest.mark.long
def test_every_link_and_every_objects_address_goes_there(client, shipped_content):
    crawl = Crawl(client)
    broken, missing = broken_links(crawl), objects_not_shown(crawl)
    assert not broken, "\n".join(sorted(set(broken)))
    assert not missing, "\n".join(missing)
