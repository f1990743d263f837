"""The lab's runner: every selected framework's app (and the raw WSGI and ASGI baselines) under each server,
each endpoint loaded by wrk on loopback after a warm-up; import time, cold start, memory per worker and the
size of each environment; results per (app, server) pair under lab/.work/runs/RUN/APP/SERVER.json (so an
interrupted run resumes where it stopped) and the whole run as content (content/lab/RUN.yaml, through the
site's `manage.py writelabrun`).

    python -m lab.run [--frameworks flask,fastapi] [--duration 3] [--runs 3] [--run NAME] [--force] [--estimate]

The server runs pinned to one core and wrk to the other (taskset; lab.toml's server_cpus and load_cpus), each
endpoint is warmed up and then measured `runs` times; each figure is the median, with its min-max spread and a
flag when the spread is over lab.toml's spread_limit. Results are kept per (app, server) pair, so an
interrupted run resumes with the next pair.

Standard library only; the apps run in their own pinned environments (lab/envs.py).
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lab import envs, load, servers
from lab.config import APPS_DIR, ENDPOINTS, ROOT, WORK, App, ensure_db, read

SERVER_START_ESTIMATE = 4  # seconds per server start, import timing and shutdown, for the time-left estimate
ENV_BUILD_ESTIMATE = 30  # seconds per environment: 12 to 30 s each from pip's cache on the two-core machine


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown",
    )
    mem_kib = int(
        next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mib": round(mem_kib / 1024),
        "os": f"{platform.system()} {platform.release()}",
    }


def import_ms(app: App, venv: Path, db: Path, cpus: str | None = None, runs: int = 3) -> float:
    """Median time to import the app's module (which builds the app), in a fresh interpreter each time, on the
    server's core."""
    module = app.target.split(":")[0]
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    env = {**os.environ, "LAB_DB": str(db), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    times = []
    for _ in range(runs):
        out = subprocess.run(
            servers.pinned([str(venv / "bin" / "python"), "-c", code], cpus),
            cwd=APPS_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout) * 1000)
    return round(statistics.median(times), 1)


# Seconds the estimate adds to what the settings say: a server start, import timing and shutdown per pair; wrk's
# own start and stop per wrk run; an environment built from pip's cache.
SERVER_START_ESTIMATE = 4
WRK_OVERHEAD_ESTIMATE = 0.3
IMPORT_ESTIMATE = 2


def estimate(pairs: int, apps: int, builds: int, settings: dict) -> float:
    """Seconds a run of ``pairs`` (app, server) pairs of ``apps`` apps takes at ``settings``, with ``builds``
    environments to build: each pair starts once, then per endpoint one warm-up and ``runs`` measured runs."""
    per_endpoint = settings["warmup"] + WRK_OVERHEAD_ESTIMATE
    per_endpoint += settings["runs"] * (settings["duration"] + WRK_OVERHEAD_ESTIMATE)
    per_pair = SERVER_START_ESTIMATE + len(ENDPOINTS) * per_endpoint
    return pairs * per_pair + apps * IMPORT_ESTIMATE + builds * ENV_BUILD_ESTIMATE


def clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


class Progress:
    """What is left (pairs, apps to time, environments to build) and how long that should take."""

    def __init__(self, pairs: int, apps: int, builds: int, settings: dict):
        self.pairs, self.apps, self.builds, self.settings = pairs, apps, builds, settings
        self.endpoints_done = 0  # of the pair being measured
        self.began = time.monotonic()

    def left(self) -> float:
        whole = estimate(self.pairs, self.apps, self.builds, self.settings)
        return whole - self.endpoints_done * (estimate(1, 0, 0, self.settings) - SERVER_START_ESTIMATE) / len(ENDPOINTS)

    def say(self, where: str, what: str) -> None:
        elapsed = clock(time.monotonic() - self.began)
        print(f"[{where}] {what} · {elapsed} elapsed, about {clock(self.left())} left", flush=True)


def measure_app(app: App, venv: Path, db: Path, cpus: str | None) -> dict:
    """What an app's environment says, once per app: versions, size, import time."""
    versions = envs.versions(venv)
    return {
        "slug": app.slug,
        "label": app.label,
        "framework": app.framework,
        "interface": app.interface,
        "baseline": app.baseline,
        "deployment": app.deployment,
        "deployment_note": app.deployment_note,
        "versions": versions,
        "packages": len(versions),
        "install_kib": envs.installed_kib(venv),
        "import_ms": import_ms(app, venv, db, cpus),
    }


def version_of(versions: dict[str, str], package: str) -> str:
    return next((v for name, v in versions.items() if name.lower() == package.lower()), "")


