"""Lab runs as content: ``content/lab/<run>.yaml`` <-> LabRun, LabApp, LabServer, LabMeasurement.

A run file is written by ``manage.py writelabrun`` at the end of ``make lab`` (lab/run.py), in the same
canonical form that ``exportcontent`` writes, so a load followed by an export reproduces it byte for byte.
Each run is also a Source (``lab-<run>``, kind "lab") that ratings and figures cite; that source is derived
from the run, so it is not listed in sources.yaml.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from advisor.markdown_limits import MarkdownRefused, check_markdown
from advisor.models import Framework, LabApp, LabMeasurement, LabRun, LabServer, Source
from advisor.models.base import LAB_MAX

FOLDER = "lab"
MACHINE = ("cpu", "cores", "memory_mib", "os")
# The fields after the first ones came with the method of issue #24 (several runs per figure, their spread, cores
# pinned with taskset, each framework's deployment page); runs made before it leave them out.
SETTINGS = ("workers", "connections", "threads", "duration", "warmup")
SETTINGS += ("runs", "server_cpus", "load_cpus", "spread_limit")
APP = ("slug", "label", "framework", "interface", "baseline", "packages", "install_kib", "import_ms", "versions")
APP += ("deployment", "deployment_note")
SERVER = ("server", "label", "version", "command", "cold_start_ms", "worker_rss_kib", "workers_seen", "note")
MEASUREMENT = ("endpoint", "rps", "p50_ms", "p99_ms", "errors", "rps_min", "rps_max", "spread", "spread_flag")
MEASUREMENT += ("command", "runs")
EACH_RUN = ("rps", "p50_ms", "p99_ms", "errors", "load")  # one wrk run of a measurement, with the load before it
RUN = ("slug", "date", "command", "machine", "python", "wrk", "settings", "pinning", "notes", "apps")
FLOATS = {"import_ms", "cold_start_ms", "rps", "p50_ms", "p99_ms", "rps_min", "rps_max", "spread", "spread_limit"}
FLOATS |= {"load"}
NEW = {"runs", "server_cpus", "load_cpus", "spread_limit", "deployment", "deployment_note", "note", "pinning"}
NEW |= {"rps_min", "rps_max", "spread", "spread_flag", "load"}
OPTIONAL = {"framework", "notes", "worker_rss_kib"} | NEW
BLANK = {"server_cpus": "", "load_cpus": "", "deployment": "", "deployment_note": "", "note": "", "pinning": ""}


class LabContentError(ValueError):
    def __init__(self, message: str, entry: str | None = None):
        super().__init__(message)
        self.entry = entry


def _valid(obj: models.Model, entry: str) -> models.Model:
    """``obj`` if its fields pass the model's own checks (lengths, choices, validators): PostgreSQL refuses a text
    longer than its column where SQLite would store it, so the load checks first, on every database."""
    try:
        obj.clean_fields(exclude=[f.name for f in obj._meta.concrete_fields if f.is_relation])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LabContentError(f"field {field!r}: {' '.join(messages)}", entry) from None
    return obj


def _value(key: str, value):
    if key in FLOATS:
        # The same range as the models' validators and check constraints: finite, 0 to LAB_MAX.
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= LAB_MAX:
            raise LabContentError(f"{key} must be a number from 0 to {LAB_MAX:g}, not {str(value)[:40]}")
        return float(value)
    if key == "notes" and isinstance(value, str) and value:
        try:
            check_markdown(value)
        except MarkdownRefused as exc:
            raise LabContentError(f"notes: This Markdown {exc}") from None
    if key == "date" and isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _pick(data: dict, keys: tuple[str, ...], where: str, optional: set[str] = OPTIONAL) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise LabContentError(f"{where}: expected a mapping")
    unknown = set(data) - set(keys) - {"servers", "endpoints"}
    if unknown:
        raise LabContentError(f"{where}: unknown field(s): {', '.join(sorted(unknown))}")
    missing = [k for k in keys if k not in optional and data.get(k) is None]
    if missing:
        raise LabContentError(f"{where}: missing field(s): {', '.join(missing)}")
    return {k: _value(k, data[k]) for k in keys if data.get(k) not in (None, "", [])}


def _measurement(data: dict, where: str) -> dict[str, Any]:
    item = _pick(data, MEASUREMENT, where, OPTIONAL | {"command"})  # its wrk command came with the new method
    if "runs" in item:
        item["runs"] = [_pick(r, EACH_RUN, f"{where}, /{item['endpoint']} runs") for r in item["runs"]]
    return item


def _fields(data: dict, keys: tuple[str, ...]) -> dict[str, Any]:
    """``data``'s values for the model's fields ``keys``, the new method's empty defaults where a run lacks them."""
    return {k: data.get(k, BLANK.get(k)) for k in keys}


