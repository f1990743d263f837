from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from advisor.sitemaps import SITEMAPS
from advisor.views.public import robots_txt

admin.site.site_header = "Framework Advisor curation"
admin.site.site_title = "Framework Advisor admin"
admin.site.index_title = "Curated content"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("advisor.urls")),
]