def measure_pair(app: App, name: str, venv: Path, settings: dict, db: Path, pins: dict, progress: Progress) -> dict:
    """One app under one server: started on the server's core, each endpoint warmed up and then measured
    ``runs`` times by wrk on the other core, with the load average before each run."""
    log = WORK / "logs" / f"{app.slug}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    port = servers.free_port()
    server = servers.command(app, name, venv, port, settings["workers"])
    argv = servers.pinned(server.argv, pins["server"])
    progress.endpoints_done = 0
    progress.say(f"{app.label} · {server.label}", "starting")
    process = servers.start(argv, db, log)
    endpoints = []
    try:
        cold = servers.wait_ready(process, port, timeout=60)
        for endpoint in ENDPOINTS:
            wrk = load.argv(endpoint, port, settings["duration"], settings["connections"], settings["threads"])
            warm = load.argv(endpoint, port, settings["warmup"], settings["connections"], settings["threads"])
            progress.say(
                f"{app.label} · {server.label} · /{endpoint}",
                f"{settings['warmup']} s warm-up, then {settings['runs']} runs of {settings['duration']} s",
            )
            if settings["warmup"]:
                load.run(servers.pinned(warm, pins["load"]))
            runs = []
            for _ in range(settings["runs"]):
                before = round(os.getloadavg()[0], 2)
                measured = load.run(servers.pinned(wrk, pins["load"]))
                runs.append({**vars(measured), "load": before})
            progress.endpoints_done += 1
            summary = load.summary(runs, settings["spread_limit"])
            command = servers.display(servers.pinned(wrk, pins["load"]), venv).replace(str(ROOT) + "/", "")
            endpoints.append({"endpoint": endpoint, **summary, "command": command, "runs": runs})
        rss = servers.worker_rss_kib(process.pid, port)
    finally:
        servers.stop(process)
    return {
        "server": name,
        "label": server.label,
        "version": "",  # filled in from the app's versions
        "command": servers.display(argv, venv),
        "note": server.note,
        "cold_start_ms": round(cold * 1000, 1),
        "worker_rss_kib": round(statistics.mean(rss)) if rss else None,
        "workers_seen": len(rss),
        "endpoints": endpoints,
    }


def main(argv=None) -> int:
    settings, apps = read()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frameworks", default="", help="comma-separated app slugs; default: all of lab.toml")
    parser.add_argument("--duration", type=int, default=settings["duration"], help="seconds measured per run")
    parser.add_argument("--warmup", type=int, default=settings["warmup"], help="seconds of unrecorded load first")
    parser.add_argument("--runs", type=int, default=settings["runs"], help="measured runs per endpoint (at least 3)")
    parser.add_argument("--run", default=datetime.date.today().isoformat(), help="name of the run (default: today)")
    parser.add_argument("--force", action="store_true", help="measure again what this run already has")
    parser.add_argument("--notes", default="", help="a caveat recorded with the run (for example a busy machine)")
    parser.add_argument("--no-content", action="store_true", help="do not write content/lab/RUN.yaml")
    parser.add_argument("--estimate", action="store_true", help="print how long the run would take, and stop")
    args = parser.parse_args(argv)
    if args.runs < 3:
        parser.error("--runs must be at least 3: each figure is the median of three runs or more")
    settings = {**settings, "duration": args.duration, "warmup": args.warmup, "runs": args.runs}

    wanted = [slug.strip() for slug in args.frameworks.split(",") if slug.strip()] or [
        slug for slug, app in apps.items() if not app.baseline
    ]
    unknown = sorted(set(wanted) - set(apps))
    if unknown:
        parser.error(f"no lab app for {', '.join(unknown)} (known: {', '.join(apps)})")
    chosen = [apps[s] for s in wanted if not apps[s].baseline]
    # A baseline runs on the servers the chosen apps of its interface use (its ratios' denominators), no others.
    used = {app.interface: set() for app in apps.values()}
    for app in chosen:
        used[app.interface].update(app.servers)
    plan = {app.slug: [n for n in app.servers if n in used[app.interface]] for app in apps.values() if app.baseline}
    plan |= {app.slug: list(app.servers) for app in chosen}
    selected = [app for app in apps.values() if plan.get(app.slug)]

    run_dir = WORK / "runs" / args.run
    pairs = [(app, name) for app in selected for name in plan[app.slug]]
    done = set() if args.force else {(a.slug, n) for a, n in pairs if (run_dir / a.slug / f"{n}.json").exists()}
    pending = [(app, name) for app, name in pairs if (app.slug, name) not in done]
    pending_apps = {app.slug for app, _ in pending}
    builds = len({app.env for app in selected if not (envs.VENVS / app.env / ".lab-installed").exists()})
    total = estimate(len(pending), len(pending_apps), builds, settings)
    print(
        f"Run {args.run}: {len(pending)} (app, server) pairs to measure of {len(selected)} apps"
        f"{f', {len(done)} already measured' if done else ''}; {len(ENDPOINTS)} endpoints each, "
        f"{settings['warmup']} s warm-up then {settings['runs']} x {settings['duration']} s; "
        f"{builds} environments to build. Estimated time: {clock(total)}.",
        flush=True,
    )
    if args.estimate:
        return 0

    run_dir.mkdir(parents=True, exist_ok=True)
    meta_path = run_dir / "run.json"
    if meta_path.exists() and not args.force:
        meta = json.loads(meta_path.read_text())
        if meta["settings"] != settings:
            parser.error(f"run {args.run} was measured with {meta['settings']}; use --run NAME or --force")
    else:
        meta = {"settings": settings}
    pinnable, pinning = servers.pinning(settings["server_cpus"], settings["load_cpus"])
    pins = (
        {"server": settings["server_cpus"], "load": settings["load_cpus"]}
        if pinnable
        else dict.fromkeys(("server", "load"))
    )
    meta.update(
        {
            "slug": args.run,
            "date": datetime.date.today().isoformat(),
            "command": "python -m lab.run " + shlex.join(_recorded(argv if argv is not None else sys.argv[1:])),
            "machine": machine(),
            "python": platform.python_version(),
            "wrk": load.version(),
            "pinning": pinning,
            "notes": _notes(args.notes) if args.notes or "notes" not in meta else meta["notes"],
        }
    )
    meta_path.write_text(json.dumps(meta, indent=1))
    print(pinning, flush=True)

    progress = Progress(len(pending), len(pending_apps), builds, settings)
    db = ensure_db()
    order = [a.slug for a in apps.values()]
    for app in selected:
        names = [name for a, name in pending if a is app]
        if not names:
            print(f"[{app.label}] already measured in run {args.run}; --force measures it again", flush=True)
            continue
        venv = envs.ensure(app.env)
        progress.builds = len({a.env for a in selected if not (envs.VENVS / a.env / ".lab-installed").exists()})
        app_dir = run_dir / app.slug
        app_dir.mkdir(exist_ok=True)
        if args.force or not (app_dir / "app.json").exists():
            _write(app_dir / "app.json", measure_app(app, venv, db, pins["server"]))
        progress.apps -= 1
        for name in names:
            result = measure_pair(app, name, venv, settings, db, pins, progress)
            _write(app_dir / f"{name}.json", result)
            progress.pairs -= 1
        if not args.no_content:
            write_content(run_dir, order)
    if not pending and not args.no_content:
        write_content(run_dir, order)
    print(f"Done: run {args.run} in lab/.work/runs/{args.run}/ after {clock(time.monotonic() - progress.began)}")
    return 0


