"""Starting a lab app under a production server on loopback, and waiting for its first answer.

Every server name in lab.toml (`servers = [...]` of an app) has a command builder here, each following the page
named in its docstring. Every server gets the same number of worker processes (`workers`), binds 127.0.0.1 on the
port the runner gives it, runs from lab/apps with LAB_DB in its environment and writes no access log (gunicorn,
granian and hypercorn write none by default; the others are told not to), so that no server pays for logging
that another skips. Own-server apps (interface "own") are started as `python <file> --port P --workers N`, except
where the framework's own CLI is its documented way to run (Sanic) or its documented multi-process set-up is
gunicorn's worker class (aiohttp); each builder says which.

The runner pins the server to one core and wrk to the other with taskset (`pinned`).
"""

import contextlib
import os
import random
import shutil
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
# The shared vocabulary of lab.toml: common servers for WSGI/ASGI apps, then the frameworks' own servers.
COMMON = ("gunicorn", "uvicorn", "hypercorn", "waitress", "granian")
OWN = ("sanic", "aiohttp", "tornado", "robyn")
SERVERS = COMMON + OWN
ASGI_ONLY = {"uvicorn", "hypercorn"}
WSGI_ONLY = {"waitress"}
WAITRESS_THREADS = 4  # waitress's default thread count, as its docs give it


@dataclass(frozen=True)
class Server:
    name: str  # a name of SERVERS
    label: str  # how a user would name the setup
    package: str  # the distribution whose version is recorded
    argv: list[str]
    note: str = ""  # what differs from the shared set-up (waitress's threads, aiohttp's gunicorn)


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


def _gunicorn(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://gunicorn.org/run/ and https://www.uvicorn.org/deployment/#gunicorn (uvicorn-worker's
    UvicornWorker for ASGI apps)."""
    worker = "sync" if app.interface == "wsgi" else "uvicorn_worker.UvicornWorker"
    label = "gunicorn, sync workers" if app.interface == "wsgi" else "gunicorn with uvicorn workers"
    argv = [str(bin_dir / "gunicorn"), "--workers", str(workers), "--worker-class", worker]
    argv += ["--bind", f"127.0.0.1:{port}", "--chdir", str(APPS_DIR), "--log-level", "warning", app.target]
    return Server("gunicorn", label, "gunicorn", argv)


def _uvicorn(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://www.uvicorn.org/deployment/ (`--workers`; its access log is on by default, so it is turned off)."""
    argv = [str(bin_dir / "uvicorn"), "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--app-dir", str(APPS_DIR), "--log-level", "warning", "--no-access-log", app.target]
    return Server("uvicorn", "uvicorn", "uvicorn", argv)


