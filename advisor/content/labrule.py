"""The throughput and footprint rules of ``content/criteria.yaml``, computed from a lab run's file.

Both scales are written in measured terms; this module is their arithmetic, so that ``manage.py checkcontent``
can hold every framework's two scores to the newest run in ``content/lab/`` and the lab pages can state the
same reference. Pure Python on the run's YAML (``content/lab/<run>.yaml``): no ORM.

- Throughput: the framework's requests per second on /plaintext and /json on its fastest measured set-up (its
  documented server, or the common server where it runs on both), each divided by the run's reference on that
  endpoint (the fastest bare baseline app of the run, whatever its server), then averaged.
- Footprint: the installed size of the framework's lab environment divided by that of the smallest baseline
  environment (the servers alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .files import read_yaml

SPEED_ENDPOINTS = ("plaintext", "json")
#: (lowest ratio, level), highest level first: the scale text of ``throughput``.
THROUGHPUT_LEVELS = ((0.5, 5), (0.25, 4), (0.1, 3), (0.0, 2))
#: (ratio below which, level), lightest first: the scale text of ``footprint`` (higher is lighter).
FOOTPRINT_LEVELS = ((1.0, 5), (1.5, 4), (2.0, 3), (float("inf"), 2))


@dataclass(frozen=True)
class Speed:
    server: str
    rps: dict[str, float]  # endpoint -> median requests/s on that server
    ratios: dict[str, float]  # endpoint -> rps / the run's reference
    ratio: float  # their mean over SPEED_ENDPOINTS
    level: int


@dataclass(frozen=True)
class Size:
    kib: int
    baseline_kib: int
    ratio: float
    level: int


def latest_run(root: Path) -> dict | None:
    """The newest run file under ``root``/lab (by its date, then its name), read."""
    paths = sorted((root / "lab").glob("*.yaml"))
    runs = [read_yaml(root, f"lab/{path.name}") or {} for path in paths]
    runs = [run for run in runs if run.get("apps")]
    return max(runs, key=lambda run: (str(run.get("date")), str(run.get("slug"))), default=None)


def _rps(server: dict) -> dict[str, float]:
    return {e["endpoint"]: e["rps"] for e in server.get("endpoints") or [] if e.get("rps")}


def reference(run: dict, endpoint: str) -> tuple[str, str, float] | None:
    """(baseline app, server, requests/s) of the fastest bare baseline on ``endpoint`` in ``run``."""
    found = [
        (app["slug"], server["server"], rps[endpoint])
        for app in run.get("apps") or []
        if app.get("baseline")
        for server in app.get("servers") or []
        if endpoint in (rps := _rps(server))
    ]
    return max(found, key=lambda item: item[2], default=None)


def app_of(run: dict, framework: str) -> dict | None:
    return next((a for a in run.get("apps") or [] if a.get("framework") == framework and not a.get("baseline")), None)


def throughput_level(ratio: float) -> int:
    return next(level for floor, level in THROUGHPUT_LEVELS if ratio >= floor)


def footprint_level(ratio: float) -> int:
    return next(level for ceiling, level in FOOTPRINT_LEVELS if ratio < ceiling)


def speed(run: dict, framework: str) -> Speed | None:
    """The throughput rule for ``framework`` in ``run``, on its fastest measured set-up; None if not measured."""
    app = app_of(run, framework)
    references = {e: reference(run, e) for e in SPEED_ENDPOINTS}
    if app is None or any(r is None for r in references.values()):
        return None
    best = None
    for server in app.get("servers") or []:
        rps = _rps(server)
        if not all(e in rps for e in SPEED_ENDPOINTS):
            continue
        ratios = {e: rps[e] / references[e][2] for e in SPEED_ENDPOINTS}
        mean = sum(ratios.values()) / len(ratios)
        if best is None or mean > best.ratio:
            best = Speed(server["server"], rps, ratios, mean, throughput_level(mean))
    return best


def size(run: dict, framework: str) -> Size | None:
    """The footprint rule for ``framework`` in ``run``; None if not measured."""
    app = app_of(run, framework)
    baselines = [a["install_kib"] for a in run.get("apps") or [] if a.get("baseline") and a.get("install_kib")]
    if app is None or not app.get("install_kib") or not baselines:
        return None
    ratio = app["install_kib"] / min(baselines)
    return Size(app["install_kib"], min(baselines), ratio, footprint_level(ratio))
