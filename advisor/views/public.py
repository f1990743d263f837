"""Public pages: home and the health check (the browsing pages live beside them)."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..models import Framework


@require_GET
def home(request: HttpRequest):
    frameworks = Framework.objects.published().only("slug", "name", "tagline", "best_for", "position")
    return render(request, "advisor/home.html", {"frameworks": frameworks})


@require_GET
@never_cache
def healthz(request: HttpRequest):
    """200 when the database answers, 503 otherwise (for load balancers and deploys)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable"}, status=503, headers={"Retry-After": "30"}
        )
    return JsonResponse({"status": "ok", "database": "ok"})
