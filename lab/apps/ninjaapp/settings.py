"""Settings of the lab's Django Ninja project: a Django project of its own, production-like (DEBUG off), one
SQLite file, no sessions or auth (the contract needs neither). Mirrors lab/apps/djangoapp so the two Django
apps differ only in Django Ninja."""

import os

SECRET_KEY = "lab-only-not-a-secret-this-project-serves-loopback-benchmarks"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["ninjaapp"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "ninjaapp.urls"
WSGI_APPLICATION = "ninjaapp.wsgi.application"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("LAB_DB", "lab.sqlite3"),
        "CONN_MAX_AGE": None,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
