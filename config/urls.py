from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Framework Advisor curation"
admin.site.site_title = "Framework Advisor admin"
admin.site.index_title = "Curated content"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("advisor.urls")),
]
