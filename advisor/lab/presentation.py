"""What the lab's latest run says, as plain numbers for the templates: requests per second and footprint as
measured, sorted, each with its ratio to ONE stated reference per chart (the run's fastest bare app on the
endpoint, ``RunResults.reference``; the bare environment or the leanest bare app for footprint), and each
article figure that speaks to a measurement set beside it with a verdict. The templates phrase it; nothing here
is English beyond labels taken from the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from advisor.models import BenchmarkFigure, Framework, LabApp, LabMeasurement, LabRun, LabServer, Source

from .charts import Bar, Chart, Rank, Ranking, layout, rank_layout
from .content import runs
from .filters import COMMON, COMMON_SERVER, DOCUMENTED, ENDPOINTS, Filters

HEADLINE = "json"  # the endpoint a claim's sentence quotes; the table has all four
TOLERANCE = 0.25  # a measurement supports an approximate claim within a quarter of it, either way
# Criterion pages that get a "Measured in our lab" section, and which one.
CRITERIA = {"throughput": "throughput", "footprint": "footprint"}


def ratio_text(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


@dataclass
class Comparison:
    """An article's figure next to what the lab measured for the same comparison."""

    figure: BenchmarkFigure
    subject: Framework
    other: Framework
    low: float
    high: float
    claimed_text: str
    measured: dict[str, float | None]  # endpoint (or "size") -> measured ratio on production servers
    common: dict[str, float | None]  # the same on the common server (granian)
    headline: str

    @property
    def value(self) -> float | None:
        return self.measured.get(self.headline)

    @property
    def value_text(self) -> str:
        return ratio_text(self.value)

    @property
    def common_text(self) -> str | None:
        """The headline ratio with both frameworks on the common server, if measured."""
        value = self.common.get(self.headline)
        return ratio_text(value) if value is not None else None

    @property
    def verdict(self) -> str:
        """supports, lower or higher (than the claim, beyond the tolerance); unknown without a measurement."""
        return verdict(self.value, self.low, self.high)

    def verdicts(self) -> list[dict]:
        return [
            {
                "key": key,
                "value": ratio_text(value),
                "common": ratio_text(self.common.get(key)),
                "verdict": verdict(value, self.low, self.high),
            }
            for key, value in self.measured.items()
        ]


def verdict(value: float | None, low: float, high: float) -> str:
    if value is None:
        return "unknown"
    if low * (1 - TOLERANCE) <= value <= high * (1 + TOLERANCE):
        return "supports"
    return "lower" if value < low else "higher"