def _hypercorn(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html (`--workers`, `--bind`)."""
    argv = [str(bin_dir / "hypercorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    argv += ["--log-level", "warning", app.target]
    return Server("hypercorn", "hypercorn", "Hypercorn", argv)


def _waitress(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://docs.pylonsproject.org/projects/waitress/en/stable/runner.html: one process with a thread pool;
    waitress has no worker processes, so it runs one process with its default four threads whatever `workers`
    says (recorded as the server's note)."""
    argv = [str(bin_dir / "waitress-serve"), "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--threads", str(WAITRESS_THREADS), app.target]
    note = f"waitress runs one process with {WAITRESS_THREADS} threads: it has no worker processes"
    return Server("waitress", f"waitress, {WAITRESS_THREADS} threads", "waitress", argv, note)


def _granian(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://github.com/emmett-framework/granian#readme (`--interface`, `--workers`)."""
    argv = [str(bin_dir / "granian"), "--interface", app.interface, "--workers", str(workers)]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--working-dir", str(APPS_DIR)]
    argv += ["--log-level", "warning", "--no-ws", app.target]
    return Server("granian", f"granian ({app.interface.upper()})", "granian", argv)


def _sanic(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://sanic.dev/en/guide/running/running.html: "the main way to run Sanic is to use the included CLI",
    with `--workers`; its access log is turned off (`--no-access-logs`)."""
    argv = [str(bin_dir / "sanic"), app.target, "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", str(workers), "--no-access-logs"]
    return Server("sanic", "Sanic's server (sanic CLI)", "sanic", argv)


def _aiohttp(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://docs.aiohttp.org/en/stable/deployment.html: a standalone `run_app` "does not utilize all CPU
    cores"; the page's multi-process set-ups are several instances behind nginx or gunicorn with
    `aiohttp.GunicornWebWorker`. The lab has no proxy, so it runs the gunicorn one: aiohttp's own HTTP server
    in each worker, gunicorn managing the processes and the socket."""
    argv = [str(bin_dir / "gunicorn"), "--workers", str(workers), "--worker-class", "aiohttp.GunicornWebWorker"]
    argv += ["--bind", f"127.0.0.1:{port}", "--chdir", str(APPS_DIR), "--log-level", "warning", app.target]
    note = "aiohttp's server in gunicorn's aiohttp.GunicornWebWorker processes, as aiohttp's deployment page shows"
    return Server("aiohttp", "aiohttp's server (gunicorn's aiohttp worker)", "aiohttp", argv, note)


def _own_script(app: App, bin_dir: Path, port: int, workers: int, name: str, label: str) -> Server:
    """The shared convention for own servers: `python <file> --port P --workers N` on 127.0.0.1."""
    script = f"{app.target.split(':')[0].replace('.', '/')}.py"
    argv = [str(bin_dir / "python"), script, "--port", str(port), "--workers", str(workers)]
    return Server(name, label, name, argv)


def _tornado(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://www.tornadoweb.org/en/stable/guide/running.html: one process per CPU, started from one parent
    with `bind_sockets` and `tornado.process.fork_processes` (the app's `__main__`)."""
    return _own_script(app, bin_dir, port, workers, "tornado", "Tornado's HTTPServer (fork_processes)")


def _robyn(app: App, bin_dir: Path, port: int, workers: int) -> Server:
    """https://robyn.tech/documentation/en/api_reference/scaling: `python app.py --workers=N --processes=M`
    (processes, and workers in each process). Robyn reads these itself from the command line, so the shared
    `--workers N` becomes `--processes N --workers 1`: N processes with one worker each, like the other servers."""
    server = _own_script(app, bin_dir, port, workers, "robyn", "Robyn's server (--processes)")
    argv = [*server.argv[:-2], "--processes", str(workers), "--workers", "1", "--log-level", "WARNING"]
    return Server("robyn", server.label, "robyn", argv)


BUILDERS = {
    "gunicorn": _gunicorn,
    "uvicorn": _uvicorn,
    "hypercorn": _hypercorn,
    "waitress": _waitress,
    "granian": _granian,
    "sanic": _sanic,
    "aiohttp": _aiohttp,
    "tornado": _tornado,
    "robyn": _robyn,
}


def command(app: App, server: str, venv: Path, port: int, workers: int) -> Server:
    """How ``app`` is started under ``server`` from its environment ``venv`` (not yet pinned to a core)."""
    if server not in BUILDERS:
        raise ValueError(f"unknown server {server!r} (known: {', '.join(SERVERS)})")
    if (server in COMMON) == (app.interface == "own"):
        raise ValueError(f"{app.slug} ({app.interface}) cannot run under {server}")
    if (server in ASGI_ONLY and app.interface != "asgi") or (server in WSGI_ONLY and app.interface != "wsgi"):
        raise ValueError(f"{server} does not serve {app.interface.upper()} apps ({app.slug})")
    return BUILDERS[server](app, venv / "bin", port, workers)


def taskset() -> str | None:
    return shutil.which("taskset")


def pinning(server_cpus: str, load_cpus: str) -> tuple[bool, str]:
    """Whether the server and wrk can be pinned to the given cores, and a sentence for the run's record."""
    allowed = os.sched_getaffinity(0)
    wanted = {int(c) for part in (server_cpus, load_cpus) for c in _cpus(part)}
    if taskset() is None:
        return False, "Not pinned: taskset was not found, so the server and wrk shared every core."
    if not wanted <= allowed or set(_cpus(server_cpus)) & set(_cpus(load_cpus)):
        cores = ", ".join(str(c) for c in sorted(allowed))
        return False, (
            f"Not pinned: this machine offers cores {cores}, not separate cores {server_cpus} (server) and "
            f"{load_cpus} (wrk), so the server and wrk shared every core."
        )
    return True, f"Pinned with taskset: server processes on core {server_cpus}, wrk on core {load_cpus}."


def _cpus(spec: str) -> list[int]:
    """taskset's --cpu-list syntax (0, 0-1, 0,2) as core numbers."""
    found = []
    for part in str(spec).split(","):
        low, _, high = part.strip().partition("-")
        found += range(int(low), int(high or low) + 1)
    return found


def pinned(argv: list[str], cpus: str | None) -> list[str]:
    """``argv`` run on the cores ``cpus`` (taskset's --cpu-list; child processes inherit it), or as it is."""
    return [taskset() or "taskset", "--cpu-list", str(cpus), *argv] if cpus is not None else list(argv)


def display(argv: list[str], venv: Path) -> str:
    """The command as a reader would type it inside the app's environment and lab/apps."""
    parts = [arg.replace(str(venv / "bin") + "/", "").replace(str(APPS_DIR), "lab/apps") for arg in argv]
    if parts and parts[0].endswith("/taskset"):
        parts[0] = "taskset"
    return " ".join(parts)


def start(argv: list[str], db: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "LAB_DB": str(db), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the site's settings must not leak into the lab's Django app
    with open(log, "ab") as out:
        return subprocess.Popen(argv, cwd=APPS_DIR, env=env, stdout=out, stderr=out, start_new_session=True)


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
    with contextlib.suppress(ProcessLookupError):  # workers a master left behind share its process group
        os.killpg(process.pid, signal.SIGKILL)


def descendants(root: int) -> list[int]:
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
    found, pending = [], [root]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def listening_inodes(port: int) -> set[str]:
    """The socket inodes listening on 127.0.0.1:``port`` (from /proc/net/tcp)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":
            inodes.add(fields[9])
    return inodes


def holds(pid: int, inodes: set[str]) -> bool:
    try:
        links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:
        return False
    return any(link[len("socket:[") : -1] in inodes for link in links if link.startswith("socket:["))


def worker_rss_kib(master: int, port: int) -> list[int]:
    """Resident memory (VmRSS, KiB) of each worker of the server, read from /proc. A worker is a process under
    the master that holds the listening socket (helpers such as multiprocessing's resource tracker or Sanic's
    manager process do not); the master itself when it serves alone (waitress, one uvicorn or Robyn process).
    A taskset in front execs the server, so the pid stays the master's."""
    inodes = listening_inodes(port)
    pids = [pid for pid in descendants(master) if holds(pid, inodes)] or [master]
    result = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                result.append(int(line.split()[1]))
    return result
