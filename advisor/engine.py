"""The recommendation engine: pure Python, no database.

Input: the answers (``{question slug: choice slug}``) and a :class:`Content` snapshot of the published
content (built from the database by :mod:`advisor.snapshot`, or by hand in tests). Output: an
:class:`Outcome` (``.as_dict()`` gives the JSON-ready form that result permalinks store).

The model, in the order it is applied (every number below is content a curator edits, or a constant here):

1. **Criterion weights.** Each criterion starts at its base weight (``Criterion.weight``). Every answer adds
   its choice's ``Weight.delta`` for that criterion. The sum is floored at 0; a criterion at weight 0 does
   not count at all. A skipped question has no effect.
2. **Criteria score.** A framework's criteria score is the weighted mean of its *known* ratings, each read as
   ``score / 5``, over the criteria with weight > 0. An unknown rating (a rating with no score, or no rating
   row at all) is left out of both the sum and the total weight of that framework, and reported in
   ``unknown``: it never counts as zero, and it never counts as good.
3. **Use-case fit.** Answers may select use cases (``Choice.use_case``). A framework's fit score is the mean
   of ``FIT_SCORES[level] / 5`` over the selected use cases that rate it (a missing fit is unknown and left
   out). When there is a fit score, the final score blends it in with the share :data:`USE_CASE_SHARE`:
   ``score = (1 - USE_CASE_SHARE) * criteria + USE_CASE_SHARE * fit``; otherwise ``score = criteria``.
   The score is scaled to 0-100 and rounded to one decimal.
4. **Must-haves.** A choice may require a minimum rating on a criterion (``MustHave``); when several answers
   require the same criterion, the highest minimum applies. Each framework lists each must-have as *met*,
   *missed* (known rating below the minimum) or *unknown* (no rating). A miss is a deal-breaker, not a
   penalty: frameworks are ranked first by the number of must-haves they miss (fewer first), then by score.
   No framework is ever dropped. ``must_haves_met`` is true only when every must-have is met (an unknown
   one is not confirmed, so it is false, but an unknown does not lower the rank).
5. **Ranking and ties.** Order: fewest missed must-haves, then the higher score (as shown, one decimal),
   then the framework's position, then its slug. Same input, same output, same order.
6. **Reasons.** For each framework and each criterion whose weight the answers changed, the effect is the
   difference between the framework's score and its score with that criterion at its base weight: "Django
   +12: Admin interface (Built-in) matters because you answered admin = essential". The selected use
   cases' fit gets a reason too (its effect: the score with the fit minus the score without it). Effects
   are counterfactual, one at a time, so they explain but need not add up to the score.
7. **What would change the answer (flips).** Every single-answer change that puts a different framework
   first: another choice for an answered question, or an answer to a skipped one (``flips``); and, apart
   from those, skipping an answered question (``flips_if_skipped``).
8. **Hybrid.** A published hybrid architecture (content) that combines the winner with another framework
   is suggested when (a) the top two are within :data:`HYBRID_MARGIN` points, or (b) the answers pull
   apart: the answers raised (by at least :data:`PULL_DELTA` in total) the weight of a criterion on which
   the winner is rated best, and of another on which a different framework is rated best (for example
   admin = essential against load = high with workload = io). The hybrid with both frameworks and the
   fewest parts wins, then by position.
9. **Caveats.** The winner's "when not to use" text and every published pitfall linked to one of the given
   answers (pitfalls that concern the winner, or no framework in particular, first).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property

ENGINE_VERSION = 1

#: Fit levels as scores on the 0-5 scale (mirrors ``advisor.models.FIT_SCORES``; tests keep them in sync).
FIT_SCORES = {"best": 5, "good": 4, "possible": 2, "avoid": 0}
#: How much of the final score the selected use cases' fit makes up when a use case is selected.
USE_CASE_SHARE = 0.3
#: The top two are "close" (a hybrid is worth suggesting) within this many points.
HYBRID_MARGIN = 4.0
#: A criterion counts as "pulled up by the answers" when they raised its weight by at least this much.
PULL_DELTA = 3.0
SCALE_MAX = 5


class AnswerError(ValueError):
    """The answers do not fit the questionnaire; the message says why, for a person."""


# ---------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True)
class Framework:
    slug: str
    name: str
    position: int = 0
    url: str = ""
    when_not_to_use: str = ""


@dataclass(frozen=True)
class Criterion:
    slug: str
    name: str
    weight: float = 1.0
    position: int = 0
    url: str = ""


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


@dataclass(frozen=True)
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
    def known_scores(self) -> dict[str, dict[str, float]]:
        """Per framework: criterion slug -> score on 0-1, for its known ratings only, in criterion order."""
        return {
            fw.slug: {
                c.slug: r.score / SCALE_MAX
                for c in self.criteria
                if (r := self.ratings.get((fw.slug, c.slug))) is not None and r.score is not None
            }
            for fw in self.frameworks
        }

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
class Because:
    question: str
    choice: str
    delta: float = 0.0

    def __str__(self) -> str:
        return f"{self.question}={self.choice}"


@dataclass
class Reason:
    kind: str  # "criterion" or "use_case"
    criterion: str | None
    name: str
    label: str
    effect: float
    because: list[str]
    direction: str  # "more" (the answers raised the weight) or "less"; "fit" for a use case
    text: str
    known: bool = True


@dataclass
class MustHaveCheck:
    criterion: str
    name: str
    minimum: int
    score: int | None
    status: str  # "met", "missed" or "unknown"
    because: list[str]


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
    score: float
    rank: int
    criteria_score: float | None
    fit_score: float | None
    must_haves_met: bool
    must_haves: list[MustHaveCheck]
    missed: int
    reasons: list[Reason]
    unknown: list[dict]
    breakdown: list[CriterionLine]


@dataclass
class Outcome:
    engine: int
    content_version: str
    answers: list[dict]
    skipped: list[dict]
    winner: str | None
    ranking: list[Standing]
    weights: list[dict]
    use_cases: list[dict]
    flips: list[dict]
    flips_if_skipped: list[dict]
    hybrid: dict | None
    caveats: dict
    sources: list[dict]

    def as_dict(self) -> dict:
        """The JSON-ready form: what :func:`dataclasses.asdict` gives, built without its deep copies.

        Everything in an outcome is built fresh by :func:`recommend` and shared with nothing, so the plain
        dicts and lists inside it can be handed over as they are; only the dataclasses are converted.
        """
        return _plain(self)


def _plain(value):
    # Scalars, dicts and strings pass through without a call of their own: an outcome holds about a thousand.
    if type(value) is list:
        return [_plain(item) if type(item) in _NESTED else item for item in value]
    return {name: _plain(item) if type(item) in _NESTED else item for name, item in vars(value).items()}


#: The dataclasses an outcome is made of (``as_dict`` turns them into dicts).
_OUTPUT_CLASSES = frozenset({Outcome, Standing, Reason, MustHaveCheck, CriterionLine})
_NESTED = _OUTPUT_CLASSES | {list}


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass
class _Scored:
    framework: Framework
    score: float  # 0-100, rounded to one decimal
    raw: float  # 0-1, unrounded
    criteria_score: float | None
    fit_score: float | None
    missed: int
    checks: list[MustHaveCheck]


def _raw_weights(content: Content, answers: Mapping[str, str]) -> tuple[dict[str, float], dict[str, list[Because]]]:
    """Each criterion's base weight plus the answers' deltas, not yet floored at 0, and the answers behind it."""
    weights = {c.slug: c.weight for c in content.criteria}
    because: dict[str, list[Because]] = {c.slug: [] for c in content.criteria}
    for question, choice_slug in answers.items():
        choice = content.choice(question, choice_slug)
        for criterion, delta in choice.weights.items():
            if criterion in weights and delta:
                weights[criterion] += delta
                because[criterion].append(Because(question, choice_slug, delta))
    return weights, because


def _weights(content: Content, answers: Mapping[str, str]) -> tuple[dict[str, float], dict[str, list[Because]]]:
    weights, because = _raw_weights(content, answers)
    return {slug: max(0.0, w) for slug, w in weights.items()}, because


def _selected_use_cases(content: Content, answers: Mapping[str, str]) -> list[tuple[UseCase, Because]]:
    selected, seen = [], set()
    for question, choice_slug in answers.items():
        slug = content.choice(question, choice_slug).use_case
        if slug and slug in content.use_cases and slug not in seen:
            seen.add(slug)
            selected.append((content.use_cases[slug], Because(question, choice_slug)))
    return selected


def _sums(content: Content, framework: str, weights: Mapping[str, float]) -> tuple[float, float, int]:
    """(total weight, weighted sum, number of criteria) over the framework's known ratings with weight > 0."""
    total = weighted = 0.0
    counted = 0
    for criterion, value in content.known_scores[framework].items():
        w = weights[criterion]
        if w > 0:
            total += w
            weighted += w * value
            counted += 1
    return total, weighted, counted