class RunResults:
    """One run, read for the pages: every number the charts and tables show comes from here."""

    def __init__(self, run: LabRun, frameworks: list[Framework] | None = None):
        self.run = run
        allowed = None if frameworks is None else {f.id for f in frameworks}
        self.apps = [a for a in run.apps.all() if a.baseline or allowed is None or a.framework_id in allowed]
        self.frameworks = [a for a in self.apps if not a.baseline and a.framework_id]
        self.baselines = {a.interface: a for a in self.apps if a.baseline}
        self._cells = {}
        for app in self.apps:
            for server in app.servers.all():
                for m in server.measurements.all():
                    self._cells[app.slug, server.server, m.endpoint] = m
        self._servers = {(app.slug, s.server): s for app in self.apps for s in app.servers.all()}
        self.server_names = list(dict.fromkeys(s for _, s in self._servers))

    def production(self, app: LabApp) -> str:
        """The server the app is deployed on as its documentation suggests: the first one measured."""
        return next(iter(app.servers.all())).server

    def rps(self, app: LabApp, server: str, endpoint: str) -> float | None:
        m = self._cells.get((app.slug, server, endpoint))
        return m.rps if m else None

    def app_for(self, framework: Framework) -> LabApp | None:
        return next((a for a in self.frameworks if a.framework_id == framework.id), None)

    # -- which pairs a chart shows -----------------------------------------------------------------

    def pairs(self, server: str) -> list[tuple[LabApp, LabServer]]:
        """The (app, server) pairs under a server choice: ``documented``, each app on its first server (its
        documentation's production set-up); ``common``, every WSGI or ASGI app on granian; a server's name,
        every app measured on it. The bare apps included, wherever they were measured."""
        found = []
        for app in self.apps:
            if server == DOCUMENTED:
                name = self.production(app)
            elif server == COMMON:
                name = COMMON_SERVER if app.interface != "own" else None
            else:
                name = server
            pair = self._servers.get((app.slug, name))
            if pair is not None:
                found.append((app, pair))
        return found

    # -- throughput -------------------------------------------------------------------------------

    def reference(self, endpoint: str) -> Reference | None:
        """The one figure every requests/s ratio on ``endpoint`` divides by: the run's fastest bare app (app and
        server) on that endpoint, whatever the chart's server choice. The content's scoring uses it too."""
        best = None
        for app in self.baselines.values():
            for server in app.servers.all():
                m = self._cells.get((app.slug, server.server, endpoint))
                if m is not None and m.rps and (best is None or m.rps > best.measurement.rps):
                    best = Reference(app, server, m)
        return best

    def throughput(self, filters: Filters, highlight: LabApp | None = None) -> list[dict]:
        """Every pair measured on the filters' endpoint under their server choice, fastest first."""
        reference = self.reference(filters.endpoint)
        rows = []
        for app, server in self.pairs(filters.server):
            m = self._cells.get((app.slug, server.server, filters.endpoint))
            if m is None:
                continue
            ratio = _ratio(m.rps, reference and reference.rps)
            rows.append(
                {
                    "app": app,
                    "server": server,
                    "m": m,
                    "rps_text": f"{m.rps:,.0f}",  # one rounding for the chart and its table
                    "ratio": ratio,
                    "ratio_text": ratio_text(ratio),
                    "highlight": highlight is not None and app == highlight,
                    "reference": reference is not None and m == reference.measurement,
                }
            )
        return sorted(rows, key=lambda r: -r["m"].rps)

    def throughput_chart(self, rows: list[dict], reference: Reference | None) -> Ranking:
        bars = [
            Rank(
                f"{r['app'].label} · {r['server'].server}",
                r["m"].rps,
                f"{r['rps_text']} req/s · {r['ratio_text']}",
                baseline=r["app"].baseline,
                highlight=r["highlight"],
                flagged=bool(r["m"].spread_flag),
                low=r["m"].rps_min,
                high=r["m"].rps_max,
            )
            for r in rows
        ]
        return rank_layout(Ranking(bars, reference and reference.rps))

    # -- footprint --------------------------------------------------------------------------------

    def footprint(self, filters: Filters, highlight: LabApp | None = None) -> dict:
        """One footprint measure as measured, smallest first, each with its ratio to one stated reference:
        installed size and import time per app (against the bare environment and the bare app that imports
        fastest); memory per worker and cold start per (app, server) under the filters' server choice (against
        the leanest bare app and server of the run)."""
        measure = filters.measure
        if measure in ("install", "import"):
            items = [(app, None, _app_value(app, measure)) for app in self.apps]
            candidates = [(app, None, _app_value(app, measure)) for app in self.baselines.values()]
        else:
            items = [(app, server, _server_value(server, measure)) for app, server in self.pairs(filters.server)]
            candidates = [
                (app, server, _server_value(server, measure))
                for app in self.baselines.values()
                for server in app.servers.all()
            ]
        candidates = [c for c in candidates if c[2]]
        reference = min(candidates, key=lambda c: c[2], default=None)
        rows = [
            {
                "app": app,
                "server": server,
                "value": value,
                "ratio_text": ratio_text(_ratio(value, reference and reference[2])),
                "highlight": highlight is not None and app == highlight,
            }
            for app, server, value in items
            if value is not None
        ]
        rows.sort(key=lambda r: r["value"])
        unit = "MB" if measure in ("install", "memory") else "ms"
        for row in rows:  # one rounding for the chart and its table
            row["value_text"] = f"{row['value']:,.{1 if unit == 'MB' else 0}f} {unit}"
        bars = [
            Rank(
                r["app"].label + (f" · {r['server'].server}" if r["server"] else ""),
                r["value"],
                f"{r['value_text']} · {r['ratio_text']}",
                baseline=r["app"].baseline,
                highlight=r["highlight"],
            )
            for r in rows
        ]
        chart = rank_layout(Ranking(bars, reference and reference[2]))
        return {"rows": rows, "chart": chart, "reference": reference, "unit": unit, "measure": measure}

    # -- the articles' claims ---------------------------------------------------------------------

    def comparisons(self, figures: list[BenchmarkFigure]) -> list[Comparison]:
        found = []
        absolute: dict[int, list[BenchmarkFigure]] = {}
        for figure in figures:
            if figure.lab_measure == "throughput" and figure.unit == "req/s" and figure.framework_id:
                absolute.setdefault(figure.source_id, []).append(figure)
            elif figure.framework_id and figure.unit == "times":
                others = [figure.compared_to] if figure.compared_to_id else self._sync_frameworks(figure.framework)
                for other in others:
                    found.append(self._compare(figure, figure.framework, other, figure.value, figure.value_max))
        for group in absolute.values():
            for a, b in combinations(sorted(group, key=lambda f: -f.value), 2):
                found.append(self._compare(a, a.framework, b.framework, a.value / b.value, None, b))
        found = [c for c in found if c is not None]
        return sorted(found, key=lambda c: (c.figure.lab_measure, c.figure.source.title, c.subject.name, c.other.name))

    def _sync_frameworks(self, framework: Framework) -> list[Framework]:
        """ "Synchronous frameworks", when a figure names none: the WSGI apps of the run."""
        return [a.framework for a in self.frameworks if a.interface == "wsgi" and a.framework_id != framework.id]

    def _compare(self, figure, subject, other, low, high, other_figure=None) -> Comparison | None:
        mine, theirs = self.app_for(subject), other and self.app_for(other)
        if mine is None or theirs is None:
            return None
        high = high if high is not None else low
        if figure.lab_measure == "install-size":
            measured = {"size": _ratio(mine.install_kib, theirs.install_kib)}
            common, headline = {}, "size"
        else:
            measured = {
                e: _ratio(self.rps(mine, self.production(mine), e), self.rps(theirs, self.production(theirs), e))
                for e in ENDPOINTS
            }
            common = {e: _ratio(self.rps(mine, "granian", e), self.rps(theirs, "granian", e)) for e in ENDPOINTS}
            headline = HEADLINE
        if other_figure is not None:
            claimed = f"{ratio_text(low)} ({figure.value:,.0f} vs {other_figure.value:,.0f} {figure.unit})"
        elif high != low:
            claimed = f"{low:g}–{high:g}×"
        else:
            claimed = f"{low:g}×"
        return Comparison(figure, subject, other, low, high, claimed, measured, common, headline)

    def comparison_chart(self, comparisons: list[Comparison]) -> Chart:
        groups = []
        for c in comparisons:
            bars = [
                Bar("Claimed", c.high, c.claimed_text.split(" ")[0], "claim", low=c.low if c.high != c.low else None)
            ]
            for key, value in c.measured.items():
                if value is not None:
                    bars.append(Bar(f"Measured /{key}" if key != "size" else "Measured", value, ratio_text(value)))
            groups.append((f"{c.subject.name} vs {c.other.name}, as {c.figure.source.author} claims", bars))
        return layout(Chart(groups, reference=1.0))


