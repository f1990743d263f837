"""Independent published suites set beside a lab run, framework by framework (issue #24).

Each source of kind "independent" that gives requests per second per framework (figures.yaml, ``lab_measure``
throughput, unit req/s) becomes one table: its figure and its order against the run's /plaintext figure on each
framework's fastest set-up (the throughput rule's, :mod:`advisor.content.labrule`), both as a share of
Starlette's in the same source, so that suites on other machines compare by order and ratio, never by raw
figures. A framework whose two shares differ by more than :data:`AGREE_WITHIN` times is a disagreement; the
figure's caveat says why. Plain numbers and labels only; the template phrases them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.models import BenchmarkFigure, Framework, Source

from .presentation import RunResults

ENDPOINT = "plaintext"  # the suites' nearest test: a short body, no validation, no database
YARDSTICK = "starlette"  # every share is of this framework's rate in the same source
AGREE_WITHIN = 1.5  # shares within this factor of each other agree


@dataclass
class Row:
    framework: Framework
    figure: BenchmarkFigure
    theirs: float
    ours: float | None
    server: str | None  # the lab server of ``ours``
    their_share: float | None = None
    our_share: float | None = None
    their_rank: int = 0
    our_rank: int | None = None

    @property
    def verdict(self) -> str:
        """agrees, lower or higher (our share against theirs); unknown without both."""
        if self.their_share is None or self.our_share is None:
            return "unknown"
        factor = self.our_share / self.their_share
        if 1 / AGREE_WITHIN <= factor <= AGREE_WITHIN:
            return "agrees"
        return "lower" if factor < 1 else "higher"


@dataclass
class Suite:
    source: Source
    metric: str
    rows: list[Row] = field(default_factory=list)

    @property
    def disagreements(self) -> int:
        return sum(row.verdict in ("lower", "higher") for row in self.rows)


def independent_figures() -> list[BenchmarkFigure]:
    figures = BenchmarkFigure.objects.published().filter(
        source__kind=Source.Kind.INDEPENDENT, lab_measure="throughput", unit="req/s", framework__isnull=False
    )
    return list(figures.select_related("framework", "source").order_by("-source__date", "position", "slug"))


def _best(results: RunResults, framework: Framework) -> tuple[float | None, str | None]:
    app = results.app_for(framework)
    if app is None:
        return None, None
    measured = [(results.rps(app, s.server, ENDPOINT), s.server) for s in app.servers.all()]
    measured = [(rps, server) for rps, server in measured if rps]
    return max(measured, default=(None, None))


def suites(results: RunResults, figures: list[BenchmarkFigure]) -> list[Suite]:
    """One table per suite, newest results first."""
    by_source: dict[int, Suite] = {}
    for figure in figures:
        suite = by_source.setdefault(figure.source_id, Suite(figure.source, figure.metric))
        ours, server = _best(results, figure.framework)
        suite.rows.append(Row(figure.framework, figure, figure.value, ours, server))
    for suite in by_source.values():
        rows = suite.rows
        yard = next((r for r in rows if r.framework.slug == YARDSTICK), None)
        for row in rows:
            if yard is not None:
                row.their_share = row.theirs / yard.theirs
                row.our_share = row.ours / yard.ours if row.ours and yard.ours else None
        for rank, row in enumerate(sorted(rows, key=lambda r: -r.theirs), 1):
            row.their_rank = rank
        for rank, row in enumerate(sorted((r for r in rows if r.ours), key=lambda r: -r.ours), 1):
            row.our_rank = rank
        rows.sort(key=lambda r: r.their_rank)
    return list(by_source.values())
