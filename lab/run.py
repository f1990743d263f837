"""The lab's runner: every selected framework's app (and the raw WSGI and ASGI baselines) under each server,
each endpoint loaded by wrk on loopback after a warm-up; import time, cold start, memory per worker and the
size of each environment; results per app under lab/.work/runs/RUN/ (so an interrupted run resumes where it
stopped) and the whole run as content (content/lab/RUN.yaml, through the site's `manage.py writelabrun`).

    python -m lab.run [--frameworks flask,fastapi] [--duration 8] [--run NAME] [--force]

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
from pathlib import Path

from lab import envs, load, servers
from lab.config import APPS_DIR, ENDPOINTS, ROOT, WORK, App, ensure_db, read

SERVER_START_ESTIMATE = 4  # seconds per server start, import timing and shutdown, for the time-left estimate
ENV_BUILD_ESTIMATE = 90


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


def import_ms(app: App, venv: Path, db: Path, runs: int = 3) -> float:
    """Median time to import the app's module (which builds the app), in a fresh interpreter each time."""
    module = app.target.split(":")[0]
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    env = {**os.environ, "LAB_DB": str(db), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [str(venv / "bin" / "python"), "-c", code],
            cwd=APPS_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout) * 1000)
    return round(statistics.median(times), 1)


class Progress:
    def __init__(self, total_measurements: int, total_starts: int, builds: int, seconds: int):
        self.left_measurements, self.left_starts, self.left_builds = total_measurements, total_starts, builds
        self.seconds = seconds

    def left(self) -> str:
        total = self.left_measurements * (self.seconds + 0.6) + self.left_starts * SERVER_START_ESTIMATE
        total += self.left_builds * ENV_BUILD_ESTIMATE
        minutes, secs = divmod(int(total), 60)
        return f"about {minutes} min {secs:02d} s left" if minutes else f"about {secs} s left"

    def say(self, where: str, what: str) -> None:
        print(f"[{where}] {what} · {self.left()}", flush=True)


def measure_app(app: App, settings: dict, db: Path, progress: Progress) -> dict:
    venv = envs.ensure(app.env)
    progress.left_builds = max(0, progress.left_builds - 1)
    versions = envs.versions(venv)
    result = {
        "slug": app.slug,
        "label": app.label,
        "framework": app.framework,
        "interface": app.interface,
        "baseline": app.baseline,
        "versions": versions,
        "packages": len(versions),
        "install_kib": envs.installed_kib(venv),
        "import_ms": import_ms(app, venv, db),
        "servers": [],
    }
    log = WORK / "logs" / f"{app.slug}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    for name in servers.SERVERS:
        port = servers.free_port()
        server = servers.command(app, name, venv, port, settings["workers"])
        progress.say(f"{app.label} · {server.label}", "starting")
        process = servers.start(server, db, log)
        try:
            cold = servers.wait_ready(process, port, timeout=60)
            progress.left_starts -= 1
            endpoints = []
            for endpoint in ENDPOINTS:
                progress.say(
                    f"{app.label} · {server.label} · /{endpoint}",
                    f"{settings['warmup']} s warm-up, {settings['duration']} s measured",
                )
                load.run(endpoint, port, settings["warmup"], settings["connections"], settings["threads"])
                measured = load.run(endpoint, port, settings["duration"], settings["connections"], settings["threads"])
                progress.left_measurements -= 1
                endpoints.append({"endpoint": endpoint, **vars(measured)})
            rss = servers.worker_rss_kib(process.pid)
        finally:
            servers.stop(process)
        package_version = versions.get(server.package, "")
        result["servers"].append(
            {
                "server": name,
                "label": server.label,
                "version": package_version,
                "command": servers.display(server.argv, venv),
                "cold_start_ms": round(cold * 1000, 1),
                "worker_rss_kib": round(statistics.mean(rss)) if rss else None,
                "workers_seen": len(rss),
                "endpoints": endpoints,
            }
        )
    return result


def main(argv=None) -> int:
    settings, apps = read()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frameworks", default="", help="comma-separated app slugs; default: all of lab.toml")
    parser.add_argument("--duration", type=int, default=settings["duration"], help="seconds measured per endpoint")
    parser.add_argument("--warmup", type=int, default=settings["warmup"])
    parser.add_argument("--run", default=datetime.date.today().isoformat(), help="name of the run (default: today)")
    parser.add_argument("--force", action="store_true", help="measure again what this run already has")
    parser.add_argument("--notes", default="", help="a caveat recorded with the run (for example a busy machine)")
    parser.add_argument("--no-content", action="store_true", help="do not write content/lab/RUN.yaml")
    args = parser.parse_args(argv)
    settings = {**settings, "duration": args.duration, "warmup": args.warmup}

    wanted = [slug.strip() for slug in args.frameworks.split(",") if slug.strip()] or [
        slug for slug, app in apps.items() if not app.baseline
    ]
    unknown = sorted(set(wanted) - set(apps))
    if unknown:
        parser.error(f"no lab app for {', '.join(unknown)} (known: {', '.join(apps)})")
    selected = [app for app in apps.values() if app.baseline] + [apps[s] for s in wanted if not apps[s].baseline]

    run_dir = WORK / "runs" / args.run
    run_dir.mkdir(parents=True, exist_ok=True)
    meta_path = run_dir / "run.json"
    if meta_path.exists() and not args.force:
        meta = json.loads(meta_path.read_text())
        if meta["settings"] != settings:
            parser.error(f"run {args.run} was measured with {meta['settings']}; use --run NAME or --force")
    else:
        meta = {"settings": settings}
    meta.update(
        {
            "slug": args.run,
            "date": datetime.date.today().isoformat(),
            "command": "python -m lab.run " + shlex.join(_recorded(argv if argv is not None else sys.argv[1:])),
            "machine": machine(),
            "python": platform.python_version(),
            "wrk": load.version(),
            "notes": _notes(args.notes) if args.notes or "notes" not in meta else meta["notes"],
        }
    )
    meta_path.write_text(json.dumps(meta, indent=1))

    pending = [app for app in selected if args.force or not (run_dir / f"{app.slug}.json").exists()]
    for app in selected:
        if app not in pending:
            print(f"[{app.label}] already measured in run {args.run}; --force measures it again", flush=True)
    builds = len({app.env for app in pending if not (envs.VENVS / app.env / ".lab-installed").exists()})
    per_app = len(servers.SERVERS)
    progress = Progress(
        len(pending) * per_app * len(ENDPOINTS), len(pending) * per_app, builds, args.duration + args.warmup
    )
    db = ensure_db()
    for app in pending:
        result = measure_app(app, settings, db, progress)
        (run_dir / f"{app.slug}.json").write_text(json.dumps(result, indent=1))
        if not args.no_content:
            write_content(run_dir, [a.slug for a in apps.values()])
    if not pending and not args.no_content:
        write_content(run_dir, [a.slug for a in apps.values()])
    print(f"Done: run {args.run} in lab/.work/runs/{args.run}/", flush=True)
    return 0


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
    """The run as one document: its metadata and every app measured so far, in lab.toml's order."""
    meta = json.loads((run_dir / "run.json").read_text())
    found = [run_dir / f"{slug}.json" for slug in order if (run_dir / f"{slug}.json").exists()]
    return {**meta, "apps": [json.loads(path.read_text()) for path in found]}


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
