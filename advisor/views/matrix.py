"""The comparison matrices, built in Python from a constant number of queries.

The state of a matrix lives in the query string: ``fw`` frameworks, ``use_case`` (the leaders of a use case
as the starting selection, when no ``fw`` is given), ``cat`` categories, ``diff`` only rows that differ, and
``best=0`` to stop highlighting the best in each row (on by default). Parsing is forgiving (unknown slugs are
ignored) and canonical (selections follow the content's order, duplicates collapse), so the same query
string always renders the same table. Every cell is prepared here once; the template only prints fields.

With more than ``DEFAULT_COLUMNS`` frameworks, a matrix without ``fw`` does not show them all at once: it
starts with the leaders of the ``use_case`` named (best fit first, then good, ..., ties in the guide's
order), or else with the first ``DEFAULT_COLUMNS`` in the guide's order, and says so beside the picker.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from ..models import FIT_SCORES, Criterion, Fit, Framework, Rating, UseCase
from .common import FIT_ICONS, FIT_LABELS, ScoreDisplay, preview, score_display, visible

FRAMEWORK_FIELDS = ("id", "slug", "name", "position", "status", "tagline", "best_for")
DEFAULT_COLUMNS = 5  # columns a matrix starts with when no selection is given
USE_CASE_FIELDS = ("id", "slug", "name", "summary", "status", "position")


def visible_frameworks(request: HttpRequest) -> list[Framework]:
    return list(visible(Framework.objects.only(*FRAMEWORK_FIELDS), request))


def _flag(query: QueryDict, name: str, default: bool = False) -> bool:
    # The last value wins: a form sends a hidden "0" before its checkbox, so an unticked box still says "off"
    # (that is how "best", on by default, can be turned off from a form).
    value = query.get(name, "")
    if value in {"1", "on", "true", "yes"}:
        return True
    if value in {"0", "off", "false", "no"}:
        return False
    return default


def _pick(requested: list[str], available: list, attr: str = "slug") -> list:
    wanted = set(requested)
    return [item for item in available if getattr(item, attr) in wanted]


@dataclass
class MatrixState:
    """The parsed, canonical query-string state of a matrix."""

    frameworks: list[Framework]
    selected: list[Framework]
    categories: list = field(default_factory=list)
    selected_categories: list = field(default_factory=list)
    diff: bool = False
    best: bool = True
    explicit_frameworks: bool = False
    use_cases: list = field(default_factory=list)  # the picker's choices (empty: no picker)
    use_case: UseCase | None = None  # whose leaders make the starting selection

    @property
    def default_selection(self) -> list[Framework]:
        return self.frameworks[:DEFAULT_COLUMNS]

    @property
    def defaulted(self) -> bool:
        """True when the site chose a subset of the frameworks because the visitor chose none."""
        return not self.explicit_frameworks and len(self.selected) < len(self.frameworks)

    @property
    def selected_slugs(self) -> set[str]:
        return {f.slug for f in self.selected}

    @property
    def selected_category_slugs(self) -> set[str]:
        return {c.slug for c in self.selected_categories}

    def query_string(self, frameworks: list[Framework] | None = None) -> str:
        """The canonical query string for this state (empty for the default view), or for the same state with
        ``frameworks`` chosen instead."""
        params: list[tuple[str, str]] = []
        explicit = self.explicit_frameworks if frameworks is None else True
        selected = self.selected if frameworks is None else frameworks
        if explicit and selected != self.default_selection:
            params += [("fw", f.slug) for f in selected]
        elif not explicit and self.use_case is not None:
            params.append(("use_case", self.use_case.slug))
        if self.categories and len(self.selected_categories) != len(self.categories):
            params += [("cat", c.slug) for c in self.selected_categories]
        if self.diff:
            params.append(("diff", "1"))
        if not self.best:
            params.append(("best", "0"))
        return urlencode(params)

    def all_frameworks_query(self) -> str:
        return self.query_string(self.frameworks)


def leaders(use_case: UseCase, frameworks: list[Framework], limit: int = DEFAULT_COLUMNS) -> list[Framework]:
    """The ``limit`` frameworks that fit ``use_case`` best (one query), in the guide's order."""
    levels = dict(Fit.objects.filter(use_case=use_case).values_list("framework_id", "level"))
    ranked = sorted(frameworks, key=lambda f: -FIT_SCORES.get(levels.get(f.id), -1))  # stable: ties keep order
    chosen = {f.id for f in ranked[:limit]}
    return [f for f in frameworks if f.id in chosen]


