"""Settings for Framework Advisor, read from the environment.

Every knob is an environment variable (see README.md, "Configuration"). Debug is off unless
DJANGO_DEBUG says otherwise, and a production process refuses to start without a secret key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))"), '
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "advisor",
    "corrections",  # readers' corrections: site data, not curated content
]

MIDDLEWARE = [
    # Public pages are cached in two layers (advisor/pagecache.py). First of all: this process's copies of what
    # it served in the last second (and the request headers pages vary on, normalised). Then Django's cache
    # middleware on the shared "pages" cache: stores finished pages (first, so it sees every header and the
    # compressed body) and serves them (last).
    "advisor.pagecache.MicroCacheMiddleware",
    "advisor.pagecache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "advisor.middleware.DatabaseUnavailableMiddleware",
    "advisor.middleware.MethodNotAllowedMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "advisor.pagecache.FetchFromCacheMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it locks out repeated failed admin logins.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# Failed admin logins (advisor/lockouts.py): a username is locked out at one client address, never everywhere,
# so strangers elsewhere cannot lock a curator out; once one username has failed LOGIN_FAILURES_PER_USERNAME
# times from any addresses within the cool-off, each address it never signed in from gets one try an hour.
LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURES_PER_USERNAME = int(os.environ.get("DJANGO_LOGIN_FAILURES_PER_USERNAME", "20"))
AXES_FAILURE_LIMIT = "advisor.lockouts.failure_limit"
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"

# Reverse proxies in front of the app. 0 (the default): clients connect directly, and no header a client sends is
# taken as proxy information. N: the last N hops are proxies that each append the address they were reached from
# to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), so the client is the N-th address from the right, and
# the first proxy says in X-Forwarded-Proto whether the client used HTTPS. gunicorn trusts the same header only
# from a Unix socket or FORWARDED_ALLOW_IPS (gunicorn.conf.py). django-ipware (which django-axes uses to name
# the client) counts only the proxies listed in X-Forwarded-For, that is all but the last one; not strict, so
# addresses a client writes into the header itself are skipped, not a reason to give up.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT") or 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"DJANGO_PROXY_COUNT must be 0 or more, not {PROXY_COUNT}.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",) if PROXY_COUNT else ("REMOTE_ADDR",)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None
IPWARE_STRICT = False

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "advisor.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file in the project unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share one SQLite file. Write-ahead logging lets readers run beside a writer and
    # syncs to disk at checkpoints rather than on every commit (synchronous=NORMAL: a power cut may lose the
    # last commits, never corrupt the file). IMMEDIATE transactions take the write lock when they begin, so
    # two writers queue up (for ``timeout`` seconds) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        transaction_mode="IMMEDIATE",
        timeout=20,
    )
# A database that is down or hung fails a request in seconds (a styled 503), not when gunicorn kills the
# worker: a connect timeout, a statement timeout the server enforces, and a deadline after which a query a
# hung server never answers is interrupted (advisor/dbwatch.py). 0 turns the statement timeout or the
# deadline off (a long migration may need DJANGO_DB_STATEMENT_TIMEOUT=0).
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "5"))
DATABASE_QUERY_DEADLINE = DATABASE_STATEMENT_TIMEOUT + 1 if DATABASE_STATEMENT_TIMEOUT else 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=max(DATABASE_CONNECT_TIMEOUT, 2),  # libpq's minimum
        options=f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: Redis when REDIS_URL is set, otherwise files that every local process shares. "pages" holds whole
# public pages (advisor/pagecache.py) and is cleared whenever content changes; "default" is Django's. Both
# are bounded: Redis by its own maxmemory and eviction policy (see README), files by MAX_ENTRIES.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = Path(os.environ.get("ADVISOR_CACHE_DIR", BASE_DIR / ".cache"))
if REDIS_URL:

    def _redis_cache(prefix: str) -> dict:
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                # A down or slow Redis degrades the cache, never the site.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }

    CACHES = {"default": _redis_cache("advisor"), "pages": _redis_cache("pages")}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "default"),
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "pages"),
            # About 20 KB a page: at most ~40 MB; past the limit a third of the entries are culled.
            "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 3},
        },
    }
# Each process's own copies of the pages it served in the last PROCESS_CACHE_SECONDS (advisor/pagecache.py).
CACHES["process"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "process-pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# The page cache (advisor/pagecache.py): a page is kept PAGE_CACHE_SECONDS in the shared cache and
# PROCESS_CACHE_SECONDS in each process; their sum bounds how long a page from before a content change can be
# served if the clear on commit is lost (README, "How the page cache stays correct").
PAGE_CACHE_SECONDS = int(os.environ.get("ADVISOR_PAGE_CACHE_SECONDS", "30"))
# New results one address may store per minute (questionnaire POSTs and "see my result now"); 0: no limit.
RESULTS_PER_MINUTE = int(os.environ.get("ADVISOR_RESULTS_PER_MINUTE", "30"))
PROCESS_CACHE_SECONDS = int(os.environ.get("ADVISOR_PROCESS_CACHE_SECONDS", "1"))
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
CACHE_MIDDLEWARE_KEY_PREFIX = ""

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Only the hashed copies are kept (and compressed): pages name static files through the manifest, so the
# unhashed copies were never served to anyone, and dropping them halves collectstatic's compression work.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

# Curated content lives in files; loadcontent/exportcontent read and write this folder.
CONTENT_DIR = Path(os.environ.get("ADVISOR_CONTENT_DIR", BASE_DIR / "content"))
# The largest content file loadcontent reads (the largest shipped one is about 80 KB).
CONTENT_FILE_MAX_BYTES = int(os.environ.get("ADVISOR_CONTENT_FILE_MAX_BYTES", 1024 * 1024))

# Security. DJANGO_HTTPS defaults to on in production; 0 lets a production-like run
# serve plain HTTP on loopback. Behind a proxy, HTTPS is what X-Forwarded-Proto says (see PROXY_COUNT above).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Refuse oversized requests early.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# A failed CSRF check gets the site's layout and a sentence that helps (advisor/views/errors.py).
CSRF_FAILURE_VIEW = "advisor.views.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A visitor's bad request is one line in the log, not a traceback (see advisor/logfilters.py).
    "filters": {"client_errors_in_one_line": {"()": "advisor.logfilters.ClientErrorsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"filters": ["client_errors_in_one_line"]},
        "django.security": {"filters": ["client_errors_in_one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