def _criteria_score(content: Content, framework: str, weights: Mapping[str, float]) -> float | None:
    total, weighted, counted = _sums(content, framework, weights)
    return weighted / total if counted else None


def _fit_score(framework: str, use_cases: list[tuple[UseCase, Because]]) -> float | None:
    values = [FIT_SCORES[u.fits[framework]] / SCALE_MAX for u, _ in use_cases if u.fits.get(framework) in FIT_SCORES]
    return sum(values) / len(values) if values else None


def _blend(criteria: float | None, fit: float | None) -> float:
    if criteria is None and fit is None:
        return 0.0
    if fit is None:
        return criteria
    if criteria is None:
        return fit
    return (1 - USE_CASE_SHARE) * criteria + USE_CASE_SHARE * fit


def _points(raw: float) -> float:
    # Round half up on the 0-100 scale, so that equal inputs always show (and rank) as equal numbers.
    return math.floor(raw * 1000 + 0.5 + 1e-9) / 10


def _tenths(value: float) -> float:
    """An effect on the 0-100 scale to one decimal, halves away from zero, like the scores: a tie such as
    0.55 is decided by the rule, not by how floating point happened to sum the terms."""
    magnitude = math.floor(abs(value) * 10 + 0.5 + 1e-9) / 10
    return math.copysign(magnitude, value) if magnitude else 0.0