def picker_use_cases(request: HttpRequest, frameworks: list[Framework]) -> list[UseCase]:
    """The use cases a visitor may start a selection from: loaded only when there are too many frameworks to
    show at once (one query)."""
    if len(frameworks) <= DEFAULT_COLUMNS:
        return []
    return list(visible(UseCase.objects.only(*USE_CASE_FIELDS), request))


def parse_state(
    query: QueryDict, frameworks: list[Framework], categories: list | None = None, use_cases: list | None = None
) -> MatrixState:
    selected = _pick(query.getlist("fw"), frameworks)
    explicit = bool(selected)
    categories = categories or []
    chosen_categories = _pick(query.getlist("cat"), categories) or list(categories)
    use_cases = use_cases if len(frameworks) > DEFAULT_COLUMNS else []
    use_case = None
    if not explicit:
        use_case = next((u for u in use_cases or [] if u.slug == query.get("use_case")), None)
        selected = leaders(use_case, frameworks) if use_case else frameworks[:DEFAULT_COLUMNS]
    return MatrixState(
        frameworks=frameworks,
        selected=selected,
        categories=categories,
        selected_categories=chosen_categories,
        diff=_flag(query, "diff"),
        best=_flag(query, "best", default=True),
        explicit_frameworks=explicit,
        use_cases=use_cases or [],
        use_case=use_case,
    )


@dataclass
class Cell:
    framework: Framework
    rating: Rating | None
    score: ScoreDisplay
    label: str
    disputed: bool = False
    best: bool = False
    detail_url: str = ""
    anchor_url: str = ""
    value: object = None  # what "differs" and "best" compare


@dataclass
class Row:
    subject: object  # a Criterion or a UseCase
    cells: list[Cell]
    differs: bool = False


@dataclass
class Group:
    category: object
    rows: list[Row]


def _finish_row(row: Row, best: bool, higher=lambda v: v) -> Row:
    values = {cell.value for cell in row.cells}
    row.differs = len(values) > 1
    known = [cell.value for cell in row.cells if cell.value is not None]
    if best and row.differs and known:
        top = max(known, key=higher)
        for cell in row.cells:
            cell.best = cell.value == top
    return row


def criterion_rows(criteria: list[Criterion], frameworks: list[Framework], ratings, best: bool = False) -> list[Row]:
    """One row per criterion, one cell per framework; a missing rating is an unknown cell."""
    by_cell = {(r.criterion_id, r.framework_id): r for r in ratings}
    rows = []
    for criterion in criteria:
        url = reverse("advisor:criterion", args=[criterion.slug])
        cells = []
        for framework in frameworks:
            rating = by_cell.get((criterion.id, framework.id))
            score = rating.score if rating else None
            cells.append(
                Cell(
                    framework=framework,
                    rating=rating,
                    score=score_display(score),
                    label=rating.label if rating else "No rating yet",
                    disputed=bool(rating and rating.disputed),
                    detail_url=f"{url}?framework={framework.slug}",
                    anchor_url=f"{url}#fw-{framework.slug}",
                    value=score,
                )
            )
        rows.append(_finish_row(Row(criterion, cells), best))
    return rows


def group_rows(rows: list[Row]) -> list[Group]:
    groups: list[Group] = []
    for row in rows:
        category = row.subject.category
        if not groups or groups[-1].category.id != category.id:
            groups.append(Group(category, []))
        groups[-1].rows.append(row)
    return groups


