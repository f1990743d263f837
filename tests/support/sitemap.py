"""The addresses sitemap.xml lists, read the way every test that walks the site reads them."""

import re
from urllib.parse import urlsplit

LOC = re.compile(r"<loc>([^<]+)</loc>")


def sitemap_paths(client) -> list[str]:
    """Each address in the sitemap as a path on this site (its query kept, should it have one), sorted."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    paths = set()
    for loc in LOC.findall(response.content.decode()):
        parts = urlsplit(loc)
        paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return sorted(paths)