def _write(path: Path, data: dict) -> None:
    """Write atomically: an interrupted run never leaves half a result that would count as measured."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1))
    tmp.replace(path)


def _recorded(args: list[str]) -> list[str]:
    """The command's arguments without --notes (the notes are recorded beside it)."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--notes":
            skip = True
        elif not arg.startswith("--notes="):
            kept.append(arg)
    return kept


def _notes(given: str) -> str:
    """The caveat given, and how busy the machine was when the run started (other work skews every figure)."""
    load = os.getloadavg()[0]
    busy = f"Load average over the minute before the run: {load:.1f} on {os.cpu_count()} cores."
    return f"{given.strip()} {busy}".strip()


def collect(run_dir: Path, order: list[str]) -> dict:
    """The run as one document: its metadata and every app measured so far, in lab.toml's order, each with the
    servers measured so far in the app's order (its documented set-up first)."""
    _, apps = read()
    meta = json.loads((run_dir / "run.json").read_text())
    found = []
    for slug in order:
        if not (run_dir / slug / "app.json").exists():
            continue
        app = json.loads((run_dir / slug / "app.json").read_text())
        names = apps[slug].servers if slug in apps else ()
        pairs = [
            json.loads((run_dir / slug / f"{n}.json").read_text())
            for n in names
            if (run_dir / slug / f"{n}.json").exists()
        ]
        for pair in pairs:
            pair["version"] = version_of(app["versions"], pair["server"])  # each server's package bears its name
        if pairs:
            found.append({**app, "servers": pairs})
    return {**meta, "apps": found}


def write_content(run_dir: Path, order: list[str]) -> None:
    """Hand the run to the site, which writes content/lab/RUN.yaml in its canonical YAML form."""
    document = run_dir / "document.json"
    document.write_text(json.dumps(collect(run_dir, order), indent=1))
    site_python = ROOT / ".venv" / "bin" / "python"
    python = str(site_python) if site_python.exists() else sys.executable
    env = {**os.environ, "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "1")}  # a local command, like `make run`
    subprocess.run([python, str(ROOT / "manage.py"), "writelabrun", str(document)], check=True, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
