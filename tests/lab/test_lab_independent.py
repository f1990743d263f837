"""The lab page sets independent published suites beside the run, framework by framework (issue #24)."""

import pytest
from django.urls import reverse

from advisor.lab import independent
from advisor.lab.method import spread_summary
from advisor.lab.presentation import lab_figures, latest
from advisor.models import BenchmarkFigure, Source


@pytest.fixture
def shipped_lab(shipped_content):
    return latest()


def test_each_independent_suite_is_a_table_of_every_framework_it_measured(client, shipped_lab):
    suites = independent.suites(shipped_lab, independent.independent_figures())
    by_source = {suite.source.slug: suite for suite in suites}
    assert set(by_source) == {"the-benchmarker-2026", "klen-py-frameworks-bench-2022"}
    for suite in suites:
        figures = BenchmarkFigure.objects.filter(source=suite.source, lab_measure="throughput")
        assert len(suite.rows) == figures.count()
        assert sorted(r.their_rank for r in suite.rows) == list(range(1, len(suite.rows) + 1))
        starlette = next(r for r in suite.rows if r.framework.slug == "starlette")
        assert starlette.their_share == starlette.our_share == 1
        for row in suite.rows:
            # our side is the run's /plaintext on the framework's fastest measured server
            app = shipped_lab.app_for(row.framework)
            best = max(shipped_lab.rps(app, s.server, "plaintext") or 0 for s in app.servers.all())
            assert row.ours == best
            assert row.verdict in ("agrees", "lower", "higher")
    assert len(by_source["the-benchmarker-2026"].rows) == 15


def test_the_lab_page_shows_the_suites_with_their_reasons(client, shipped_lab):
    page = client.get(reverse("advisor:lab")).content.decode()
    assert 'id="independent"' in page and 'href="#independent"' in page
    for source in Source.objects.filter(kind=Source.Kind.INDEPENDENT):
        assert source.title.split(" (")[0] in page
        assert source.get_absolute_url() in page
    caveat = BenchmarkFigure.objects.get(slug="django-ninja-rps-the-benchmarker").caveat
    assert "ASGI handler" in caveat and "ASGI handler" in page


def test_independent_figures_are_not_checked_as_pairwise_claims(shipped_content):
    assert all(f.source.kind != Source.Kind.INDEPENDENT for f in lab_figures())


@pytest.mark.parametrize(
    ("ours", "theirs", "verdict"),
    [(1.0, 1.0, "agrees"), (0.7, 1.0, "agrees"), (0.6, 1.0, "lower"), (1.6, 1.0, "higher"), (None, 1.0, "unknown")],
)
def test_a_share_within_the_stated_factor_agrees(ours, theirs, verdict):
    row = independent.Row(None, None, 1, 1, "x", their_share=theirs, our_share=ours)
    assert row.verdict == verdict


def test_the_method_states_the_runs_own_spread(client, shipped_lab):
    spread = spread_summary(shipped_lab)
    measured = [m for a in shipped_lab.apps for s in a.servers.all() for m in s.measurements.all()]
    assert spread.figures == len(measured)
    assert spread.flagged == sum(bool(m.spread_flag) for m in measured)
    page = client.get(reverse("advisor:lab")).content.decode()
    assert f"{spread.flagged} of {spread.figures} figures are flagged" in page
