"""Whole-page caching keyed by the content version, and a styled 503 when the database is down.

``ContentPageCacheMiddleware`` stores finished public responses (compressed, every header set) under a key
made of the full URL with its query string, the htmx request headers and whether gzip is accepted, tagged with
the version they were rendered under: the release (a fingerprint of code and templates) and the content
state (counter and digest). Each request first reads the content state from the shared cache (the file cache
every local process shares; with Redis, this process's copy that Redis invalidates, see ``statewatch``; the
database if the cache has none) and serves a page only if its tag matches, from this process's small LRU of
recent pages or from the shared cache. A curated change moves the
state, so every process and instance sees fresh pages on its next request. Visitors with a session (staff
previewing drafts) bypass the cache, and so do responses that set cookies or say ``private``/``no-store``.

``DatabaseUnavailableMiddleware`` turns a database outage into a styled 503 with ``Retry-After``: cached
pages keep being served, the rest says "back soon", nothing shows a traceback. Nothing here keeps state in
process memory, so the site recovers by itself when the database is back.
"""

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_response_headers, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from . import versioning

logger = logging.getLogger(__name__)

CACHE_TIMEOUT = getattr(settings, "ADVISOR_PAGE_CACHE_SECONDS", 60 * 60 * 24)
BROWSER_MAX_AGE = getattr(settings, "ADVISOR_BROWSER_CACHE_SECONDS", 60)
EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/guide/", "/static/")
RETRY_AFTER_SECONDS = 30
RECENT_PAGES = getattr(settings, "ADVISOR_RECENT_PAGES", 256)


def _release() -> str:
    """A fingerprint of the code and templates that render pages, so a deploy never serves pages rendered by
    the previous release (the same on every process running the same files)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder, pattern in (("advisor", "**/*.py"), ("templates", "**/*"), ("static", "**/*"), ("config", "*.py")):
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _release()


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
    # A response that sets a cookie belongs to one visitor. Any page that renders a CSRF token is one: Django
    # (re)sets the csrftoken cookie whenever a token is used.
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


@dataclass(frozen=True)
class Page:
    """A finished response as stored: the version it was rendered under, status, headers, body."""

    version: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    @classmethod
    def of(cls, version: str, response: HttpResponse) -> "Page":
        return cls(version, response.status_code, tuple(response.headers.items()), response.content)

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


class _Recent:
    """A small per-process LRU in front of the shared cache. It only ever serves a page whose version matches
    the shared content state read for this very request, so it never serves anything stale."""

    def __init__(self, size: int):
        self.size = size
        self.pages: OrderedDict[str, Page] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, version: str) -> Page | None:
        with self.lock:
            page = self.pages.get(key)
            if page is None or page.version != version:
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: Page) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


recent = _Recent(RECENT_PAGES)


class ContentPageCacheMiddleware:
    """Per request: read the content state from the shared cache (one small read), then serve the page from
    this process's recent pages or the shared cache if it was rendered under that state; else render it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not _cacheable_request(request):
            return self.get_response(request)
        state = versioning.cached_state()
        if state is None:  # neither cache nor database answers: render (or fail) normally
            return self.get_response(request)
        key = page_key(request)
        version = f"{RELEASE}:{state.token}"
        page = recent.get(key, version)
        if page is None:
            page = cache.get(key)
            if isinstance(page, Page) and page.version == version:
                recent.put(key, page)
            else:
                page = None
        if page is not None:
            response = page.response()
            response["X-Cache"] = "hit"
            # Conditional requests on a hit: 304 when the visitor's copy is current.
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            return get_conditional_response(request, response.get("ETag"), last_modified, response)
        response = self.get_response(request)
        if not _cacheable_response(response) or not _storable_vary(response):
            return response
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(state.changed.timestamp())
        if not response.has_header("Cache-Control"):
            patch_response_headers(response, BROWSER_MAX_AGE)
        if not response.has_header("ETag"):
            set_response_etag(response)
        # Responses are rendered by now (template responses render inside the handler).
        page = Page.of(version, response)
        cache.set(key, page, CACHE_TIMEOUT)
        recent.put(key, page)
        response["X-Cache"] = "miss"
        return response


def database_unavailable_response(request: HttpRequest | None = None) -> HttpResponse:
    html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class MethodNotAllowedMiddleware:
    """Django's 405 (from ``require_safe``, ``require_http_methods``) has an empty body: give it the site's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            from .views.errors import method_not_allowed

            return method_not_allowed(response)
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
