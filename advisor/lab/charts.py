"""The geometry of the lab's SVG charts, drawn on the server in a 400-unit-wide viewBox so that they stay legible
at 390 px: the claims chart (a label column beside each bar) and the rankings (each label on its own line above
its bar, so that "Django Ninja · gunicorn" is never cut short)."""

from __future__ import annotations

from dataclasses import dataclass, field

CHART_WIDTH = 400  # the SVG's viewBox width, so that it stays legible at 390 px
BAR_WIDTH = 170  # px of the longest bar in the claims chart (its value text needs the rest of the width)
LABEL_WIDTH = 140
RANK_ROW = 34  # a ranking's row: a line of text, then the bar under it
RANK_TOP = 18  # room above the first row for the reference line's label


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


@dataclass
class Rank:
    """One bar of a ranking: a label and its figures on one line, the bar (and the runs' range) under it."""

    label: str
    value: float
    text: str  # the figure and its ratio, drawn at the line's right end
    baseline: bool = False
    highlight: bool = False  # the framework whose page this is
    flagged: bool = False  # the runs spread more than the run allows
    low: float | None = None  # the runs' range, drawn as a whisker
    high: float | None = None
    # placed by rank_layout
    text_y: int = 0
    bar_y: int = 0
    width: int = 0
    whisker: tuple[int, int] | None = None
    mid_y: int = 0

    @property
    def whisker_d(self) -> str:
        """The whisker as an SVG path: a tick at each end of the runs' range and a line between them."""
        low, high = self.whisker or (0, 0)
        return f"M{low} {self.mid_y - 4}v8M{low} {self.mid_y}H{high}M{high} {self.mid_y - 4}v8"


@dataclass
class Ranking:
    bars: list[Rank]
    reference: float | None = None  # the value the ratios divide by: a vertical line
    reference_text: str = ""
    height: int = 0
    ref_x: int | None = None


def rank_layout(chart: Ranking) -> Ranking:
    """Place a ranking's bars on one scale, the longest (with its whisker) filling the width."""
    highest = max([b.high or b.value for b in chart.bars] + [chart.reference or 0, 1e-9])
    scale = (CHART_WIDTH - 4) / highest
    y = RANK_TOP
    for bar in chart.bars:
        bar.text_y = y + 13
        bar.bar_y = y + 18
        bar.mid_y = bar.bar_y + 6
        bar.width = max(1, round(bar.value * scale))
        if bar.low is not None and bar.high is not None:
            low = 1 + round(bar.low * scale)
            bar.whisker = (low, max(1 + round(bar.high * scale), low + 1))
        y += RANK_ROW
    chart.ref_x = 1 + round(chart.reference * scale) if chart.reference else None
    chart.height = y + 4
    return chart
