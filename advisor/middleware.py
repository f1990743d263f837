"""A styled 503 when the database is down or hung, and a styled body for Django's empty 405.

``DatabaseUnavailableMiddleware`` turns a database outage into a styled 503 with ``Retry-After``: cached
pages keep being served (``advisor.pagecache``; a cache hit never reaches the database), the rest says
"back soon", nothing shows a traceback. Connections are opened per need with a connect timeout and queries
run under a statement timeout (``config/settings.py``), so a hung database fails a request in seconds; the
site recovers by itself when the database is back.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from .dbwatch import watchdog

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


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
        self.deadline = settings.DATABASE_QUERY_DEADLINE
        self.watch = self.deadline > 0 and connections["default"].vendor == "postgresql"

    def __call__(self, request: HttpRequest):
        token = watchdog.watch(connections["default"], self.deadline) if self.watch else None
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:  # raised outside a view, e.g. by the session
            logger.error("Database unavailable: %s", exc)
            return database_unavailable_response(request)
        finally:
            if token is not None:
                watchdog.unwatch(token)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response(request)
        return None
