"""A hung PostgreSQL fails a request in seconds instead of holding the worker until gunicorn kills it.

Three limits, all settings (README, "Configuration"): libpq's ``connect_timeout`` bounds opening a connection,
the server's ``statement_timeout`` bounds a query on a server that still answers, and this watchdog bounds a
query on a server (or a proxy in front of it) that has stopped answering altogether, which neither of those
sees: a persistent connection's next query would otherwise wait for ever.

``DatabaseUnavailableMiddleware`` registers each request's connection for its duration. One thread per
process looks every quarter second; when a request has run past ``DATABASE_QUERY_DEADLINE`` seconds while
its connection is still waiting for an answer, it shuts the connection's socket down. The waiting query then
fails at once with an ``OperationalError`` (a styled 503), Django discards the connection at the end of the
request, and the next request opens a new one, so the site recovers by itself when the database is back.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

logger = logging.getLogger(__name__)

CHECK_EVERY = 0.25  # seconds


def _waiting_for_the_server(raw) -> bool:
    from psycopg import pq

    pgconn = getattr(raw, "pgconn", None)
    return pgconn is not None and pgconn.transaction_status == pq.TransactionStatus.ACTIVE


def _interrupt(wrapper, seconds: float) -> None:
    raw = wrapper.connection  # the driver's connection, or None when none is open
    if raw is None or not _waiting_for_the_server(raw):
        return
    logger.error("The database has not answered for %.0f s: interrupting the query", seconds)
    try:
        with socket.socket(fileno=os.dup(raw.pgconn.socket)) as sock:
            sock.shutdown(socket.SHUT_RDWR)  # shuts the shared socket down, so libpq sees it closed
    except OSError:
        pass  # already closed


class Watchdog:
    def __init__(self):
        self.lock = threading.Lock()
        self.watched: dict[int, tuple[float, float, object]] = {}
        self.pid = 0

    def watch(self, wrapper, seconds: float) -> int:
        token = threading.get_ident()
        with self.lock:
            if self.pid != os.getpid():  # first use in this (forked) process: start its thread
                self.pid = os.getpid()
                threading.Thread(target=self._run, name="database-watchdog", daemon=True).start()
            self.watched[token] = (time.monotonic() + seconds, seconds, wrapper)
        return token

    def unwatch(self, token: int) -> None:
        with self.lock:
            self.watched.pop(token, None)

    def _run(self) -> None:
        while True:
            time.sleep(CHECK_EVERY)
            now = time.monotonic()
            with self.lock:
                due = [(token, entry) for token, entry in self.watched.items() if entry[0] <= now]
                for token, _ in due:
                    del self.watched[token]
            for _, (_, seconds, wrapper) in due:
                _interrupt(wrapper, seconds)


watchdog = Watchdog()