def _must_haves(content: Content, answers: Mapping[str, str]) -> dict[str, tuple[int, list[str]]]:
    required: dict[str, tuple[int, list[str]]] = {}
    for question, choice_slug in answers.items():
        for criterion, minimum in content.choice(question, choice_slug).must_haves.items():
            if criterion not in content.criterion_map:
                continue
            current, because = required.get(criterion, (0, []))
            required[criterion] = (max(current, minimum), [*because, f"{question}={choice_slug}"])
    return required


def _score_all(content: Content, answers: Mapping[str, str]) -> list[_Scored]:
    weights, _ = _weights(content, answers)
    use_cases = _selected_use_cases(content, answers)
    required = _must_haves(content, answers)
    scored = []
    for fw in content.frameworks:
        criteria = _criteria_score(content, fw.slug, weights)
        fit = _fit_score(fw.slug, use_cases)
        raw = _blend(criteria, fit)
        checks = []
        for criterion in content.criteria:
            if criterion.slug not in required:
                continue
            minimum, because = required[criterion.slug]
            rating = content.ratings.get((fw.slug, criterion.slug))
            score = rating.score if rating else None
            status = "unknown" if score is None else ("met" if score >= minimum else "missed")
            checks.append(MustHaveCheck(criterion.slug, criterion.name, minimum, score, status, because))
        missed = sum(1 for c in checks if c.status == "missed")
        scored.append(_Scored(fw, _points(raw), raw, criteria, fit, missed, checks))
    scored.sort(key=lambda s: (s.missed, -s.score, s.framework.position, s.framework.slug))
    return scored


