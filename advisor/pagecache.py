"""Whole public pages cached with Django's own cache middleware, in the ``pages`` cache.

``UpdateCacheMiddleware`` (first in ``MIDDLEWARE`` after the copies below) stores finished responses,
compressed and with every header set; ``FetchFromCacheMiddleware`` (last) serves them, keyed the way Django
keys them: the full URL
and the request headers the response varies on (``HX-Request`` and ``HX-History-Restore-Request`` for the
pages with htmx fragments, ``Accept-Encoding``). ETags and 304s come from ``ConditionalGetMiddleware``.
Each changes one thing about Django's classes:

- every page is stored for at most ``PAGE_CACHE_SECONDS`` (30 s by default), whatever ``max-age`` it tells
  browsers. A content change clears the whole ``pages`` cache when it commits (``versioning``); if that clear
  is lost (Redis unreachable or slow at that moment), every page older than the change still expires within
  that time. This is the staleness bound;
- a page is stored only under its canonical address: with no query string, or with the exact query string
  its view names as canonical (:func:`canonical`). Any other parameter (``?cb=1``, ``?utm_source=…``, a
  matrix state written another way) is rendered and served, never stored, so it adds no keys;
- a response that sets a cookie belongs to one visitor (a page holding a CSRF token sets one) and is never
  stored, and neither are the frozen ``immutable`` forms of a result (JSON, Markdown: browsers keep those);
- a request with a session cookie (a signed-in curator, who may preview drafts) neither reads nor fills
  the cache.

``LocalCopiesMiddleware`` (at the end of this module) adds a copy in each process, for speed only, with the
measurement that made it necessary.
"""

import contextlib
import os
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware import cache
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe


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


# ---------------------------------------------------------------------------------------------------------
# Copies in this process, for speed only. Why: `make bench` and an in-process measurement (BENCHMARKS.md)
# put a hit through Django's middleware at about 350 µs of CPU against 125 µs for a static file (two shared
# cache reads, each page key computed twice, the other middleware), well under the 0.8 of the static file's
# rate that cached pages must keep. This middleware, first in MIDDLEWARE, keeps a copy of each page that
# Django's cache served, and serves it again after one small shared read: the cache's *generation*. Nothing
# about correctness changes: clear() (every content change) removes the generation with everything else,
# so the next request in every process starts a new one and ignores its copies; a copy never outlives the
# stored page's own expiry, so a lost clear still ends within PAGE_CACHE_SECONDS; and copies are made only
# of what FetchFromCacheMiddleware served, so they follow its rules (canonical address, no cookies, no
# curators). If the shared cache does not answer, no copy is used.

GENERATION_KEY = "advisor:generation"
COPIES = 256
COPY_KEYED_HEADERS = ("Accept-Encoding", "HX-Request", "HX-History-Restore-Request")
COPYABLE_VARY = {h.lower() for h in COPY_KEYED_HEADERS}


def generation() -> str | None:
    pages = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    value = pages.get(GENERATION_KEY)
    if value is None:  # cleared: start a new generation (or take the one another process just started)
        candidate = uuid.uuid4().hex
        value = candidate if pages.add(GENERATION_KEY, candidate, None) else pages.get(GENERATION_KEY)
    return value


# With Redis, reading the generation is a round trip: measured at about 170 µs of this process's CPU per
# read on the bench machine (BENCHMARKS.md), more than a whole static file, which kept cached pages at
# 0.75-0.80 of the static file's rate. So each process subscribes to a channel that every clear is announced
# on (``announce``, called by versioning after the clear), keeps the generation it read, and before each use
# polls its subscription without waiting (a few µs): an announcement drops the kept generation, so the next
# request reads the new one. The poll happens in the request itself, so an announcement that reached this
# process before the request is always seen. If the subscription breaks, every request reads the generation
# again until it is back; if an announcement is lost (Redis paused or unreachable during the change), copies
# still end with their stored page, within PAGE_CACHE_SECONDS, as the module docstring says.

RESUBSCRIBE_SECONDS = 1.0


def _redis(pages):
    """The pages cache's Redis client, or None for any other cache backend."""
    client = getattr(pages, "client", None)
    get_client = getattr(client, "get_client", None)
    return get_client(write=True) if get_client else None


def channel(pages, redis) -> str:
    """The channel the clears of ``pages`` are announced on. A Redis server's channels are shared by all its
    databases, so the name holds the database and the cache's key prefix: sites (or test runs) that share a
    server on other databases or prefixes do not hear each other's clears."""
    database = redis.connection_pool.connection_kwargs.get("db", 0)
    return f"advisor:pages-cleared:{database}:{pages.make_key('')}"


