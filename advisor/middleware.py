"""Whole-page caching keyed by the content version, and a styled 503 when the database is down.

``ContentPageCacheMiddleware`` stores finished public responses (compressed, with their headers) under a
key made of the full URL with its query string, the htmx request headers and whether gzip is accepted,
together with the content version's counter they were rendered under. A curated change moves the counter,
so every process sees fresh pages on its next request: the counter lives in the shared cache (Redis, or the
file cache every local process shares) and falls back to the database; it is read in the same round trip as
the page. Visitors with a session (staff previewing drafts) bypass the cache, and so do
responses that set cookies or say ``private``/``no-store``.

``DatabaseUnavailableMiddleware`` turns a database outage into a styled 503 with ``Retry-After``: cached
pages keep being served, the rest says "back soon", nothing shows a traceback. Nothing here keeps state in
process memory, so the site recovers by itself when the database is back.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_response_headers
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


# Request headers a cached page may differ by. A response that varies on anything else is not stored.
KEYED_HEADERS = ("HX-Request", "HX-History-Restore-Request", "HX-Target")
STORABLE_VARY = {h.lower() for h in KEYED_HEADERS} | {"accept-encoding", "cookie"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def page_key(request: HttpRequest) -> str:
    """The URL (scheme, host, path, query), the htmx headers and whether the response may be gzipped."""
    parts = [request.build_absolute_uri()]
    parts += [request.headers.get(h, "") for h in KEYED_HEADERS]
    parts.append("gzip" if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else "identity")
    return "advisor-page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable_vary(response: HttpResponse) -> bool:
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return vary <= STORABLE_VARY


class ContentPageCacheMiddleware:
    """One cache round trip per request: the content state and the page are fetched together, and a page
    stored under an older content counter is treated as a miss."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([versioning.COUNTER_KEY, key])
        state = found.get(versioning.COUNTER_KEY) or versioning.cached_state()
        if state is None:  # neither cache nor database answers: render (or fail) normally
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == state.counter:
            response = entry[1]
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not _cacheable_response(response) or not _storable_vary(response):
            return response
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(state.changed.timestamp())
        if not response.has_header("Cache-Control"):
            patch_response_headers(response, BROWSER_MAX_AGE)
        response["X-Cache"] = "miss"
        # Responses are rendered by now (template responses render inside the handler).
        cache.set(key, (state.counter, response), CACHE_TIMEOUT)
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
