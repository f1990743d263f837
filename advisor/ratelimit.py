"""Per-address limits through Django's cache (the ``default`` cache: Redis or files, shared by every process).

A counter per address and window (added by the first request, incremented by the others), weighed with the last
window's into a sliding window (:func:`allow`).
A cache that does not answer allows the request (a limit must not take the site down with the cache).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The visitor's address: the connection's (REMOTE_ADDR), or behind ``DJANGO_PROXY_COUNT`` proxies the
    address the outermost of them saw, read from the right of ``X-Forwarded-For`` (each proxy appends the
    address it was called from, so only that many entries from the right are ours, whatever a client sent)."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def hit(key: str, seconds: int) -> int | None:
    """Add one to the counter ``key`` (kept ``seconds``) and return it; None when the cache answers nothing
    (django-redis's IGNORE_EXCEPTIONS). Raises what an unreachable cache raises."""
    cache = caches["default"]
    try:
        return 1 if cache.add(key, 1, seconds) else cache.incr(key)
    except ValueError:  # expired or evicted between add and incr: a new count
        cache.set(key, 1, seconds)
        return 1


def allow(scope: str, address: str, limit: int, seconds: int) -> bool:
    """Whether ``address`` may do one more ``scope`` now, at most ``limit`` in any ``seconds``; 0: no limit.

    Two fixed windows weighed into a sliding one (this window's count, plus the last window's in proportion to
    how much of it the sliding window still covers), so a burst across a window's edge is still refused. Every
    attempt counts, refused ones too, so a flood stays refused while it goes on."""
    if not limit:
        return True
    now = time.time()
    window, into = divmod(now, seconds)
    current, previous = (f"limit:{scope}:{address}:{int(window) - i}" for i in (0, 1))
    try:
        count = hit(current, 2 * seconds)
        before = caches["default"].get(previous) or 0
    except Exception:  # the cache is unreachable
        logger.warning("Rate limit not checked: the cache did not answer", exc_info=True)
        return True
    if count is None:  # a cache that ignores its errors (django-redis's IGNORE_EXCEPTIONS) answered nothing
        return True
    return count + before * (1 - into / seconds) <= limit
