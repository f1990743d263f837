from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from advisor.sitemaps import SITEMAPS
from advisor.views.public import robots_txt

admin.site.site_header = "Framework Advisor curation"
admin.site.site_title = "Framework Advisor admin"
admin.site.index_title = "Curated content"

urlpatterns = [
    path("admin/", admin.site.urls),
    # GET and HEAD only, like every other public page.
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("correct/", include("corrections.urls")),
    path("", include("advisor.urls")),
]

# Styled error pages that never read the request body again (see advisor/views/errors.py).
handler400 = "advisor.views.errors.bad_request"
handler403 = "advisor.views.errors.permission_denied"
handler404 = "advisor.views.errors.page_not_found"
handler500 = "advisor.views.errors.server_error"
