"""``/correct/<kind>/<slugs>/``: the slugs name the claim as the public pages do."""

from django.urls import path

from . import views

app_name = "corrections"

urlpatterns = [
    path("rating/<slug:framework>/<slug:entry>/", views.suggest, {"kind": "rating"}, name="rating"),
    path("fit/<slug:entry>/<slug:framework>/", views.suggest, {"kind": "fit"}, name="fit"),
    path("pitfall/<slug:entry>/", views.suggest, {"kind": "pitfall"}, name="pitfall"),
    path("faq/<slug:entry>/", views.suggest, {"kind": "faq"}, name="faq"),
]
