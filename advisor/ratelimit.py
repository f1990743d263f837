"""Per-address limits through Django's cache (the ``default`` cache: Redis or files, shared by every process).

A fixed window: the first request of a window adds a counter that expires with it, the others increment it.
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


def allow(scope: str, address: str, limit: int, seconds: int) -> bool:
    """Whether ``address`` may do one more ``scope`` in this window of ``seconds``; ``limit`` 0: no limit."""
    if not limit:
        return True
    window = int(time.time() // seconds)
    key = f"limit:{scope}:{address}:{window}"
    cache = caches["default"]
    try:
        if cache.add(key, 1, seconds + 1):
            return True
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr: a new window
        return True
    except Exception:  # the cache is unreachable
        logger.warning("Rate limit not checked: the cache did not answer", exc_info=True)
        return True
