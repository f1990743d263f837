"""gunicorn settings, read from the environment (see README.md, "Deployment").

gunicorn's sync workers give a whole process to one connection: run them behind a buffering proxy
(``make serve`` puts nginx in front, ``deploy/``), never facing clients directly.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# gunicorn's default line with X-Forwarded-For after the peer: behind nginx the peer is its socket, the client is
# the right-most address there (DJANGO_PROXY_COUNT).
access_log_format = '%(h)s [%({x-forwarded-for}i)s] %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
errorlog = "-"

# Proxy headers. gunicorn believes X-Forwarded-Proto only from the peers listed here (none by default: a TCP
# client is never trusted) and from a Unix socket, which only the proxy in front can reach. Django believes it
# only when DJANGO_PROXY_COUNT says a proxy is there (config/settings.py), so both trust the same thing.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
# No path prefix from any peer: gunicorn would otherwise take SCRIPT_NAME and PATH_INFO from a trusted peer's
# headers, and every link the app builds would follow them.
forwarder_headers = ""

# The control socket (gunicornc): one per instance when GUNICORN_CONTROL_SOCKET names it, else none. gunicorn's
# default path is the same for every instance a user starts ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl),
# so the last one started would take it over and a command meant for one instance would reach another.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
