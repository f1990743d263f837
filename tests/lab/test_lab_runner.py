"""The lab runner's pieces that need no server: wrk's output parsed, app selection, the table's rows, every
(app, server) pair's command, the median and spread of several runs, pinning, the time bound, resuming."""

import json
from pathlib import Path

import pytest

from lab import envs, load, run, servers
from lab.config import item, read
from lab.run import main

SETTINGS, APPS = read()
PAIRS = [(app, name) for app in APPS.values() for name in app.servers]

WRK_OUTPUT = """Running 8s test @ http://127.0.0.1:18001/json
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms    1.02ms  31.20ms   90.00%
    Req/Sec     7.61k   512.00     8.40k    70.00%
  Latency Distribution
     50%  850.00us
     75%    2.05ms
     90%    3.10ms
     99%    1.20s
  121760 requests in 8.00s, 18.00MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:  15220.45
Transfer/sec:      2.25MB
"""


def test_wrk_output_is_parsed_with_units_and_errors():
    result = load.parse(WRK_OUTPUT)
    assert result.rps == 15220.4 or result.rps == 15220.5
    assert result.p50_ms == 0.85
    assert result.p99_ms == 1200.0
    assert result.errors == 12


def test_post_and_db_endpoints_use_their_scripts():
    assert "--script" in load.argv("validate", 18001, 8, 32, 2)
    assert "--script" in load.argv("db", 18001, 8, 32, 2)
    assert "--script" not in load.argv("json", 18001, 8, 32, 2)
    assert load.argv("json", 18001, 8, 32, 2)[-1] == "http://127.0.0.1:18001/json"


def test_every_app_has_a_baseline_of_its_interface_on_each_common_server():
    """A framework's ratio divides by the bare app of its interface on the same server: so the baselines run on
    every common server an app of their interface uses. Own-server apps have no baseline."""
    baselines = {app.interface: set(app.servers) for app in APPS.values() if app.baseline}
    for app in APPS.values():
        if app.interface != "own":
            assert set(app.servers) <= baselines[app.interface], app.slug
    assert {"flask", "fastapi", "django", "sanic", "aiohttp", "tornado", "robyn"} <= {
        a.framework for a in APPS.values()
    }


@pytest.mark.parametrize(("app", "name"), PAIRS, ids=[f"{a.slug}-{n}" for a, n in PAIRS])
def test_every_pair_has_a_command_its_environment_can_run(app, name):
    """Each server lab.toml names is in the vocabulary, serves the app's interface, binds 127.0.0.1 on the given
    port with the shared worker count, and its package is pinned in the app's environment."""
    server = servers.command(app, name, Path("/venv"), 18123, 3)
    assert "18123" in server.argv or "127.0.0.1:18123" in server.argv
    assert "127.0.0.1" in " ".join(server.argv) or server.argv[1].endswith(".py")  # own scripts bind it themselves
    assert "3" in server.argv or name == "waitress"  # waitress has threads, not worker processes (its note)
    pinned = (envs.REQUIREMENTS / f"{app.env}.txt").read_text().lower()
    needs = {
        "aiohttp": ["aiohttp", "gunicorn"],
        "gunicorn": ["gunicorn"] + (["uvicorn-worker"] if app.interface == "asgi" else []),
    }
    for package in needs.get(name, [server.package.lower()]):
        assert f"\n{package}==" in pinned, (app.env, package)


def test_entries_follow_the_shared_design():
    """Frameworks cite their deployment page; WSGI and ASGI apps are measured first on their own documented
    server and also on granian, the common one; own-server frameworks on their own server only."""
    for app in APPS.values():
        if app.baseline:
            continue
        assert app.deployment.startswith("https://") and app.deployment_note, app.slug
        if app.interface == "own":
            assert app.servers == (app.framework,), app.slug
        else:
            assert "granian" in app.servers and app.servers[0] != "granian", app.slug


def test_a_server_refuses_an_interface_it_does_not_serve():
    own, wsgi = APPS["tornado"], APPS["flask"]
    with pytest.raises(ValueError, match="cannot run under"):
        servers.command(own, "granian", Path("/venv"), 18000, 1)
    with pytest.raises(ValueError, match="does not serve WSGI"):
        servers.command(wsgi, "uvicorn", Path("/venv"), 18000, 1)
    with pytest.raises(ValueError, match="unknown server"):
        servers.command(wsgi, "nginx", Path("/venv"), 18000, 1)


def test_every_app_has_a_pinned_environment():
    for app in APPS.values():
        pinned = (envs.REQUIREMENTS / f"{app.env}.txt").read_text().splitlines()
        requirements = [line for line in pinned if line and not line.startswith("#")]
        assert requirements and all("==" in line for line in requirements), app.env


def test_a_figure_is_the_median_with_its_spread_and_flag():
    runs = [
        {"rps": r, "p50_ms": p, "p99_ms": 9.0, "errors": e}
        for r, p, e in ((900.0, 2.0, 0), (1000.0, 1.0, 1), (1200.0, 3.0, 0))
    ]
    summary = load.summary(runs, 0.10)
    assert (summary["rps"], summary["rps_min"], summary["rps_max"]) == (1000.0, 900.0, 1200.0)
    assert summary["spread"] == 0.3 and summary["spread_flag"] is True
    assert (summary["p50_ms"], summary["errors"]) == (2.0, 1)
    steady = load.summary([{**r, "rps": v} for r, v in zip(runs, (990.0, 1000.0, 1010.0), strict=True)], 0.10)
    assert steady["spread"] == 0.02 and steady["spread_flag"] is False