class _WinnerSearch:
    """Who ranks first when one answer changes: the flip search asks this for every alternative answer.

    Built once for the given answers, with each framework's weighted sums, use-case fit and missed
    must-haves. A change of one answer re-scores only the criteria that the old or the new choice weights,
    and recomputes fit and must-haves only when one of the two choices has a use case or a must-have. The
    sort key is :func:`_score_all`'s, and a test checks that both name the same framework for every
    alternative answer of many random answer sets.
    """

    def __init__(self, content: Content, answers: Mapping[str, str]):
        self.content = content
        self.answers = dict(answers)
        # Not floored at 0: a changed answer adds its deltas to, and takes them from, the real sums.
        self.weights = weights = _raw_weights(content, answers)[0]
        self.sums = {fw.slug: _sums(content, fw.slug, weights) for fw in content.frameworks}
        self.fits = self._fits(answers)
        self.missed = self._missed(answers)

    def _fits(self, answers: Mapping[str, str]) -> dict[str, float | None]:
        use_cases = _selected_use_cases(self.content, answers)
        return {fw.slug: _fit_score(fw.slug, use_cases) for fw in self.content.frameworks}

    def _missed(self, answers: Mapping[str, str]) -> dict[str, int]:
        required = _must_haves(self.content, answers)
        ratings = self.content.ratings
        missed = {}
        for fw in self.content.frameworks:
            missed[fw.slug] = 0
            for criterion, (minimum, _) in required.items():
                rating = ratings.get((fw.slug, criterion))
                if rating is not None and rating.score is not None and rating.score < minimum:
                    missed[fw.slug] += 1
        return missed

    def winner_with(self, question: str, choice_slug: str | None) -> str | None:
        """The winner when ``question`` is answered ``choice_slug`` instead (None: skipped) and the rest stays."""
        content = self.content
        current = self.answers.get(question)
        old = content.choice(question, current) if current else None
        new = content.choice(question, choice_slug) if choice_slug else None
        moved: dict[str, float] = {}
        for choice, sign in ((old, -1), (new, 1)):
            if choice is None:
                continue
            for criterion, delta in choice.weights.items():
                if criterion in self.weights:
                    moved[criterion] = moved.get(criterion, self.weights[criterion]) + sign * delta
        use_case_changed = any(c is not None and c.use_case in content.use_cases for c in (old, new))
        must_haves_changed = any(c is not None and c.must_haves for c in (old, new))
        fits, missed = self.fits, self.missed
        if use_case_changed or must_haves_changed:
            changed = {k: v for k, v in self.answers.items() if k != question}
            if choice_slug:
                changed[question] = choice_slug
            changed = _ordered(content, changed)
            fits = self._fits(changed) if use_case_changed else fits
            missed = self._missed(changed) if must_haves_changed else missed
        best = None
        for fw in content.frameworks:
            total, weighted, counted = self.sums[fw.slug]
            known = content.known_scores[fw.slug]
            for criterion, w in moved.items():
                value = known.get(criterion)
                if value is None:
                    continue
                before = self.weights[criterion]
                if before > 0:
                    total -= before
                    weighted -= before * value
                    counted -= 1
                if w > 0:
                    total += w
                    weighted += w * value
                    counted += 1
            raw = _blend(weighted / total if counted else None, fits[fw.slug])
            key = (missed[fw.slug], -_points(raw), fw.position, fw.slug)
            if best is None or key < best[0]:
                best = (key, fw.slug)
        return best[1] if best else None


def leader(content: Content, answers: Mapping[str, str]) -> list[tuple[str, str, float]]:
    """A light ranking (slug, name, score) for the questionnaire's "leading so far" box."""
    return [(s.framework.slug, s.framework.name, s.score) for s in _score_all(content, answers)]