def announce() -> None:
    """Tell every process that the pages cache was cleared (no-op without Redis)."""
    pages = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    redis = _redis(pages)
    if redis is not None:
        redis.publish(channel(pages, redis), "cleared")


class Announcements:
    """This process's subscription to the clear announcements, and the generation it has read since."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pubsub = None
        self.owner: tuple = (None, None)  # (process, pages cache settings) the subscription belongs to
        self.kept: str | None = None
        self.retry_at = 0.0

    def current(self) -> str | None:
        pages = caches[settings.CACHE_MIDDLEWARE_ALIAS]
        redis = _redis(pages)
        if redis is None:
            return generation()
        config = settings.CACHES.get(settings.CACHE_MIDDLEWARE_ALIAS)
        with self.lock:
            if self.owner[0] != os.getpid() or self.owner[1] is not config:  # a forked worker, other settings
                owner = (os.getpid(), config)  # holding the config keeps its identity from being reused
                self.pubsub, self.owner, self.kept, self.retry_at = None, owner, None, 0.0
            if self.pubsub is None and time.monotonic() >= self.retry_at:
                self._subscribe(redis, channel(pages, redis))
            if self.pubsub is None:
                return generation()
            try:
                while (message := self.pubsub.get_message(timeout=0)) is not None:
                    if message["type"] in ("message", "subscribe"):  # an announcement, or subscribed anew
                        self.kept = None
            except Exception:  # the subscription broke for good: read the generation each time until it is back
                self._drop()
                return generation()
            if self.kept is None:
                self.kept = generation()
            return self.kept

    def _subscribe(self, redis, name: str) -> None:
        self.retry_at = time.monotonic() + RESUBSCRIBE_SECONDS
        try:
            pubsub = redis.pubsub()
            pubsub.subscribe(name)
            confirmed = pubsub.get_message(timeout=0.5)  # the subscription is live before anything is kept
        except Exception:
            return
        if confirmed is None or confirmed["type"] != "subscribe":
            pubsub.close()
            return
        # redis-py reconnects a broken subscription by itself: announcements made meanwhile are lost, so
        # whatever was kept before the reconnection is dropped (the callback runs inside get_message).
        pubsub.connection.register_connect_callback(self._reconnected)
        self.pubsub, self.kept = pubsub, None

    def _reconnected(self, connection) -> None:
        self.kept = None

    def _drop(self) -> None:
        with contextlib.suppress(Exception):  # it is broken already
            self.pubsub.close()
        self.pubsub, self.kept = None, None


announcements = Announcements()


class LocalCopiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.copies: OrderedDict[tuple, tuple] = OrderedDict()
        self.lock = threading.Lock()
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path_info.startswith(self.static_prefix)  # whitenoise's, never page-cached
        ):
            return self.get_response(request)
        current = announcements.current()
        key = (
            request.method,
            request.META.get("HTTP_HOST", ""),
            request.META.get("wsgi.url_scheme", ""),
            request.path_info,
            request.META.get("QUERY_STRING", ""),
            *(request.headers.get(h, "") for h in COPY_KEYED_HEADERS),
        )
        if current is not None:
            with self.lock:
                copy = self.copies.get(key)
            if copy is not None and copy[0] == current and copy[1] > time.time():
                return self._serve(request, copy)
        response = self.get_response(request)
        if current is not None and self._copyable(response):
            self._keep(key, current, response)
        return response

    @staticmethod
    def _copyable(response) -> bool:
        if response.status_code != 200 or response.streaming or not response.has_header("Age"):
            return False  # only what Django's cache middleware served
        vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
        return vary <= COPYABLE_VARY and parse_http_date_safe(response.get("Expires", "")) is not None

    def _keep(self, key: tuple, current: str, response) -> None:
        now = time.time()
        expires = min(parse_http_date_safe(response["Expires"]), now + settings.PAGE_CACHE_SECONDS)
        age = int(response["Age"]) - now  # the stored page's age at any later moment is this plus the time
        headers = tuple((k, v) for k, v in response.items() if k != "Age")
        with self.lock:
            self.copies[key] = (current, expires, age, response.status_code, headers, response.content)
            self.copies.move_to_end(key)
            while len(self.copies) > COPIES:
                self.copies.popitem(last=False)

    @staticmethod
    def _serve(request, copy: tuple) -> HttpResponse:
        _, _, age, status, headers, content = copy
        response = HttpResponse(content, status=status, headers=dict(headers))
        response["Age"] = str(max(0, int(age + time.time())))
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(request, response.get("ETag"), last_modified, response)
