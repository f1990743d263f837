"""Run the site the production way: nginx on PORT in front of gunicorn on a private Unix socket.

``make serve`` runs this after collectstatic, migrate and loadcontent. It writes ``deploy/nginx.conf`` with this
run's paths into a fresh folder, starts gunicorn (``gunicorn.conf.py``) on a socket in that folder, then nginx,
and stops both when either stops or when it is interrupted (Ctrl-C, SIGTERM). Standard library only.

Environment: ``PORT`` (8000) or ``NGINX_LISTEN`` (``127.0.0.1:$PORT``) for nginx's address; everything else is
the site's and gunicorn's own (README, "Configuration"). The app is behind one proxy here, so
``DJANGO_PROXY_COUNT`` defaults to 1; gunicorn gets a control socket of its own in the folder
(``gunicornc -s FOLDER/gunicorn.ctl``).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not found:
        sys.exit("nginx is not installed: `make serve` installs it (apt-get install nginx-light).")
    return found


def server_names() -> str:
    """DJANGO_ALLOWED_HOSTS in nginx's words (``.example.com`` means the same to both); any name ("~.") when it
    allows all or is unset."""
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
    return " ".join(hosts) if hosts and "*" not in hosts else "~."


def nginx_config(run: Path, listen: str, sock: Path) -> str:
    port = listen.rsplit(":", 1)[-1]
    values = {
        # As root, nginx's workers drop to nobody (its master keeps the port); otherwise they run as we do.
        "__USER__": "user nobody nogroup;" if os.geteuid() == 0 else "",
        "__RUN__": str(run),
        "__SOCKET__": str(sock),
        "__LISTEN__": listen,
        "__SERVER_NAMES__": server_names(),
        # The port the server listens on, never one a client wrote, so that links on a test port keep it.
        "__HOST__": "$host" if port in ("80", "443") else "$host:$server_port",
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(name, value)
    return text


def wait_for_socket(sock: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn stopped before it was ready (exit {proc.returncode})")
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(sock))
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not open its socket in time")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM: gunicorn's graceful stop (its graceful_timeout), nginx's quick one."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    listen = os.environ.get("NGINX_LISTEN") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
    run = Path(tempfile.mkdtemp(prefix="advisor-serve-"))
    if os.geteuid() == 0:
        run.chmod(0o711)  # nginx's workers (nobody) reach the socket by name; nobody else can list the folder
    sock = run / "gunicorn.sock"
    env = {
        **os.environ,
        "GUNICORN_BIND": f"unix:{sock}",
        "DJANGO_PROXY_COUNT": os.environ.get("DJANGO_PROXY_COUNT") or "1",
        "GUNICORN_CONTROL_SOCKET": os.environ.get("GUNICORN_CONTROL_SOCKET") or str(run / "gunicorn.ctl"),
    }
    (run / "nginx.conf").write_text(nginx_config(run, listen, sock))

    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    gunicorn = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)
    nginx = None
    try:
        wait_for_socket(sock, gunicorn)
        nginx = subprocess.Popen([nginx_binary(), "-p", str(run), "-c", str(run / "nginx.conf"), "-e", "stderr"])
        print(f"Serving on http://{listen}/ (nginx in front of gunicorn; files in {run})", flush=True)
        while not stopping and gunicorn.poll() is None and nginx.poll() is None:
            time.sleep(0.2)
    finally:
        if nginx is not None:
            stop(nginx)
        stop(gunicorn)
        shutil.rmtree(run, ignore_errors=True)
    failed = [p.returncode for p in (gunicorn, nginx) if p is not None and p.returncode not in (0, -signal.SIGTERM)]
    return 0 if stopping or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