def canonical(data: dict) -> dict[str, Any]:
    """The run in the one form the files hold: fixed key order, empty optional fields left out."""
    slug = data.get("slug") if isinstance(data, dict) else None
    where = f"run {slug!r}"
    run = _pick({k: data.get(k) for k in RUN if k in data}, RUN, where)
    run["machine"] = _pick(data["machine"], MACHINE, f"{where}, machine")
    run["settings"] = _pick(data["settings"], SETTINGS, f"{where}, settings")
    apps = []
    for app in data["apps"] or []:
        entry = _pick({k: v for k, v in app.items() if k != "servers"}, APP, f"{where}, app {app.get('slug')!r}")
        entry["versions"] = {name: str(app["versions"][name]) for name in sorted(app["versions"], key=str.lower)}
        entry["servers"] = []
        for server in app.get("servers") or []:
            label = f"{where}, app {app.get('slug')!r}, server {server.get('server')!r}"
            item = _pick({k: v for k, v in server.items() if k != "endpoints"}, SERVER, label)
            item["endpoints"] = [_measurement(m, label) for m in server.get("endpoints") or []]
            entry["servers"].append(item)
        apps.append(entry)
    run["apps"] = apps
    return {key: run[key] for key in RUN if key in run}


def document(run: LabRun) -> dict[str, Any]:
    """A stored run as its file's data (``run`` with apps, servers and measurements prefetched)."""
    data = {f: getattr(run, f) for f in ("slug", "date", "command", "python", "wrk", "pinning", "notes")}
    data["machine"] = {f: getattr(run, f) for f in MACHINE}
    data["settings"] = {f: getattr(run, f) for f in SETTINGS}
    data["apps"] = [
        {
            **{f: getattr(app, f) for f in APP if f != "framework"},
            "framework": app.framework.slug if app.framework_id else None,
            "servers": [
                {
                    **{f: getattr(server, f) for f in SERVER},
                    "endpoints": [{f: getattr(m, f) for f in MEASUREMENT} for m in server.measurements.all()],
                }
                for server in app.servers.all()
            ],
        }
        for app in run.apps.all()
    ]
    return canonical(data)


def runs():
    """Every run with everything its pages and its file need, in a fixed number of queries."""
    return LabRun.objects.select_related("source").prefetch_related(
        models.Prefetch("apps", LabApp.objects.select_related("framework")),
        models.Prefetch("apps__servers", LabServer.objects.prefetch_related("measurements")),
    )


def export_files() -> dict[str, Any]:
    return {f"{FOLDER}/{run.slug}.yaml": document(run) for run in runs().order_by("slug")}


def source_fields(data: dict) -> dict[str, Any]:
    machine, settings = data["machine"], data["settings"]
    return {
        "title": f"Framework Advisor lab, run {data['slug']}",
        "author": "Framework Advisor (our own measurement)",
        "url": "",
        "date": data["date"],
        "kind": Source.Kind.LAB,
        "summary": (
            f"Our own measurement: each framework's lab app and a raw WSGI and ASGI baseline under gunicorn and "
            f"granian ({settings['workers']} workers), loaded by wrk on loopback ({settings['connections']} "
            f"connections, {settings['duration']} s per endpoint after {settings['warmup']} s of warm-up) on one "
            f"machine ({machine['cpu']}, {machine['cores']} cores). Absolute numbers are this machine's; "
            "compare the ratios. Rerun it with `make lab`."
            + (
                f" Each figure is the median of {settings['runs']} runs, published with its spread; "
                "the server and wrk ran on separate cores where the machine allowed it."
                if settings.get("runs")
                else ""
            )
        ),
    }


