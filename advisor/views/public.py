"""Public pages: home, robots.txt and the health check (the browsing pages live beside them)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..families import grouped
from ..models import ContentVersion, Family
from .common import preview, visible
from .compare import GROUP_MAX, pair_url, popular_pairs
from .matrix import visible_frameworks


@require_safe
def home(request: HttpRequest):
    frameworks = visible_frameworks(request)
    groups = grouped(frameworks, visible(Family.objects.all(), request))
    return render(
        request,
        "advisor/home.html",
        {
            "frameworks": frameworks,
            "groups": groups,
            "family_pairs": [
                {
                    "title": " vs ".join(f.name for f in g["frameworks"][:GROUP_MAX]),
                    "url": pair_url(g["frameworks"][:GROUP_MAX]),
                }
                for g in groups
                if g["family"] and len(g["frameworks"]) > 1
            ],
            "pairs": popular_pairs(frameworks),
            "preview": preview(request),
            "page_title": "Choose a Python web framework",
        },
    )


@require_safe
def robots_txt(request: HttpRequest):
    sitemap = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /healthz",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def healthz(request: HttpRequest):
    """200 when the database answers, 503 otherwise (for load balancers and deploys)."""
    try:
        ContentVersion.objects.exists()  # one trivial query through the ORM: the database answers, migrated
    except Exception:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable"}, status=503, headers={"Retry-After": "30"}
        )
    return JsonResponse({"status": "ok", "database": "ok"})
