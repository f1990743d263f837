"""A lab run document shaped as lab/run.py collects it, for tests (numbers chosen so ratios are easy)."""

ENDPOINTS = ("plaintext", "json", "validate", "db")


def server(name: str, rps: dict[str, float], cold: float = 500.0, rss: int | None = 30000) -> dict:
    return {
        "server": name,
        "label": {"gunicorn": "gunicorn, sync workers", "granian": "granian (WSGI)"}[name],
        "version": "27.0.1" if name == "gunicorn" else "2.8.7",
        "command": f"{name} --workers 2 app:app",
        "cold_start_ms": cold,
        "worker_rss_kib": rss,
        "workers_seen": 2,
        "endpoints": [
            {"endpoint": e, "rps": rps[e], "p50_ms": 1.5, "p99_ms": 9.25, "errors": 0} for e in ENDPOINTS if e in rps
        ],
    }


def app(slug: str, framework: str, rps: float, *, baseline: bool = False, kib: int = 20000, rss: int = 30000) -> dict:
    per_endpoint = dict.fromkeys(ENDPOINTS, rps)
    return {
        "slug": slug,
        "label": slug.title(),
        "framework": framework,
        "interface": "wsgi",
        "baseline": baseline,
        "versions": {"gunicorn": "27.0.1", "Flask": "3.1.3", "granian": "2.8.7"},
        "packages": 3,
        "install_kib": kib,
        "import_ms": 50.0 if baseline else 120.5,
        "servers": [server("gunicorn", per_endpoint, rss=rss), server("granian", dict.fromkeys(ENDPOINTS, rps * 2))],
    }


def run(slug: str = "2026-01-02", apps: list[dict] | None = None) -> dict:
    return {
        "slug": slug,
        "date": "2026-01-02",
        "command": "python -m lab.run --duration 8",
        "machine": {"cpu": "Test CPU @ 1.00GHz", "cores": 2, "memory_mib": 2048, "os": "Linux test"},
        "python": "3.12.1",
        "wrk": "4.1.0",
        "settings": {"workers": 2, "connections": 32, "threads": 2, "duration": 8, "warmup": 2},
        "notes": "A test run.",
        "apps": apps
        if apps is not None
        else [
            app("raw-wsgi", "", 10000.0, baseline=True, kib=10000, rss=20000),
            app("one", "one", 5000.0, kib=30000, rss=40000),
            app("two", "two", 2500.0, kib=50000, rss=60000),
        ],
    }


def with_method(document: dict) -> dict:
    """``document`` as the method of issue #24 writes it: three runs per figure with their spread and the load
    before each, cores and the spread limit, a deployment page per framework. One's /json under gunicorn spreads
    20 % (flagged); its other figures 2 %."""
    document["settings"] |= {"runs": 3, "server_cpus": "0", "load_cpus": "1", "spread_limit": 0.1}
    document["pinning"] = "Pinned with taskset: server processes on core 0, wrk on core 1."
    for app in document["apps"]:
        if not app["baseline"]:
            app["deployment"] = f"https://example.com/{app['slug']}/deploying/"
            app["deployment_note"] = "Gunicorn with several workers."
        for server in app["servers"]:
            for m in server["endpoints"]:
                wide = app["slug"] == "one" and server["server"] == "gunicorn" and m["endpoint"] == "json"
                low, high = (0.9, 1.1) if wide else (0.99, 1.01)
                rates = [m["rps"] * low, m["rps"], m["rps"] * high]
                m |= {"rps_min": rates[0], "rps_max": rates[2], "spread": round(high - low, 3)}
                m |= {"spread_flag": wide, "command": f"taskset --cpu-list 1 wrk http://127.0.0.1:1/{m['endpoint']}"}
                m["runs"] = [{"rps": r, "p50_ms": 1.5, "p99_ms": 9.25, "errors": 0, "load": 0.25} for r in rates]
    return document
