"""What a run says about its own reliability, for the method section: how far its runs disagree."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from .presentation import RunResults


@dataclass(frozen=True)
class Spread:
    figures: int  # figures with several runs
    flagged: int  # of them, those whose spread is over the run's limit
    median: float | None  # the median spread, (max - min) / median of each figure's runs
    widest: float | None


def spread_summary(results: RunResults) -> Spread:
    spreads, flagged = [], 0
    for app in results.apps:
        for server in app.servers.all():
            for m in server.measurements.all():
                if m.spread is not None:
                    spreads.append(m.spread)
                    flagged += bool(m.spread_flag)
    return Spread(len(spreads), flagged, median(spreads) if spreads else None, max(spreads, default=None))
