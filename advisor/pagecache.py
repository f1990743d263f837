"""Whole public pages cached with Django's own cache framework, in two layers.

1. **Shared** (``UpdateCacheMiddleware`` first in ``MIDDLEWARE`` after the layer below, ``FetchFromCacheMiddleware``
   last): Django's cache middleware on the ``pages`` cache (Redis, or files on one machine), which every process
   and instance shares. A page is kept ``PAGE_CACHE_SECONDS`` (30 s) and the whole cache is cleared when a
   content change commits (:mod:`advisor.versioning`).
2. **Per process** (:class:`MicroCacheMiddleware`, first of all): each process keeps what it has just served
   for ``PROCESS_CACHE_SECONDS`` (1 s) in ``caches["process"]`` (Django's local-memory cache), the
   reverse-proxy "micro-caching" idea. A hit costs no round trip and none of the other middleware, which is
   what keeps cached pages at a static file's rate (BENCHMARKS.md). Nothing tells a process about a change:
   its copies simply end within a second, so every process serves a change at most that long after the
   shared clear. The process that made the change drops its own copies at once.

The staleness bound is therefore ``PAGE_CACHE_SECONDS + PROCESS_CACHE_SECONDS``: a page from before a content
change is never served longer than that after the change commits, even when the shared clear is lost (Redis
unreachable at that moment); with the clear, at most ``PROCESS_CACHE_SECONDS``.

Both layers key pages on the scheme, host and full path as Django sees the request
(``request.build_absolute_uri()``) and the values of the request headers the page varies on: the shared
layer with Django's own keys, the process layer with all of those headers at once (:func:`process_key`).
What a client can send is bounded before it reaches a key:

- the headers pages vary on are normalised to the values that change a response (:data:`NORMALISED`), so
  ``Accept-Encoding: x1``, ``x2``... or ``HX-Request: yes`` add no keys;
- a page is stored only under its canonical address: with no query string, or with the exact query string
  its view names as canonical (:func:`canonical`); and only for a host exactly as configured, with no port
  other than the one the server listens on and no trailing dot (:func:`cacheable_host`);
- a response that sets a cookie belongs to one visitor (a page holding a CSRF token sets one) and is never
  stored, and neither are the frozen ``immutable`` forms of a result (JSON, Markdown: browsers keep those);
- a request with a session cookie (a signed-in curator, who may preview drafts) neither reads nor fills
  either layer.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware import cache
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control
from django.utils.http import parse_http_date_safe, split_directive_names

PROCESS_CACHE = "process"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # what django.middleware.gzip.GZipMiddleware looks for
HTMX_TARGETS = {"leader"}  # the only hx-target a view answers differently (views/guide.py)


def _true_or_none(value: str) -> str | None:
    return "true" if value == "true" else None


#: The request headers pages vary on, and the one value of each that can change a response (None: drop the
#: header). Everything else a client sends in them makes no difference, so it must make no new cache key.
NORMALISED = {
    "HTTP_ACCEPT_ENCODING": lambda value: "gzip" if ACCEPTS_GZIP.search(value) else None,
    "HTTP_HX_REQUEST": _true_or_none,
    "HTTP_HX_HISTORY_RESTORE_REQUEST": _true_or_none,
    "HTTP_HX_TARGET": lambda value: value if value in HTMX_TARGETS else None,
}


def normalise(request) -> None:
    meta = request.META
    for name, normal in NORMALISED.items():
        if name in meta:
            value = normal(meta[name])
            if value is None:
                del meta[name]
            else:
                meta[name] = value


def canonical(response, query: str):
    """Say which query string is canonical for this page (``""``: none). A view whose page depends on the
    query string calls this; without it, a page with any query string is not stored."""
    response.canonical_query = query
    return response


def cacheable_host(request) -> bool:
    """The host as configured, without a trailing dot or a port the server does not listen on: Django accepts
    ``localhost:99999`` and ``localhost.`` for an allowed ``localhost``; pages for those are rendered, never
    stored, so they can neither reach other visitors nor multiply the cache's keys."""
    host = request.get_host()
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    return not name.endswith(".") and (not port or port == request.META.get("SERVER_PORT"))


def reads_cache(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and cacheable_host(request)
    )


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
        if not reads_cache(request):
            return None  # not marked for update either, so UpdateCacheMiddleware leaves the response alone
        return super().process_request(request)


VARIES = {name.removeprefix("HTTP_").replace("_", "-").lower() for name in NORMALISED}


def process_key(request) -> str:
    """One key per address as Django sees it (scheme, validated host, script prefix and full path) and per
    value of every header pages may vary on, all normalised: one lookup, whatever the page varies on."""
    meta = request.META
    key = "|".join([request.build_absolute_uri(), *(meta.get(name, "") for name in NORMALISED)])
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()  # as Django hashes its page keys


class MicroCacheMiddleware:
    """This process's copies of the pages it has just served, for ``PROCESS_CACHE_SECONDS``. First in
    ``MIDDLEWARE``: it normalises the headers pages vary on for every layer after it, and a hit skips them.
    A copy is kept as plain data (status, headers, body), which the local-memory cache pickles far faster than
    a response object."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        if request.path_info.startswith(self.static_prefix):  # whitenoise's: never page-cached
            return self.get_response(request)
        normalise(request)
        seconds = settings.PROCESS_CACHE_SECONDS
        if not seconds or not reads_cache(request):
            return self.get_response(request)
        process = caches[PROCESS_CACHE]
        key = process_key(request)
        copy = process.get(key)
        if copy is not None:
            return self.serve(request, *copy)
        response = self.get_response(request)
        if self.keeps(request, response):
            headers = tuple((name, value) for name, value in response.items() if name != "Age")
            process.set(key, (response.status_code, headers, response.content), seconds)
        return response

    @staticmethod
    def keeps(request, response) -> bool:
        """What the shared layer stores (a 200 that is not private, whatever max-age it tells browsers: a
        permalink's is 0, so that they revalidate), varying only on headers the key holds, and only for GET."""
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        directives = set(split_directive_names(response.get("Cache-Control", "")))
        if directives & {"private", "no-cache", "no-store"}:
            return False
        vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
        return storable(request, response) and vary <= VARIES

    @staticmethod
    def serve(request, status: int, headers: tuple, content: bytes) -> HttpResponse:
        """A copy, with its age as Django's cache middleware gives it, or a 304 for a matching validator."""
        response = HttpResponse(content, status=status, headers=dict(headers))
        max_age, expires = get_max_age(response), parse_http_date_safe(response.get("Expires", ""))
        if max_age is not None and expires is not None:
            response["Age"] = max(0, max_age - (expires - int(time.time())))
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(request, response.get("ETag"), last_modified, response)


def clear_process_copies() -> None:
    """Drop this process's copies (the process that changed the content serves the change at once)."""
    caches[PROCESS_CACHE].clear()