def _ratio(a, b) -> float | None:
    return a / b if a and b else None


def _app_value(app: LabApp, measure: str) -> float | None:
    return app.install_kib / 1024 if measure == "install" else app.import_ms


def _server_value(server: LabServer, measure: str) -> float | None:
    if measure == "memory":
        return server.worker_rss_kib / 1024 if server.worker_rss_kib else None
    return server.cold_start_ms


@dataclass
class Reference:
    """The bare app and server whose requests/s are 1.00 on an endpoint's chart."""

    app: LabApp
    server: LabServer
    measurement: LabMeasurement

    @property
    def rps(self) -> float:
        return self.measurement.rps


def latest(frameworks: list[Framework] | None = None) -> RunResults | None:
    run = runs().first()
    return RunResults(run, frameworks) if run else None


def lab_figures() -> list[BenchmarkFigure]:
    """The published figures that speak to a lab measurement, with what their sentences need. Independent suites'
    figures are not claims to check one pair at a time: :mod:`.independent` sets each suite's order beside the run."""
    figures = (
        BenchmarkFigure.objects.published()
        .exclude(lab_measure="")
        .exclude(source__kind=Source.Kind.INDEPENDENT)
        .select_related("framework", "compared_to", "source")
    )
    return list(figures.order_by("position", "slug"))
