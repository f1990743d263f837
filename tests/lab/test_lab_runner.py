"""The lab runner's pieces that need no server: wrk's output parsed, app selection, the table's rows."""

import pytest

from lab import load
from lab.config import item, read
from lab.run import main

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


def test_every_app_has_a_baseline_of_its_interface():
    _, apps = read()
    baselines = {app.interface for app in apps.values() if app.baseline}
    assert {app.interface for app in apps.values()} <= baselines
    assert {"flask", "fastapi", "django"} <= {app.framework for app in apps.values()}


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
