"""A styled 503 when the database is down or hung, and 405 for a method a view does not take, before CSRF.

``DatabaseUnavailableMiddleware`` turns a database outage into a styled 503 with ``Retry-After``: cached
pages keep being served (``advisor.pagecache``; a cache hit never reaches the database), the rest says
"back soon", nothing shows a traceback. Connections are opened per need with a connect timeout and queries
run under a statement timeout (``config/settings.py``), so a hung database fails a request in seconds; the
site recovers by itself when the database is back.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
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


#: What the site answers where a view does not say (the admin's views): nothing takes PUT, PATCH or DELETE.
SITE_METHODS = ("GET", "HEAD", "POST")


def accepted_methods(view) -> list[str] | None:
    """The methods a view takes, as ``require_http_methods`` (or ``require_safe``, ``require_GET``, ...) declared
    them anywhere in its stack of decorators, or None if none of them did. Django keeps the list only in the
    closure of the function it returns; tests/test_methods.py checks that every URL pattern's is found."""
    while view is not None:
        code = getattr(view, "__code__", None)
        for name, cell in zip(code.co_freevars if code else (), getattr(view, "__closure__", None) or (), strict=True):
            if name == "request_method_list":
                return list(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


class MethodNotAllowedMiddleware:
    """A 405 with ``Allow`` for a method the view does not take, before the CSRF check could answer a PUT or a
    DELETE with "the form has expired" (it rejects every unsafe method without a token, and runs before the
    view's own ``require_safe``). Also gives Django's empty 405 the site's page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            from .views.errors import method_not_allowed

            return method_not_allowed(response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        allowed = accepted_methods(view_func)
        if allowed is None:
            if request.method in (*SITE_METHODS, "OPTIONS", "TRACE"):
                return None  # the view decides, as before
            allowed = list(SITE_METHODS)
        if request.method in allowed:
            return None
        from .views.errors import method_not_allowed

        return method_not_allowed(HttpResponseNotAllowed(allowed))  # Django's handler logs it, in one line


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
