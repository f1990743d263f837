from django.urls import path

from .views import guide, public

app_name = "advisor"

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    # The questionnaire and results.
    path("guide/", guide.guide, name="guide"),
    path("r/<slug:slug>/", guide.result, name="result"),
]