# ---------------------------------------------------------------------------------------------
# Explanations


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def _reasons(
    content: Content,
    framework: Framework,
    weights: dict[str, float],
    because: dict[str, list[Because]],
    use_cases: list[tuple[UseCase, Because]],
) -> list[Reason]:
    fit = _fit_score(framework.slug, use_cases)
    # The criteria score's sums, once; each counterfactual ("this criterion at its base weight") then moves
    # one term of them instead of summing every criterion again.
    total, weighted, counted = _sums(content, framework.slug, weights)
    scores = content.known_scores[framework.slug]
    actual = _blend(weighted / total if counted else None, fit)
    reasons = []
    for criterion in content.criteria:
        causes = because[criterion.slug]
        if not causes:
            continue
        value = scores.get(criterion.slug)
        if value is None:  # an unknown rating is not in the sums: leaving it at its base changes nothing
            without = actual
        else:
            now, then = weights[criterion.slug], max(0.0, criterion.weight)
            t, s, n = total, weighted, counted
            if now > 0:
                t, s, n = t - now, s - now * value, n - 1
            if then > 0:
                t, s, n = t + then, s + then * value, n + 1
            without = _blend(s / t if n else None, fit)
        effect = _tenths((actual - without) * 100)
        rating = content.ratings.get((framework.slug, criterion.slug))
        known = rating is not None and rating.score is not None
        label = rating.label if rating and rating.label else ("unknown" if not known else f"{rating.score}/5")
        direction = "more" if sum(b.delta for b in causes) > 0 else "less"
        answered = ", ".join(f"{b.question} = {b.choice}" for b in causes)
        verb = "matters" if direction == "more" else "matters less"
        if known:
            text = (
                f"{framework.name} {_signed(effect)}: {criterion.name} ({label}) {verb} because you answered {answered}"
            )
        else:
            text = (
                f"{framework.name} ±0: {criterion.name} {verb} because you answered {answered}, "
                f"but {framework.name}'s rating is unknown, so it is left out"
            )
        reasons.append(
            Reason(
                "criterion",
                criterion.slug,
                criterion.name,
                label,
                effect,
                [str(b) for b in causes],
                direction,
                text,
                known,
            )
        )
    if use_cases and fit is not None:
        without = _blend(weighted / total if counted else None, None)
        effect = _tenths((actual - without) * 100)
        for use_case, cause in use_cases:
            level = use_case.fits.get(framework.slug)
            label = {"best": "best fit", "good": "good fit", "possible": "possible", "avoid": "avoid"}.get(
                level or "", "fit unknown"
            )
            share = effect / len(use_cases)
            text = (
                f"{framework.name} {_signed(share)}: {use_case.name} ({label}) because you answered "
                f"{cause.question} = {cause.choice}"
            )
            reasons.append(
                Reason(
                    "use_case",
                    None,
                    use_case.name,
                    label,
                    _tenths(share),
                    [str(cause)],
                    "fit",
                    text,
                    level is not None,
                )
            )
    order = {c.slug: i for i, c in enumerate(content.criteria)}
    reasons.sort(key=lambda r: (-abs(r.effect), r.kind != "use_case", order.get(r.criterion or "", -1), r.name))
    return reasons


def _flips(content: Content, answers: dict[str, str], winner: str) -> tuple[list[dict], list[dict]]:
    flips, skips = [], []
    names = content.framework_map
    search = _WinnerSearch(content, answers)
    for question in content.questions:
        current = answers.get(question.slug)
        for choice in question.choices:
            if choice.slug == current:
                continue
            new = search.winner_with(question.slug, choice.slug)
            if new and new != winner:
                flips.append(
                    {
                        "question": question.slug,
                        "choice": choice.slug,
                        "winner": new,
                        "winner_name": names[new].name,
                        "question_text": question.text,
                        "choice_label": choice.label,
                        "from_choice": current,
                        "kind": "change" if current else "answer",
                    }
                )
        if current:
            new = search.winner_with(question.slug, None)
            if new and new != winner:
                skips.append(
                    {
                        "question": question.slug,
                        "winner": new,
                        "winner_name": names[new].name,
                        "question_text": question.text,
                        "from_choice": current,
                    }
                )
    return flips, skips