def store(data: dict, frameworks: dict[str, Framework]) -> LabRun:
    """Create or replace one run from its canonical data (children rewritten together, in bulk)."""
    source = Source.objects.get(slug=f"lab-{data['slug']}")  # load_sources made it
    fields = {f: data[f] for f in ("command", "python", "wrk")} | data["machine"] | _fields(data["settings"], SETTINGS)
    fields |= {"date": datetime.date.fromisoformat(data["date"]), "notes": data.get("notes", ""), "source": source}
    fields["pinning"] = data.get("pinning", "")
    _valid(LabRun(slug=data["slug"], **fields), data["slug"])
    run, _ = LabRun.objects.update_or_create(slug=data["slug"], defaults=fields)
    run.apps.all().delete()
    apps = LabApp.objects.bulk_create(
        _valid(
            LabApp(
                run=run,
                position=i,
                framework=frameworks.get(app.get("framework")),
                **_fields(app, tuple(f for f in APP if f != "framework")),
            ),
            app["slug"],
        )
        for i, app in enumerate(data["apps"])
    )
    servers = LabServer.objects.bulk_create(
        _valid(LabServer(app=app_obj, position=j, **_fields(server, SERVER)), f"{app['slug']}/{server['server']}")
        for app_obj, app in zip(apps, data["apps"], strict=True)
        for j, server in enumerate(app["servers"])
    )
    flat = [(app["slug"], server) for app in data["apps"] for server in app["servers"]]
    LabMeasurement.objects.bulk_create(
        _valid(LabMeasurement(server=server_obj, position=k, **m), f"{slug}/{server['server']}/{m['endpoint']}")
        for server_obj, (slug, server) in zip(servers, flat, strict=True)
        for k, m in enumerate(server["endpoints"])
    )
    return run


def _read_all(root: Path, error) -> list[tuple[str, dict]]:
    from advisor.content.files import read_yaml  # the loader's own YAML reading

    folder = root / FOLDER
    found = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = f"{FOLDER}/{path.name}"
        try:
            data = canonical(read_yaml(root, rel))
        except (LabContentError, KeyError, TypeError, AttributeError) as exc:
            raise error(rel, None, f"not a lab run ({exc})") from None
        if data["slug"] != path.stem:
            raise error(rel, data["slug"], "the file must be named after the run's slug")
        found.append((rel, data))
    return found


def load_sources(root: Path, error) -> tuple[set[str], int]:
    """First pass, before ratings (which cite them): each run's Source. Returns their slugs and how many
    were written (only new or changed ones are)."""
    slugs, written = set(), 0
    for _, data in _read_all(root, error):
        fields = source_fields(data)
        slug = f"lab-{data['slug']}"
        current = Source.objects.filter(slug=slug).first()
        if current is None or any(getattr(current, k) != v for k, v in fields.items()):
            Source.objects.update_or_create(slug=slug, defaults=fields)
            written += 1
        slugs.add(slug)
    return slugs, written


def load_runs(root: Path, prune: bool, error) -> int:
    """Second pass, after frameworks: every content/lab/*.yaml; returns how many runs were written. Unchanged
    runs are left alone, so a second load writes nothing; with ``prune``, runs without a file go.
    ``error(rel, entry, message)`` builds the loader's exception."""
    stored = {run.slug: run for run in runs()}
    frameworks = {f.slug: f for f in Framework.objects.all()}
    seen, written = set(), 0
    for rel, data in _read_all(root, error):
        for app in data["apps"]:
            if app.get("framework") and app["framework"] not in frameworks:
                raise error(rel, app["slug"], f"unknown framework {app['framework']!r}")
        seen.add(data["slug"])
        current = stored.get(data["slug"])
        if current is None or document(current) != data:
            try:
                store(data, frameworks)
            except LabContentError as exc:
                raise error(rel, exc.entry, str(exc)) from None
            written += 1
    if prune:
        written += LabRun.objects.exclude(slug__in=seen).delete()[0]
    return written


def write_run(data: dict, root: Path) -> Path:
    """Write a run's file (from lab/run.py's JSON) in canonical form; returns its path."""
    from advisor.content.files import dump_yaml

    run = canonical(data)
    path = root / FOLDER / f"{run['slug']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(dump_yaml(run), encoding="utf-8")
    tmp.replace(path)
    return path
