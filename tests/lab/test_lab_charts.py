"""The lab's charts (issue #24): requests per second as measured, sorted, every bar's ratio to one reference
stated in the caption (the run's fastest bare app on the endpoint), filters in the query string, an htmx
fragment of the charts, and the page's own framework highlighted on its page."""

import re

import pytest

from advisor.lab.filters import Filters
from advisor.lab.presentation import RunResults
from advisor.models import LabApp, LabMeasurement, LabRun, LabServer

# The fixture run: a bare WSGI app at 10,000 req/s on gunicorn and 20,000 on granian, "one" at 5,000 / 10,000,
# "two" at 2,500 / 5,000, on every endpoint.


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def results() -> RunResults:
    from advisor.lab.content import runs

    return RunResults(runs().get())


def table_rows(page: str, heading: str) -> list[str]:
    """The row headers of the table after ``heading``, in order."""
    table = page.split(heading, 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">(?:<strong>)?([^<]+)', table)


def chart_labels(page: str, heading: str) -> list[str]:
    svg = page.split(heading, 1)[1].split("</svg>", 1)[0]
    return re.findall(r'class="chart-label"[^>]*>([^<]+)<', svg)


def add_asgi_baseline(db_rps: float) -> None:
    """A bare ASGI app, on uvicorn only: 1,000 req/s on every endpoint but /db, where it serves ``db_rps``."""
    run = LabRun.objects.get()
    app = LabApp.objects.create(
        run=run,
        slug="raw-asgi",
        label="Raw ASGI (baseline)",
        interface="asgi",
        baseline=True,
        packages=6,
        install_kib=10000,
        import_ms=10.0,
        position=1,
    )
    server = LabServer.objects.create(
        app=app, server="uvicorn", label="uvicorn", version="1", command="uvicorn", cold_start_ms=100.0
    )
    for i, endpoint in enumerate(("plaintext", "json", "validate", "db")):
        rps = db_rps if endpoint == "db" else 1000.0
        LabMeasurement.objects.create(server=server, endpoint=endpoint, rps=rps, p50_ms=1, p99_ms=2, position=i)


def test_the_reference_is_the_fastest_bare_app_on_the_endpoint(fixture_content):
    add_asgi_baseline(db_rps=30000.0)
    run = results()
    json, db = run.reference("json"), run.reference("db")
    assert (json.app.slug, json.server.server, json.rps) == ("raw-wsgi", "granian", 20000.0)
    assert (db.app.slug, db.server.server, db.rps) == ("raw-asgi", "uvicorn", 30000.0)


@pytest.mark.parametrize("server", ["documented", "common", "gunicorn", "uvicorn"])
@pytest.mark.parametrize("endpoint", ["json", "db"])
def test_every_bar_divides_by_the_one_reference_and_the_bars_are_sorted(fixture_content, server, endpoint):
    add_asgi_baseline(db_rps=30000.0)
    LabMeasurement.objects.filter(server__app__slug="two", endpoint=endpoint).update(rps=7000.0)
    run = results()
    reference = run.reference(endpoint)
    rows = run.throughput(Filters(endpoint=endpoint, server=server))
    assert rows
    assert [r["m"].rps for r in rows] == sorted((r["m"].rps for r in rows), reverse=True)
    for row in rows:
        assert row["ratio"] == pytest.approx(row["m"].rps / reference.rps)


def test_the_page_sorts_the_bars_and_states_the_reference(client, fixture_content):
    LabMeasurement.objects.filter(server__app__slug="two", server__server="gunicorn", endpoint="json").update(
        rps=7000.0
    )
    page = text(client.get("/lab/"))
    heading = "Requests per second on /json, as measured"
    assert chart_labels(page, heading) == ["Raw-Wsgi · gunicorn", "Two · gunicorn", "One · gunicorn"]
    assert table_rows(page, heading) == ["Raw-Wsgi", "Two", "One"]
    # each bar's ratio to the one reference, as the caption states it
    assert "Two · gunicorn: 7,000 req/s · 0.35×;" in page
    assert "Raw-Wsgi on granian (WSGI) = 1.00×</strong>, the run’s fastest bare app on /json" in page
    assert "outlined bars are the bare baselines" in page
    assert 'class="chart-bar chart-baseline"' in page


def test_the_filters_in_the_address_change_the_bars(client, fixture_content):
    LabMeasurement.objects.filter(server__app__slug="one", server__server="granian", endpoint="db").update(rps=9000.0)
    heading = "Requests per second on /db, as measured"
    page = text(client.get("/lab/?endpoint=db&server=common"))
    assert chart_labels(page, heading) == ["Raw-Wsgi · granian", "One · granian", "Two · granian"]
    assert "One · granian: 9,000 req/s · 0.45×;" in page
    assert "every WSGI and ASGI app on granian" in page
    # the links keep the other filter, and mark the chosen one
    assert 'href="/lab/?endpoint=db#lab-throughput"' in page  # back to the documented set-up
    assert 'href="/lab/?endpoint=plaintext&amp;server=common#lab-throughput"' in page
    assert re.search(r'id="lab-endpoint-db" href="[^"]+"[^>]*aria-current="true"', page)
    assert re.search(r'id="lab-server-common" href="[^"]+"[^>]*aria-current="true"', page)
    assert '<nav class="lab-filters" aria-label="Requests per second chart: endpoint and server">' in page
    gunicorn = text(client.get("/lab/?server=gunicorn&measure=cold"))
    assert "granian" not in " ".join(chart_labels(gunicorn, "Requests per second on /json"))
    assert 'href="/lab/?server=gunicorn&amp;measure=import#lab-footprint"' in gunicorn


def test_unknown_filter_values_fall_back_to_the_defaults(client, fixture_content):
    default = client.get("/lab/")
    odd = client.get("/lab/?endpoint=nope&server=%3Cscript%3E&measure=0")
    assert odd.status_code == 200
    page = text(odd)
    assert "Requests per second on /json, as measured" in page
    assert re.search(r'id="lab-server-documented" href="[^"]+"[^>]*aria-current="true"', page)
    heading = "Requests per second on /json, as measured"
    assert chart_labels(page, heading) == chart_labels(text(default), heading) != []
    assert "nope" not in page and "script%3E" not in page


def test_the_footprint_chart_is_sorted_with_one_reference(client, fixture_content):
    page = text(client.get("/lab/?measure=import"))
    heading = "Footprint, as measured: Import time"
    assert table_rows(page, heading) == ["Raw-Wsgi", "One", "Two"]  # 50 ms, then 120.5 ms twice
    assert "One: 120 ms · 2.41×;" in page  # against the bare app's 50 ms
    install = text(client.get("/lab/"))
    assert table_rows(install, "Footprint, as measured: Installed size") == ["Raw-Wsgi", "One", "Two"]


def test_the_charts_answer_an_htmx_filter_link_with_their_fragment(client, fixture_content):
    response = client.get("/lab/?endpoint=db", headers={"HX-Request": "true"})
    assert "HX-Request" in response["Vary"]
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="lab-charts"')
    assert "<html" not in body
    assert "Requests per second on /db, as measured" in body
    assert 'hx-get="/lab/?endpoint=plaintext" hx-target="#lab-charts"' in body
    page = client.get("/lab/?endpoint=db")
    assert "HX-Request" in page["Vary"]
    assert "<html" in page.content.decode()
    framework = client.get("/frameworks/one/?endpoint=db", headers={"HX-Request": "true"}).content.decode()
    assert framework.lstrip().startswith('<div id="lab-charts"')
    assert 'hx-get="/frameworks/one/?endpoint=plaintext"' in framework


def test_a_framework_page_shows_every_framework_and_highlights_its_own(client, fixture_content):
    page = text(client.get("/frameworks/one/?endpoint=validate"))
    heading = "Requests per second on /validate, as measured"
    assert chart_labels(page, heading) == ["Raw-Wsgi · gunicorn", "▶ One · gunicorn", "Two · gunicorn"]
    assert '<g class="rank rank-highlight">' in page
    assert 'class="chart-bar chart-highlight"' in page
    assert '<tr class="lab-highlight"><th scope="row"><strong>One</strong>' in page
    assert "One · gunicorn (this page’s framework): 5,000 req/s · 0.25×;" in page
    assert 'href="/frameworks/one/?endpoint=validate&amp;server=common#lab-throughput"' in page
    assert '<link rel="canonical" href="http://testserver/frameworks/one/?endpoint=validate">' in page


def test_the_shipped_run_charts_every_framework_against_one_reference(client, shipped_content):
    """On the shipped run: the documented chart has every app of the run once, and across every server choice
    a framework serving more requests has the higher ratio (the issue's Flask: 0.13x on granian beside 0.67x on
    gunicorn while serving more, when each bar divided by another baseline)."""
    from advisor.lab.content import runs

    run = RunResults(runs().first())
    documented = run.throughput(Filters())
    assert sorted(r["app"].slug for r in documented) == sorted(a.slug for a in run.apps)
    every = [
        r for server in ("documented", "common", *run.server_names) for r in run.throughput(Filters(server=server))
    ]
    factors = {round(r["ratio"] / r["m"].rps, 12) for r in every}
    assert len(factors) == 1  # one reference for every bar on /json
    page = text(client.get("/lab/"))
    assert len(chart_labels(page, "Requests per second on /json, as measured")) == len(run.apps)


def test_the_pages_and_checkcontent_divide_by_the_same_reference(shipped_content):
    """The pages' reference (RunResults, on the stored rows) and the scoring rule's (labrule, on the run file that
    checkcontent reads) are computed apart: on the shipped run they name the same app, server and figure."""
    from advisor.content import labrule
    from advisor.lab.content import runs
    from tests.conftest import SHIPPED_CONTENT

    document = labrule.latest_run(SHIPPED_CONTENT)
    run = RunResults(runs().get(slug=document["slug"]))
    endpoints = {m["endpoint"] for app in document["apps"] for s in app["servers"] for m in s["endpoints"]}
    assert endpoints >= {"plaintext", "json"}
    for endpoint in sorted(endpoints):
        page = run.reference(endpoint)
        rule = labrule.reference(document, endpoint)
        assert (page.app.slug, page.server.server, page.measurement.rps) == rule, endpoint