def _ordered(content: Content, answers: Mapping[str, str]) -> dict[str, str]:
    return {q.slug: answers[q.slug] for q in content.questions if q.slug in answers}


def _leaders(content: Content) -> dict[str, str]:
    """Criterion slug -> the one framework rated strictly best on it (criteria with a tie have none)."""
    leaders = {}
    for criterion in content.criteria:
        scores = [
            (r.score, fw.slug)
            for fw in content.frameworks
            if (r := content.ratings.get((fw.slug, criterion.slug))) is not None and r.score is not None
        ]
        if len(scores) < 2:
            continue
        scores.sort(reverse=True)
        if scores[0][0] > scores[1][0]:
            leaders[criterion.slug] = scores[0][1]
    return leaders


def _hybrid(
    content: Content, ranking: list[Standing], weights: dict[str, float], because: dict[str, list[Because]]
) -> dict | None:
    if len(ranking) < 2 or not content.hybrids:
        return None
    winner = ranking[0].framework
    partner, why, pulls = None, None, []
    if ranking[0].score - ranking[1].score <= HYBRID_MARGIN and ranking[0].missed == ranking[1].missed:
        partner, why = ranking[1].framework, "close"
    else:
        leaders = _leaders(content)
        pulled = [
            c
            for c in content.criteria
            if sum(b.delta for b in because[c.slug]) >= PULL_DELTA and c.slug in leaders and weights[c.slug] > 0
        ]
        mine = [c for c in pulled if leaders[c.slug] == winner]
        others = [c for c in pulled if leaders[c.slug] != winner]
        if mine and others:
            rank_of = {s.framework: s.rank for s in ranking}
            partner = min((leaders[c.slug] for c in others), key=lambda f: rank_of.get(f, 99))
            why = "pull"
            pulls = [
                {
                    "criterion": c.slug,
                    "name": c.name,
                    "framework": leaders[c.slug],
                    "framework_name": content.framework_map[leaders[c.slug]].name,
                    "because": [str(b) for b in because[c.slug] if b.delta > 0],
                }
                for c in mine + [c for c in others if leaders[c.slug] == partner]
            ]
    if partner is None:
        return None
    candidates = [h for h in content.hybrids if {winner, partner} <= {p.framework for p in h.parts}]
    if not candidates:
        return None
    hybrid = min(candidates, key=lambda h: len(h.parts))  # min() keeps the first (by position) on a tie
    names = content.framework_map
    return {
        "slug": hybrid.slug,
        "name": hybrid.name,
        "summary": hybrid.summary,
        "url": hybrid.url,
        "frameworks": [winner, partner],
        "parts": [
            {
                "framework": p.framework,
                "name": names[p.framework].name if p.framework in names else p.framework,
                "role": p.role,
            }
            for p in hybrid.parts
        ],
        "why": why,
        "margin": round(ranking[0].score - ranking[1].score, 1),
        "pulls": pulls,
        "sources": list(hybrid.sources),
    }


def _caveats(content: Content, answers: Mapping[str, str], winner: Framework | None) -> dict:
    given = set(answers.items())
    pitfalls = []
    for position, pitfall in enumerate(content.pitfalls):
        hits = sorted(f"{q}={c}" for q, c in pitfall.choices & given)
        if not hits:
            continue
        concerns_winner = winner is not None and (not pitfall.frameworks or winner.slug in pitfall.frameworks)
        pitfalls.append(
            (
                not concerns_winner,
                position,
                {
                    "slug": pitfall.slug,
                    "title": pitfall.title,
                    "symptom": pitfall.symptom,
                    "fix": pitfall.fix,
                    "url": pitfall.url,
                    "frameworks": list(pitfall.frameworks),
                    "because": hits,
                    "concerns_winner": concerns_winner,
                },
            )
        )
    pitfalls.sort(key=lambda item: item[:2])
    return {
        "framework": winner.slug if winner else None,
        "name": winner.name if winner else None,
        "when_not_to_use": winner.when_not_to_use if winner else "",
        "pitfalls": [p for _, _, p in pitfalls],
    }


