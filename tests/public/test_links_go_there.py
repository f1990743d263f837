"""Every link goes where it says (issue #27): from each kind of public page on the shipped content, every
link inside the site answers (200, or a redirect to a page that does) and its #fragment names an element of
that page."""

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

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


@pytest.mark.long
def test_every_link_goes_there(client, shipped_content):
    pages: dict[str, str | None] = {}
    broken = []
    for start in START:
        html = follow(client, start).content.decode()
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
            if path not in pages:
                response = follow(client, path)
                pages[path] = response.content.decode() if response.status_code == 200 else None
            if pages[path] is None:
                broken.append(f"{start}: {href} does not answer")
            elif fragment and f'id="{fragment}"' not in pages[path]:
                broken.append(f"{start}: {href} has no #{fragment} there")
    assert not broken, "\n".join(sorted(set(broken)))
