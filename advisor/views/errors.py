"""Error pages for what Django answers itself: 400, 403 (and a failed CSRF check), 404, 405 and 500.

Each has the site's layout and a sentence that helps. Django's default handlers are wrapped in
``requires_csrf_token``, which runs the CSRF check again and so reads ``request.POST`` again: for a body that
could not be decoded (a form sent in another charset) that raises the very error being handled, and the
visitor gets a bare 500 with a chain of tracebacks in the log. These handlers never touch the request body,
the database or the Host header (``error_base.html`` is standalone).
"""

from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

UNDECODABLE = (
    "The form could not be read: its body is not in UTF-8, the only encoding this site accepts. "
    "Send the form again from the site's own page."
)
TOO_LARGE = "That request was too large: it sent more data or more fields than any form of this site needs."
GENERIC_400 = (
    "That request could not be understood: its address, headers or body are malformed. "
    "Follow a link from the site, or type the address again."
)


def _page(title: str, message: str, status: int) -> HttpResponse:
    html = render_to_string("error_base.html", {"title": title, "message": message})
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _explain(exception) -> str:
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return TOO_LARGE
    if isinstance(exception, BadRequest) and "encoded" in str(exception):
        return UNDECODABLE
    return GENERIC_400


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page("That request could not be read", _explain(exception), 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page("Not allowed", "This page is not open to you. Curators sign in at /admin/.", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent without its token, or from another site."""
    message = (
        "The form could not be accepted: it was sent without this site's security token, or from another "
        "site. Reload the page (cookies must be allowed for this site) and send it again."
    )
    return _page("That form has expired", message, 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponse(render_to_string("500.html"), status=500)


def method_not_allowed(response: HttpResponse) -> HttpResponse:
    """Give Django's empty 405 (``require_safe`` and friends) a body that says what to do; keep ``Allow``."""
    allowed = response.get("Allow", "")
    message = f"This address answers only {allowed} requests." if allowed else ""
    styled = _page("Not a way to ask for this page", f"{message} Open it in a browser, or follow a link.", 405)
    if allowed:
        styled["Allow"] = allowed
    return styled
