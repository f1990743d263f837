"""Starting a lab app under a production server on loopback, and waiting for its first answer.

WSGI apps run under gunicorn's sync workers, ASGI apps under gunicorn with uvicorn's worker class; every app
also runs under granian (which serves both), so a page can tell the framework's cost from the server's.
"""

import os
import random
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from lab.config import APPS_DIR, App

PORTS = range(18000, 19000)
SERVERS = ("gunicorn", "granian")


@dataclass(frozen=True)
class Server:
    name: str  # gunicorn or granian
    label: str  # how a user would name the setup
    package: str  # the distribution whose version is recorded
    argv: list[str]


def free_port() -> int:
    """A port in the lab's range that nothing listens on (bound and released, then handed to the server)."""
    start = random.randrange(len(PORTS))
    for offset in range(len(PORTS)):
        port = PORTS[(start + offset) % len(PORTS)]
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 18000 and 18999")


def command(app: App, server: str, venv: Path, port: int, workers: int) -> Server:
    bin_dir = venv / "bin"
    if server == "gunicorn":
        worker = "sync" if app.interface == "wsgi" else "uvicorn_worker.UvicornWorker"
        label = "gunicorn, sync workers" if app.interface == "wsgi" else "gunicorn with uvicorn workers"
        argv = [str(bin_dir / "gunicorn"), "--workers", str(workers), "--worker-class", worker]
        argv += ["--bind", f"127.0.0.1:{port}", "--chdir", str(APPS_DIR), "--log-level", "warning", app.target]
        return Server("gunicorn", label, "gunicorn", argv)
    if server == "granian":
        argv = [str(bin_dir / "granian"), "--interface", app.interface, "--workers", str(workers)]
        argv += ["--host", "127.0.0.1", "--port", str(port), "--working-dir", str(APPS_DIR)]
        argv += ["--log-level", "warning", "--no-ws", app.target]
        return Server("granian", f"granian ({app.interface.upper()})", "granian", argv)
    raise ValueError(f"unknown server {server!r}")


def display(argv: list[str], venv: Path) -> str:
    """The command as a reader would type it inside the app's environment and lab/apps."""
    parts = [arg.replace(str(venv / "bin") + "/", "").replace(str(APPS_DIR), "lab/apps") for arg in argv]
    return " ".join(parts)


def start(server: Server, db: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "LAB_DB": str(db), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the site's settings must not leak into the lab's Django app
    with open(log, "ab") as out:
        return subprocess.Popen(server.argv, cwd=APPS_DIR, env=env, stdout=out, stderr=out, start_new_session=True)


def wait_ready(process: subprocess.Popen, port: int, timeout: float = 60.0, path: str = "/plaintext") -> float:
    """Seconds from now until the server first answers 200 on ``path``; fails if it dies or times out."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode} before answering")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - began
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.01)
    raise RuntimeError(f"no answer on port {port} within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop the server and its workers (its own process group), by its id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def worker_rss_kib(master: int) -> list[int]:
    """Resident memory (VmRSS, KiB) of each process under the server's master, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    result = []
    for pid in children.get(master, []):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                result.append(int(line.split()[1]))
    return result
