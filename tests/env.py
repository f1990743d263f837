"""Loaded first by pytest (``-p tests.env``): safe defaults for the test process's environment.

Settings read the environment at import, so these must be in place before Django is set up.
DATABASE_URL and REDIS_URL are left as the caller set them (CI runs the suite on PostgreSQL).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Playwright's sync API runs an event loop in the test thread; live_server then needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
