"""The engine's input (a snapshot of the published content, and the answers) and output (an outcome).

Everything here is plain data: no database, no English beyond the curated labels the content carries.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

#: The rating scale: 0 (absent) to 5 (best in class).
SCALE_MAX = 5
#: Fit levels as ratings on the same scale (mirrors ``advisor.models.FIT_SCORES``; tests keep them in sync).
FIT_SCORES = {"best": 5, "good": 4, "possible": 2, "avoid": 0}


class AnswerError(ValueError):
    """The answers do not fit the questionnaire; the message says why, for a person."""


class ContentValueError(ValueError):
    """The content holds a number the engine cannot reason with (NaN, infinite, or beyond any weight's range)."""


#: Weights beyond this are refused: the model's range is 0 to 10; sums of larger ones could overflow to infinity.
WEIGHT_LIMIT = 1e6


def checked_weight(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ContentValueError(f"{what}: weight {value!r} is not a number")
    if not math.isfinite(value) or abs(value) > WEIGHT_LIMIT:
        raise ContentValueError(f"{what}: weight {value!r} is not a finite number within ±{WEIGHT_LIMIT:g}")
    return value


# ---------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True)
class Relation:
    """This framework is built on, runs inside or follows the API of ``other``; the criteria in ``inherits``
    are ``other``'s own feature (Django Ninja's admin is Django's)."""

    kind: str  # "built-on", "runs-inside" or "same-api"
    other: str
    inherits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    slug: str
    name: str
    position: int = 0
    url: str = ""
    when_not_to_use: str = ""
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Criterion:
    slug: str
    name: str
    weight: float = 1.0
    position: int = 0
    url: str = ""
    category: str = ""

    def __post_init__(self):
        checked_weight(self.weight, f"criterion {self.slug}")


@dataclass(frozen=True)
class Rating:
    score: int | None
    label: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    slug: str
    label: str
    use_case: str | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    must_haves: Mapping[str, int] = field(default_factory=dict)
    help: str = ""

    def __post_init__(self):
        for criterion, delta in self.weights.items():
            checked_weight(delta, f"choice {self.slug}, criterion {criterion}")


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    choices: tuple[Choice, ...]
    help: str = ""

    @cached_property
    def by_slug(self) -> dict[str, Choice]:
        return {c.slug: c for c in self.choices}


@dataclass(frozen=True)
class UseCase:
    slug: str
    name: str
    fits: Mapping[str, str] = field(default_factory=dict)  # framework slug -> fit level
    preset: Mapping[str, str] = field(default_factory=dict)  # question slug -> choice slug
    sources: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class Pitfall:
    slug: str
    title: str
    choices: frozenset[tuple[str, str]] = frozenset()  # (question slug, choice slug)
    frameworks: tuple[str, ...] = ()
    symptom: str = ""
    fix: str = ""
    url: str = ""


@dataclass(frozen=True)
class HybridPart:
    framework: str
    role: str


@dataclass(frozen=True)
class Hybrid:
    slug: str
    name: str
    parts: tuple[HybridPart, ...]
    summary: str = ""
    sources: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class Source:
    slug: str
    title: str
    author: str = ""
    url: str = ""
    date: str = ""


@dataclass(frozen=True, eq=False)  # one snapshot is one object (hashable by identity, as caches need)
class Content:
    """A snapshot of the published content: everything the engine reads, nothing else."""

    version: str
    frameworks: tuple[Framework, ...]
    criteria: tuple[Criterion, ...]
    ratings: Mapping[tuple[str, str], Rating]  # (framework slug, criterion slug) -> rating
    questions: tuple[Question, ...]
    use_cases: Mapping[str, UseCase] = field(default_factory=dict)
    pitfalls: tuple[Pitfall, ...] = ()
    hybrids: tuple[Hybrid, ...] = ()
    sources: Mapping[str, Source] = field(default_factory=dict)
    #: (from framework, to framework) -> "easy", "moderate" or "hard": the migration paths in the content.
    migrations: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @cached_property
    def question_map(self) -> dict[str, Question]:
        return {q.slug: q for q in self.questions}

    @cached_property
    def framework_map(self) -> dict[str, Framework]:
        return {f.slug: f for f in self.frameworks}

    @cached_property
    def criterion_map(self) -> dict[str, Criterion]:
        return {c.slug: c for c in self.criteria}

    @cached_property
    def criterion_index(self) -> dict[str, int]:
        return {c.slug: i for i, c in enumerate(self.criteria)}

    @cached_property
    def base_weights(self) -> dict[str, float]:
        return {c.slug: max(0.0, c.weight) for c in self.criteria}

    @cached_property
    def field_means(self) -> tuple[float, ...]:
        """Per criterion, in order: the frameworks' average rating, an unknown counting as 0 (as in the score)."""
        rows = list(self.known_rows.values())
        return tuple(sum(column) / len(rows) for column in zip(*rows, strict=True)) if rows else ()

    @cached_property
    def known_rows(self) -> dict[str, tuple[int, ...]]:
        """Per framework: its ratings in criterion order, an unknown one as 0 (it earns nothing)."""
        return {slug: tuple(r or 0 for r in row) for slug, row in self.scores.items()}

    @cached_property
    def unknown_rows(self) -> dict[str, tuple[int, ...]]:
        """Per framework: 1 where its rating is unknown, in criterion order."""
        return {slug: tuple(int(r is None) for r in row) for slug, row in self.scores.items()}

    @cached_property
    def scores(self) -> dict[str, tuple[int | None, ...]]:
        """Per framework: its rating on each criterion, in criterion order (None: unknown)."""
        return {
            fw.slug: tuple(
                r.score if (r := self.ratings.get((fw.slug, c.slug))) is not None else None for c in self.criteria
            )
            for fw in self.frameworks
        }

    @cached_property
    def presets_by_project(self) -> dict[str | None, tuple[tuple[int, UseCase, dict[str, str]], ...]]:
        """The presets (with their position) that a given ``project`` answer can match, keyed by that answer
        (None: no project answered); a preset without a ``project`` answer is under every key."""
        keys = {None, *(c.slug for q in self.questions if q.slug == "project" for c in q.choices)}
        return {
            key: tuple(
                (i, u, preset)
                for i, (u, preset) in enumerate(self.presets)
                if preset and preset.get("project", key) == key and (key is not None or "project" not in preset)
            )
            for key in keys
        }

    @cached_property
    def presets(self) -> tuple[tuple[UseCase, dict[str, str]], ...]:
        """Each use case with its preset, limited to questions that exist."""
        return tuple(
            (u, {q: c for q, c in u.preset.items() if q in self.question_map}) for u in self.use_cases.values()
        )

    @cached_property
    def use_case_of(self) -> dict[tuple[str, str], str]:
        """(question slug, choice slug) -> the published use case that choice selects (choices that select one)."""
        return {(q.slug, c.slug): c.use_case for q in self.questions for c in q.choices if c.use_case in self.use_cases}

    @cached_property
    def addon_pairs(self) -> dict[str, tuple[str, str]]:
        """Framework slug -> (add-on, host) for every framework that runs inside another, and for that host
        (one add-on per host: the first in the content's order)."""
        pairs: dict[str, tuple[str, str]] = {}
        for fw in self.frameworks:
            for r in fw.relations:
                if r.kind == "runs-inside" and r.other in self.framework_map and r.other not in pairs:
                    pairs[fw.slug] = pairs[r.other] = (fw.slug, r.other)
        return pairs

    @cached_property
    def keep_routes(self) -> dict[str, dict[str, str]]:
        """Existing framework -> {framework: how it keeps that framework's code}: "same", "runs-inside",
        "same-api", a migration path's difficulty, or "rewrite"."""
        routes = {}
        for existing in self.frameworks:
            found = {}
            for fw in self.frameworks:
                kinds = {r.kind for r in fw.relations if r.other == existing.slug}
                if fw.slug == existing.slug:
                    found[fw.slug] = "same"
                elif "runs-inside" in kinds:
                    found[fw.slug] = "runs-inside"
                elif "same-api" in kinds:
                    found[fw.slug] = "same-api"
                else:
                    found[fw.slug] = self.migrations.get((existing.slug, fw.slug), "rewrite")
            routes[existing.slug] = found
        return routes

    def choice(self, question: str, choice: str) -> Choice:
        return self.question_map[question].by_slug[choice]


# ---------------------------------------------------------------------------------------------
# Answers


def parse_answers(content: Content, pairs: Iterable[tuple[str, str]], ignore: Iterable[str] = ()) -> dict[str, str]:
    """Check submitted ``(field, value)`` pairs against the questionnaire; answers in question order.

    An unknown question or choice, or a question given twice, raises :class:`AnswerError`. An empty value
    means "skipped". Field names in ``ignore`` (control fields such as the CSRF token) are passed over.
    """
    ignored = set(ignore)
    given: dict[str, str] = {}
    for name, value in pairs:
        if name in ignored:
            continue
        question = content.question_map.get(name)
        if question is None:
            raise AnswerError(f"There is no question “{name}” in the questionnaire.")
        if name in given:
            raise AnswerError(f"The question “{name}” was answered more than once; answer each question once.")
        given[name] = value
        if value and value not in question.by_slug:
            options = ", ".join(question.by_slug)
            raise AnswerError(f"“{value}” is not a choice for “{name}”; the choices are: {options}.")
    return {q.slug: given[q.slug] for q in content.questions if given.get(q.slug)}


# ---------------------------------------------------------------------------------------------
# Output


@dataclass
class MustHaveCheck:
    criterion: str
    name: str
    minimum: int
    score: int | None
    status: str  # "met", "missed" or "unknown"
    because: list[str]  # "question=choice"


@dataclass
class Reason:
    """One term of a framework's score that the answers changed, measured against the field.

    ``effect`` is in points of the 0-100 score: how far this term puts the framework above (+) or below (-)
    the average of all frameworks. ``kind`` is "criterion" (the answers raised the criterion's weight) or
    "use_case" (the selected use case's fit). ``because`` lists the answers behind it ("question=choice").
    """

    kind: str
    criterion: str | None
    name: str
    label: str
    score: int | None  # the framework's rating (or fit as a rating) on the 0-5 scale; None when unknown
    field: float  # the field's average rating on the same scale
    added_weight: float
    effect: float
    because: list[str]
    known: bool = True
    via: str = ""  # the framework whose own feature this is (a relation's inherited criterion), by name
    #: kind "existing_code" only: how the framework keeps the team's code ("same", "runs-inside", "same-api",
    #: "path" with ``label`` the migration's difficulty, or "rewrite")
    how: str = ""


@dataclass
class CriterionLine:
    criterion: str
    name: str
    weight: float
    score: int | None
    label: str


@dataclass
class Standing:
    framework: str
    name: str
    url: str
    score: float  # 0-100; an unknown rating earns nothing
    best_case: float  # the score if every unknown rating were the best on the scale
    rank: int
    must_haves_met: bool
    must_haves: list[MustHaveCheck]
    missed: int
    reasons: list[Reason]
    unknown: list[dict]
    breakdown: list[CriterionLine]
    base_effect: float  # the criteria the answers did not raise, at their base weight, against the field
    relations: list[dict] = field(default_factory=list)  # kind, other, other_name, inherits (criterion names)
    #: ranked beside its host or add-on (one stack): {"framework", "name", "role": "host" or "add-on"}
    stacked_with: dict | None = None


@dataclass
class Outcome:
    engine: int
    content_version: str
    answers: list[dict]
    skipped: list[dict]
    winner: str | None
    headline: dict | None
    top_reasons: list[dict]
    ranking: list[Standing]
    weights: list[dict]
    use_cases: list[dict]
    flips: list[dict]
    flips_if_skipped: list[dict]
    uncertainty: dict
    held: list[dict]
    hybrid: dict | None
    caveats: dict
    sources: list[dict]
    existing_code: dict | None = None

    def as_dict(self) -> dict:
        """The JSON-ready form that result permalinks store (what :func:`dataclasses.asdict` gives; the dicts
        inside an outcome are built fresh for it, so they need no deep copy)."""
        return _plain(self)


def _plain(value):
    # Scalars, strings and the plain dicts pass through without a call of their own: an outcome holds about
    # a thousand of them, and a fresh-answers POST converts one (measured: this is a third of the engine's time
    # when every value goes through a call).
    kind = type(value)
    if kind in _FLAT:
        return dict(vars(value))
    if kind is list:
        return [_plain(item) if type(item) in _NESTED else item for item in value]
    return {name: _plain(item) if type(item) in _NESTED else item for name, item in vars(value).items()}


#: The output dataclasses that hold no other dataclass (their lists hold strings): copied field by field.
_FLAT = frozenset({MustHaveCheck, Reason, CriterionLine})
#: What :func:`_plain` converts: the output dataclasses and lists of them.
_NESTED = frozenset({list, Standing, Outcome, *_FLAT})
