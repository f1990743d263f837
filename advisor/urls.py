from django.urls import path

from .views import public

app_name = "advisor"

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
]
