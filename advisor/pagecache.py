"""Whole public pages cached with Django's own cache middleware, in the ``pages`` cache.

``UpdateCacheMiddleware`` (first in ``MIDDLEWARE``) stores finished responses, compressed and with every
header set; ``FetchFromCacheMiddleware`` (last) serves them, keyed the way Django keys them: the full URL
and the request headers the response varies on (``HX-Request`` and ``HX-History-Restore-Request`` for the
pages with htmx fragments, ``Accept-Encoding``). ETags and 304s come from ``ConditionalGetMiddleware``.
Each changes one thing about Django's classes:

- every page is stored for at most ``PAGE_CACHE_SECONDS`` (30 s by default), whatever ``max-age`` it tells
  browsers. A content change clears the whole ``pages`` cache when it commits (``versioning``); if that clear
  is lost (Redis unreachable or slow at that moment), every page older than the change still expires within
  that time. This is the staleness bound, and no shared state is read per request to keep it;
- a page is stored only under its canonical address: with no query string, or with the exact query string
  its view names as canonical (:func:`canonical`). Any other parameter (``?cb=1``, ``?utm_source=…``, a
  matrix state written another way) is rendered and served, never stored, so it adds no keys;
- a response that sets a cookie belongs to one visitor (a page holding a CSRF token sets one) and is never
  stored, and neither are the frozen ``immutable`` forms of a result (JSON, Markdown: browsers keep those);
- a request with a session cookie (a signed-in curator, who may preview drafts) neither reads nor fills
  the cache.
"""

from django.conf import settings
from django.middleware import cache
from django.utils.cache import patch_cache_control


def canonical(response, query: str):
    """Say which query string is canonical for this page (``""``: none). A view whose page depends on the
    query string calls this; without it, a page with any query string is not stored."""
    response.canonical_query = query
    return response


def storable(request, response) -> bool:
    query = request.META.get("QUERY_STRING", "")
    if query and query != getattr(response, "canonical_query", None):
        return False
    if response.cookies:
        return False
    return "immutable" not in response.get("Cache-Control", "")


class UpdateCacheMiddleware(cache.UpdateCacheMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = settings.PAGE_CACHE_SECONDS  # the staleness bound: see the module docstring

    def process_response(self, request, response):
        if not storable(request, response):
            if response.cookies and request.method in ("GET", "HEAD"):
                # Nor may any shared cache between us and the visitor keep it.
                patch_cache_control(response, private=True)
            return response
        return super().process_response(request, response)


class FetchFromCacheMiddleware(cache.FetchFromCacheMiddleware):
    def process_request(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # not marked for update either, so UpdateCacheMiddleware leaves the response alone
        return super().process_request(request)
