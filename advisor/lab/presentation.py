"""What the lab's latest run says, as plain numbers for the templates: throughput as ratios to the run's own
bare-server baselines, footprint likewise, and each article figure that speaks to a measurement set beside it
with a verdict. The templates phrase it; nothing here is English beyond labels taken from the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from advisor.models import BenchmarkFigure, Framework, LabApp, LabRun

from .content import runs

ENDPOINTS = ("plaintext", "json", "validate", "db")
HEADLINE = "json"  # the endpoint a claim's sentence quotes; the table has all four
TOLERANCE = 0.25  # a measurement supports an approximate claim within a quarter of it, either way
# Criterion pages that get a "Measured in our lab" section, and which one.
CRITERIA = {"throughput": "throughput", "footprint": "footprint"}
RATIOS = ("install_ratio", "rss_ratio", "cold_ratio", "import_ratio")
CHART_WIDTH = 400  # the SVG's viewBox width, so that it stays legible at 390 px
BAR_WIDTH = 170  # px of the longest bar (its value text needs the rest of the width)
LABEL_WIDTH = 140


@dataclass
class Bar:
    label: str
    value: float
    text: str
    kind: str = "measured"  # measured, claim or baseline
    low: float | None = None  # a claimed range starts here
    x: int = 0
    y: int = 0
    width: int = 0


@dataclass
class Chart:
    groups: list[tuple[str, list[Bar]]]
    reference: float | None = None  # a vertical line (1.0 = the baseline)
    per_group: bool = False  # each group on its own scale (they measure different things)
    height: int = 0
    rows: list[dict] = field(default_factory=list)


def layout(chart: Chart) -> Chart:
    """Place every bar: a heading line per group, one row per bar. One scale for the whole chart, or one per
    group when its groups measure different things (``per_group``); the reference line is drawn per group."""
    everything = [bar.value for _, bars in chart.groups for bar in bars]
    y = 0
    rows = []
    for heading, bars in chart.groups:
        values = [bar.value for bar in bars] if chart.per_group else everything
        scale = BAR_WIDTH / max(*values, chart.reference or 0, 1e-9)
        top = y
        y += 20
        body = []
        for bar in bars:
            start = LABEL_WIDTH + round((bar.low or 0) * scale) if bar.low is not None else LABEL_WIDTH
            bar.x, bar.y = start, y
            bar.width = max(1, LABEL_WIDTH + round(bar.value * scale) - start)
            body.append({"bar": bar, "text_y": y + 13, "value_x": LABEL_WIDTH + round(bar.value * scale) + 6})
            y += 20
        reference_x = LABEL_WIDTH + round(chart.reference * scale) if chart.reference else None
        rows.append({"heading": heading, "y": top + 14, "ref_x": reference_x, "ref_top": top + 18, "ref_bottom": y})
        rows.extend(body)
        y += 6
    chart.rows, chart.height = rows, y
    return chart


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
        self.baseline_env_kib = min((a.install_kib for a in self.baselines.values()), default=None)
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

    def share(self, app: LabApp, server: str, endpoint: str) -> float | None:
        """Requests/s as a multiple of the bare app of the same interface on the same server."""
        base = self.baselines.get(app.interface)
        mine, theirs = self.rps(app, server, endpoint), base and self.rps(base, server, endpoint)
        return mine / theirs if mine and theirs else None

    def app_for(self, framework: Framework) -> LabApp | None:
        return next((a for a in self.frameworks if a.framework_id == framework.id), None)

    # -- throughput -------------------------------------------------------------------------------

    def throughput_rows(self, only: LabApp | None = None) -> list[dict]:
        rows = []
        for app in self.apps if only is None else [only, self.baselines.get(only.interface)]:
            if app is None:
                continue
            for server in app.servers.all():
                cells = []
                for endpoint in ENDPOINTS:
                    m = self._cells.get((app.slug, server.server, endpoint))
                    share = self.share(app, server.server, endpoint)
                    cells.append({"endpoint": endpoint, "m": m, "share": share, "share_text": ratio_text(share)})
                rows.append({"app": app, "server": server, "cells": cells})
        return rows

    def throughput_chart(self, only: LabApp | None = None) -> Chart:
        groups = []
        apps = self.frameworks if only is None else [only]
        for endpoint in ENDPOINTS:
            bars = []
            for app in apps:
                for server in app.servers.all():
                    share = self.share(app, server.server, endpoint)
                    if share is not None:
                        bars.append(Bar(f"{app.label} · {server.server}", share, ratio_text(share)))
            if bars:
                groups.append((f"/{endpoint}", bars))
        return layout(Chart(groups, reference=1.0))

    # -- footprint --------------------------------------------------------------------------------

    def footprint_rows(self) -> list[dict]:
        rows = []
        for app in self.apps:
            base = self.baselines.get(app.interface)
            server = self._servers.get((app.slug, self.production(app)))
            base_server = base and self._servers.get((base.slug, self.production(base)))
            rows.append(
                {
                    "app": app,
                    "server": server,
                    "install_mb": app.install_kib / 1024,
                    "install_ratio": self.baseline_env_kib and app.install_kib / self.baseline_env_kib,
                    "rss_mb": server.worker_rss_kib / 1024 if server and server.worker_rss_kib else None,
                    "rss_ratio": _ratio(server and server.worker_rss_kib, base_server and base_server.worker_rss_kib),
                    "cold_ratio": _ratio(server and server.cold_start_ms, base_server and base_server.cold_start_ms),
                    "import_ratio": _ratio(app.import_ms, base and base.import_ms),
                }
            )
            rows[-1].update({f"{k}_text": ratio_text(rows[-1][k]) for k in RATIOS})
        return rows

    def footprint_chart(self, only: LabApp | None = None) -> Chart:
        rows = [r for r in self.footprint_rows() if not r["app"].baseline and (only is None or r["app"] == only)]
        groups = []
        for heading, key in (
            ("Installed size", "install_ratio"),
            ("Memory per worker", "rss_ratio"),
            ("Cold start", "cold_ratio"),
            ("Import time", "import_ratio"),
        ):
            bars = [Bar(r["app"].label, r[key], ratio_text(r[key])) for r in rows if r[key]]
            if bars:
                groups.append((heading, bars))
        return layout(Chart(groups, reference=1.0, per_group=True))

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


def latest(frameworks: list[Framework] | None = None) -> RunResults | None:
    run = runs().first()
    return RunResults(run, frameworks) if run else None


def lab_figures() -> list[BenchmarkFigure]:
    """The published figures that speak to a lab measurement, with what their sentences need."""
    figures = (
        BenchmarkFigure.objects.published().exclude(lab_measure="").select_related("framework", "compared_to", "source")
    )
    return list(figures.order_by("position", "slug"))