def _sources(
    content: Content, winner: str | None, weights: dict[str, float], use_cases, hybrid: dict | None
) -> list[dict]:
    slugs: list[str] = []
    if winner:
        for criterion in content.criteria:
            rating = content.ratings.get((winner, criterion.slug))
            if rating and weights[criterion.slug] > 0:
                slugs.extend(rating.sources)
    for use_case, _ in use_cases:
        slugs.extend(use_case.sources)
    if hybrid:
        slugs.extend(hybrid["sources"])
    seen = dict.fromkeys(s for s in slugs if s in content.sources)
    return [asdict(content.sources[s]) for s in sorted(seen, key=lambda s: (content.sources[s].title, s))]


def recommend(content: Content, answers: Mapping[str, str], *, with_flips: bool = True) -> Outcome:
    """Rank every published framework for these answers and explain the ranking.

    ``answers`` must be valid (see :func:`parse_answers`); skipped questions are simply absent.
    """
    answers = _ordered(content, {q: c for q, c in answers.items() if c})
    weights, because = _weights(content, answers)
    use_cases = _selected_use_cases(content, answers)
    scored = _score_all(content, answers)
    ranking = []
    for rank, s in enumerate(scored, start=1):
        fw = s.framework
        unknown = []
        breakdown = []
        for criterion in content.criteria:
            rating = content.ratings.get((fw.slug, criterion.slug))
            score = rating.score if rating else None
            if weights[criterion.slug] > 0 and score is None:
                unknown.append({"criterion": criterion.slug, "name": criterion.name})
            breakdown.append(
                CriterionLine(
                    criterion.slug,
                    criterion.name,
                    round(weights[criterion.slug], 2),
                    score,
                    (rating.label if rating else "") or "",
                )
            )
        ranking.append(
            Standing(
                framework=fw.slug,
                name=fw.name,
                url=fw.url,
                score=s.score,
                rank=rank,
                criteria_score=None if s.criteria_score is None else _points(s.criteria_score),
                fit_score=None if s.fit_score is None else _points(s.fit_score),
                must_haves_met=all(c.status == "met" for c in s.checks),
                must_haves=s.checks,
                missed=s.missed,
                reasons=_reasons(content, fw, weights, because, use_cases),
                unknown=unknown,
                breakdown=breakdown,
            )
        )
    winner = scored[0].framework if scored else None
    flips, skips = _flips(content, answers, winner.slug) if (with_flips and winner) else ([], [])
    hybrid = _hybrid(content, ranking, weights, because)
    answered = []
    for question in content.questions:
        if question.slug in answers:
            choice = question.by_slug[answers[question.slug]]
            answered.append(
                {
                    "question": question.slug,
                    "question_text": question.text,
                    "choice": choice.slug,
                    "choice_label": choice.label,
                }
            )
    return Outcome(
        engine=ENGINE_VERSION,
        content_version=content.version,
        answers=answered,
        skipped=[{"question": q.slug, "question_text": q.text} for q in content.questions if q.slug not in answers],
        winner=winner.slug if winner else None,
        ranking=ranking,
        weights=[
            {
                "criterion": c.slug,
                "name": c.name,
                "base": c.weight,
                "weight": round(weights[c.slug], 2),
                "because": [str(b) for b in because[c.slug]],
            }
            for c in content.criteria
        ],
        use_cases=[{"slug": u.slug, "name": u.name, "url": u.url, "because": [str(cause)]} for u, cause in use_cases],
        flips=flips,
        flips_if_skipped=skips,
        hybrid=hybrid,
        caveats=_caveats(content, answers, winner),
        sources=_sources(content, winner.slug if winner else None, weights, use_cases, hybrid),
    )