def build_compare(
    request: HttpRequest, frameworks: list[Framework], state_query: QueryDict, picker: bool = True
) -> dict:
    """The criteria matrix: 3 queries (frameworks are passed in; criteria with categories; ratings), and with
    more than ``DEFAULT_COLUMNS`` frameworks one for the picker's use cases and one for a use case's leaders."""
    criteria = list(visible(Criterion.objects.select_related("category"), request))
    categories = list({c.category_id: c.category for c in criteria}.values())
    use_cases = picker_use_cases(request, frameworks) if picker else []
    state = parse_state(state_query, frameworks, categories, use_cases)
    chosen = state.selected_category_slugs
    shown_criteria = [c for c in criteria if c.category.slug in chosen]
    ratings = Rating.objects.filter(
        framework__in=[f.id for f in state.selected], criterion__in=[c.id for c in shown_criteria]
    ).only("id", "framework_id", "criterion_id", "score", "label", "disputed")
    rows = criterion_rows(shown_criteria, state.selected, ratings, best=state.best)
    total = len(rows)
    if state.diff:
        rows = [row for row in rows if row.differs]
    csv_query = state.query_string()
    return {
        "state": state,
        # The same view as a spreadsheet: its address keeps the same filters.
        "csv_url": reverse("advisor:compare_csv") + (f"?{csv_query}" if csv_query else ""),
        "groups": group_rows(rows),
        "row_count": len(rows),
        "total_rows": total,
        "preview": preview(request),
    }


def build_use_case_matrix(request: HttpRequest, frameworks: list[Framework], state_query: QueryDict) -> dict:
    """Use cases × frameworks: 3 queries (frameworks passed in; use cases; fits), and one for a use case's
    leaders when there are more than ``DEFAULT_COLUMNS`` frameworks."""
    use_cases = list(visible(UseCase.objects.only(*USE_CASE_FIELDS), request))
    state = parse_state(state_query, frameworks, use_cases=use_cases)
    fits = Fit.objects.filter(framework__in=[f.id for f in state.selected], use_case__in=[u.id for u in use_cases])
    by_cell = {(f.use_case_id, f.framework_id): f for f in fits.only("id", "use_case_id", "framework_id", "level")}
    rows = []
    for use_case in use_cases:
        url = reverse("advisor:use_case", args=[use_case.slug])
        cells = []
        for framework in state.selected:
            fit = by_cell.get((use_case.id, framework.id))
            level = fit.level if fit else None
            cells.append(
                Cell(
                    framework=framework,
                    rating=None,
                    score=ScoreDisplay(
                        FIT_SCORES.get(level),
                        FIT_ICONS.get(level, "?"),
                        FIT_LABELS.get(level, "Unknown"),
                        FIT_LABELS.get(level, "Unknown"),
                        f"fit-{level or 'unknown'}",
                    ),
                    label=FIT_LABELS.get(level, "Unknown"),
                    anchor_url=f"{url}#fw-{framework.slug}",
                    value=FIT_SCORES.get(level),
                )
            )
        rows.append(_finish_row(Row(use_case, cells), state.best))
    total = len(rows)
    if state.diff:
        rows = [row for row in rows if row.differs]
    return {"state": state, "rows": rows, "row_count": len(rows), "total_rows": total, "preview": preview(request)}


def ahead_rows(rows: list[Row], frameworks, limit: int = 3) -> list[dict]:
    """For each framework, in order, the rows where it alone has the highest known score, by how far it leads the
    next best (largest first): where each one is ahead, both ways (issue 26)."""
    found = []
    for fw in frameworks:
        leads = []
        for row in rows:
            mine = next((c for c in row.cells if c.framework.pk == fw.pk), None)
            others = [c.value for c in row.cells if c is not mine and c.value is not None]
            if mine is None or mine.value is None or not others or mine.value <= max(others):
                continue
            leads.append((mine.value - max(others), row))
        leads.sort(key=lambda item: -item[0])  # stable: equal gaps keep the matrix's order
        found.append({"framework": fw, "rows": [row for _, row in leads[:limit]]})
    return found if any(item["rows"] for item in found) else []


def spread_rows(rows: list[Row], limit: int = 5) -> list[Row]:
    """The rows where the frameworks differ most (largest gap between known scores)."""

    def spread(row: Row) -> int:
        known = [c.value for c in row.cells if c.value is not None]
        return max(known) - min(known) if len(known) > 1 else 0

    ranked = sorted((r for r in rows if spread(r) > 0), key=lambda r: -spread(r))
    return ranked[:limit]
