"""``manage.py check --deploy``: the site must know how many proxies stand in front of it.

Behind a proxy every request comes from the proxy's address, so without ``DJANGO_PROXY_COUNT`` django-axes would
count every visitor's failed logins as one client's, and strangers could lock a curator out. The signs that a
proxy is there even though the count is unset: Django is told to trust a proxy's HTTPS header, gunicorn is told
to trust proxies' headers (``FORWARDED_ALLOW_IPS``), or gunicorn listens on a Unix socket, which only a proxy
on the same machine reaches.
"""

import os

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_count_is_set(app_configs, **kwargs) -> list[Warning]:
    if settings.PROXY_COUNT:
        return []
    signs = []
    if settings.SECURE_PROXY_SSL_HEADER:
        signs.append("SECURE_PROXY_SSL_HEADER is set")
    if os.environ.get("FORWARDED_ALLOW_IPS", "").strip():
        signs.append("FORWARDED_ALLOW_IPS names proxies gunicorn trusts")
    if os.environ.get("GUNICORN_BIND", "").startswith("unix:"):
        signs.append("gunicorn listens on a Unix socket (GUNICORN_BIND)")
    if not signs:
        return []
    return [
        Warning(
            f"The site looks like it runs behind a proxy ({'; '.join(signs)}), but DJANGO_PROXY_COUNT is not set.",
            hint=(
                "Set DJANGO_PROXY_COUNT to the number of proxies in front of the app (1 for the nginx of "
                "deploy/nginx.conf): without it every visitor shares the proxy's address, and failed logins "
                "from strangers lock curators out."
            ),
            id="advisor.W001",
        )
    ]
