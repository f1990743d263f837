"""Whole-page caching keyed by the content version, and a styled 503 when the database is down.

``ContentPageCacheMiddleware`` stores finished public responses (compressed, with their headers) under a
key made of the content version's counter, the full URL with its query string and the request headers the
response varies on (``HX-Request``, ``Accept-Encoding``, …), using Django's own ``learn_cache_key`` /
``get_cache_key``. A curated change moves the counter, so every process sees fresh pages on its next
request: the counter lives in the shared cache (Redis, or the file cache every local process shares) and
falls back to the database. Visitors with a session (staff previewing drafts) bypass the cache, and so do
responses that set cookies or say ``private``/``no-store``.

``DatabaseUnavailableMiddleware`` turns a database outage into a styled 503 with ``Retry-After``: cached
pages keep being served, the rest says "back soon", nothing shows a traceback. Nothing here keeps state in
process memory, so the site recovers by itself when the database is back.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_cache_key, learn_cache_key, patch_response_headers
from django.utils.http import http_date

from . import versioning

logger = logging.getLogger(__name__)

CACHE_TIMEOUT = getattr(settings, "ADVISOR_PAGE_CACHE_SECONDS", 60 * 60 * 24)
BROWSER_MAX_AGE = getattr(settings, "ADVISOR_BROWSER_CACHE_SECONDS", 60)
EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/guide/", "/static/")
RETRY_AFTER_SECONDS = 30


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    # A session means a signed-in curator, who may see drafts: never serve or store theirs.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable_response(response: HttpResponse) -> bool:
    if response.status_code not in (200, 301) or response.streaming:
        return False
    # A response that sets a cookie (a CSRF token, a session) belongs to one visitor. One that merely
    # varies on Cookie is keyed by the request's Cookie header, which is empty for most visitors.
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class ContentPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not _cacheable_request(request):
            return self.get_response(request)
        state = versioning.cached_state()
        if state is None:  # neither cache nor database answers: render (or fail) normally
            return self.get_response(request)
        prefix = f"advisor-page-v{state.counter}"
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                hit["X-Cache"] = "hit"
                return hit
        response = self.get_response(request)
        if not _cacheable_response(response):
            return response
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(state.changed.timestamp())
        if not response.has_header("Cache-Control"):
            patch_response_headers(response, BROWSER_MAX_AGE)
        response["X-Cache"] = "miss"
        # Responses are rendered by now (template responses render inside the handler).
        key = learn_cache_key(request, response, CACHE_TIMEOUT, prefix, cache=cache)
        cache.set(key, response, CACHE_TIMEOUT)
        return response


def database_unavailable_response(request: HttpRequest | None = None) -> HttpResponse:
    html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A database outage is a styled 503 with Retry-After, never a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:  # raised outside a view, e.g. by the session
            logger.error("Database unavailable: %s", exc)
            return database_unavailable_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response(request)
        return None