def test_server_and_wrk_are_pinned_to_separate_cores_or_the_run_says_why(monkeypatch):
    assert servers.pinned(["wrk", "http://x"], "1")[1:] == ["--cpu-list", "1", "wrk", "http://x"]
    assert servers.pinned(["wrk"], None) == ["wrk"]
    monkeypatch.setattr(servers.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(servers, "taskset", lambda: "/usr/bin/taskset")
    assert servers.pinning("0", "1") == (True, "Pinned with taskset: server processes on core 0, wrk on core 1.")
    assert servers.pinning("0", "0")[0] is False  # the same core for both is no separation
    monkeypatch.setattr(servers.os, "sched_getaffinity", lambda pid: {0})
    pinned, why = servers.pinning("0", "1")
    assert not pinned and why.startswith("Not pinned: this machine offers cores 0,")
    monkeypatch.setattr(servers, "taskset", lambda: None)
    assert servers.pinning("0", "1") == (
        False,
        "Not pinned: taskset was not found, so the server and wrk shared every core.",
    )


def test_the_default_run_of_fifteen_frameworks_fits_in_45_minutes():
    """About 34 (app, server) pairs with the baselines, four endpoints, every environment still to build."""
    assert SETTINGS["runs"] >= 3 and SETTINGS["warmup"] > 0
    assert run.estimate(pairs=34, apps=17, builds=15, settings=SETTINGS) < 45 * 60


def test_an_interrupted_run_resumes_with_the_pairs_it_lacks(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(run, "WORK", tmp_path)
    pair = tmp_path / "runs" / "r1" / "tornado"
    pair.mkdir(parents=True)
    (pair / "tornado.json").write_text("{}")
    assert main(["--frameworks", "tornado,flask", "--run", "r1", "--estimate"]) == 0
    out = capsys.readouterr().out
    # flask on gunicorn and granian, raw WSGI on those two (no app chosen uses waitress); tornado is done
    assert "4 (app, server) pairs to measure of 3 apps, 1 already measured" in out


def test_the_document_lists_each_apps_servers_in_its_order(tmp_path):
    (tmp_path / "run.json").write_text(json.dumps({"slug": "r1", "settings": SETTINGS}))
    (tmp_path / "flask").mkdir()
    (tmp_path / "flask" / "app.json").write_text(json.dumps({"slug": "flask", "versions": {"gunicorn": "27.0.1"}}))
    for name in ("granian", "gunicorn"):
        (tmp_path / "flask" / f"{name}.json").write_text(json.dumps({"server": name}))
    document = run.collect(tmp_path, ["raw-wsgi", "flask"])
    assert [a["slug"] for a in document["apps"]] == ["flask"]
    assert [s["server"] for s in document["apps"][0]["servers"]] == ["gunicorn", "granian"]
    assert document["apps"][0]["servers"][0]["version"] == "27.0.1"


def test_fewer_than_three_runs_are_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--runs", "2", "--estimate"])
    assert "at least 3" in capsys.readouterr().err


def test_an_unknown_framework_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--frameworks", "nosuch", "--no-content"])
    assert "no lab app for nosuch" in capsys.readouterr().err


def test_the_table_rows_are_what_the_apps_return():
    assert item(7) == {"id": 7, "name": "item-7", "price": 8.75}


def test_the_recorded_command_leaves_the_notes_out():
    from lab.run import _notes, _recorded

    assert _recorded(["--duration", "3", "--notes", "busy machine", "--notes=x"]) == ["--duration", "3"]
    assert _notes("Busy.").startswith("Busy. Load average over the minute before the run: ")


def test_asgi_apps_on_uvicorn_have_the_baselines_event_loop():
    """uvicorn picks uvloop and httptools when they are installed (uvicorn[standard]); an app measured on it
    (or on gunicorn's UvicornWorker) without them would be compared with a faster bare server."""

    def extras(env: str) -> set[str]:
        pinned = (envs.REQUIREMENTS / f"{env}.txt").read_text().lower()
        return {name for name in ("uvloop", "httptools") if f"\n{name}==" in pinned}

    base = extras(APPS["raw-asgi"].env)
    for app in APPS.values():
        if app.interface == "asgi" and {"uvicorn", "gunicorn"} & set(app.servers):
            assert extras(app.env) == base, app.slug


def test_a_common_server_is_the_same_release_in_every_environment():
    """A ratio divides an app's figure by the baseline's on the same server: the server must be the same build."""
    found: dict[str, dict[str, str]] = {}
    for app in APPS.values():
        for line in (envs.REQUIREMENTS / f"{app.env}.txt").read_text().lower().splitlines():
            name, _, version = line.partition("==")
            if name in {"gunicorn", "uvicorn", "uvicorn-worker", "hypercorn", "waitress", "granian"}:
                found.setdefault(name, {})[app.env] = version
    for name, versions in found.items():
        assert len(set(versions.values())) == 1, (name, versions)
