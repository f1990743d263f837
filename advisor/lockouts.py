"""How many failed admin logins a client gets before django-axes locks it out (``AXES_FAILURE_LIMIT``).

Axes counts failures per username and client address (``AXES_LOCKOUT_PARAMETERS``), so a lockout only ever
stops the address that failed: strangers elsewhere cannot lock a curator out. That alone would let someone with
many addresses guess one username at ``LOGIN_FAILURE_LIMIT`` tries per address and hour, so once a username
has failed ``LOGIN_FAILURES_PER_USERNAME`` times in the cool-off, from any addresses, each address that has
never signed in as that username gets a single try an hour. Addresses the username has signed in from (axes's
access log of successful logins) keep the usual limit, so the curator at their usual desk is not slowed down.
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def failures_for_username(username: str, request: HttpRequest) -> int:
    """Failures for ``username`` from every address within the cool-off."""
    recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=get_cool_off_threshold(request))
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request: HttpRequest, credentials: dict | None) -> int:
    limit = settings.LOGIN_FAILURE_LIMIT
    username = get_client_username(request, credentials)
    if not username or failures_for_username(username, request) < settings.LOGIN_FAILURES_PER_USERNAME:
        return limit
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    if AccessLog.objects.filter(username=username, ip_address=address).exists():
        return limit
    return 1
