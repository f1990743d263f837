"""Keep this process's copy of the content state current without asking Redis on every request.

Every public request starts by reading the content state (``versioning.cached_state``) so that a curator's
change is seen on the very next request, by every process. With Redis that read is a network round trip per
request, about a quarter of what a cached page costs to serve. Redis can instead tell us when the key changes:
with ``CLIENT TRACKING ... BCAST PREFIX <key>`` (Redis 6 or later), any write, delete, expiry, eviction or
flush of the key sends an invalidation message to a connection this process subscribes with. Each request
then polls that connection without waiting (one ``poll`` system call): a pending message drops the copy, and
the next read asks Redis again.

Redis queues the invalidation before it answers the writer, so a request that comes after a curator's save
has been acknowledged finds the message waiting. This process's own writes drop the copy directly
(:func:`forget`). If the watch connection cannot be opened or breaks (Redis restarted, a network fault), the
process goes back to reading the key on every request, and tries to watch again a few seconds later. With
any other cache backend nothing here is used.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

CHANNEL = "__redis__:invalidate"
RETRY_SECONDS = 5.0
_MISSING = object()


def uses_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"].startswith("django_redis.")


class StateWatch:
    def __init__(self, key: str):
        self.key = key
        self.lock = threading.Lock()
        self.pid = 0
        self.connection = None
        self.client_id = None  # the watch connection's id in Redis
        self.copy = _MISSING
        self.failed_at = float("-inf")

    def read(self, fetch: Callable[[], object]) -> object:
        """The value of the key: this process's copy while Redis has not said it changed, else ``fetch()``."""
        with self.lock:
            if not self._watching() or self._changed():
                self.copy = _MISSING
            if self.copy is _MISSING:
                value = fetch()
                if self.connection is None:
                    return value
                self.copy = value
            return self.copy

    def forget(self) -> None:
        with self.lock:
            self.copy = _MISSING

    def close(self) -> None:
        with self.lock:
            self._drop()

    def _watching(self) -> bool:
        if self.pid != os.getpid():  # a forked child must not share its parent's socket
            self.pid, self.connection, self.copy = os.getpid(), None, _MISSING
        if self.connection is not None:
            return True
        if time.monotonic() - self.failed_at < RETRY_SECONDS:
            return False
        try:
            self.connection = self._subscribe()
        except Exception as exc:  # any failure: read the key on every request instead
            self._failed(exc)
            if type(exc).__name__ == "ResponseError":  # the server refuses (Redis before 6): never ask again
                self.failed_at = float("inf")
            return False
        return True

    def _changed(self) -> bool:
        try:
            changed = False
            while self.connection.can_read(timeout=0):
                self.connection.read_response()
                changed = True
            return changed
        except Exception as exc:
            self._failed(exc)
            return True

    def _subscribe(self):
        import redis

        location = settings.CACHES["default"]["LOCATION"]
        pool = redis.ConnectionPool.from_url(
            location if isinstance(location, str) else location[0],
            protocol=2,  # invalidations arrive as ordinary pub/sub messages
            socket_connect_timeout=0.5,
            socket_timeout=0.5,
        )
        connection = pool.make_connection()
        connection.connect()
        connection.send_command("CLIENT", "ID")
        self.client_id = client_id = connection.read_response()
        connection.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.key)
        if connection.read_response() not in (b"OK", "OK"):
            raise RuntimeError("Redis refused CLIENT TRACKING")
        connection.send_command("SUBSCRIBE", CHANNEL)
        connection.read_response()  # the subscription's confirmation
        return connection

    def _failed(self, exc: Exception) -> None:
        logger.warning("Not watching the content state in Redis (%s); reading it on every request.", exc)
        self._drop()
        self.failed_at = time.monotonic()

    def _drop(self) -> None:
        if self.connection is not None and self.pid == os.getpid():
            with contextlib.suppress(Exception):  # closing a broken socket
                self.connection.disconnect()
        self.connection, self.copy = None, _MISSING


_watches: dict[str, StateWatch] = {}


def read(key: str, fetch: Callable[[], object]) -> object:
    """``fetch()``, or this process's copy of it while Redis has not reported a change to ``key``."""
    if not uses_redis():
        return fetch()
    full_key = cache.make_key(key)
    watch = _watches.get(full_key)
    if watch is None:
        watch = _watches.setdefault(full_key, StateWatch(full_key))
    return watch.read(fetch)


def forget() -> None:
    """This process changed the key itself: drop every copy now rather than wait for the message."""
    for watch in list(_watches.values()):
        watch.forget()


def reset() -> None:
    """Close every watch (tests switch cache backends)."""
    for watch in list(_watches.values()):
        watch.close()
    _watches.clear()
