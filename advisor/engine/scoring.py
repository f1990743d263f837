"""How the frameworks are scored and ranked. Read top to bottom, this is the whole model:

1. **Weights.** Every criterion starts at its base weight (``Criterion.weight`` at :data:`BASE_SCALE`).
   Each answer adds its choice's weight deltas. A delta is never negative: an answer can make a criterion
   matter more, and the criteria it leaves alone then matter less next to the ones raised, but no answer
   can turn a weakness into a plus. A skipped question adds nothing. No criterion weighs more than all
   the others together unless an answer made it a must-have (it is capped at the rest).
2. **Use case.** The answers select at most one use case (:func:`select_use_case`); its fit level for a
   framework counts like one more criterion, whose weight is :data:`FIT_SHARE` of all the criteria's
   weight together, so the fit is one strong signal and never outweighs the criteria.
3. **Score.** A framework's score is the weighted mean of its ratings (0-5, read as 0-100 %) and its
   fit, over every criterion with weight: an unknown rating earns nothing, so blanking a rating can
   never raise a framework. :attr:`Scored.best_case` is the score the framework would have if every
   unknown rating were the best on the scale; the gap is the uncertainty the result page shows.
4. **Must-haves.** An answer may require a minimum rating on a criterion. A framework rated below it
   *misses* the must-have; an unknown rating leaves it *unknown*, which is not met either: a must-have
   counts only where the evidence shows it (so blanking a low rating cannot lift a framework over it).
5. **Existing code.** When the team already runs a framework and keeps its code (the ``codebase``
   question; the ``rewrite`` question can open it to a rewrite), how much of that code each framework keeps
   counts like one more criterion, weighing :data:`KEEP_SHARE` of all the criteria's weight: the same
   framework or an add-on that runs inside it keeps everything, one that follows its API most of it, then a
   migration path by its difficulty; no path is a rewrite (:data:`KEEP_SCORES`).
6. **Ranking rule.** Frameworks that meet more of the must-haves rank first (all met, then one not met,
   ...); within that, the higher score (one decimal, as shown), then the framework's position, then its
   slug.
7. **Add-ons rank with their host.** A framework that runs inside another (Django Ninja in Django) is part
   of its host's stack, not a rival: the two rank side by side, at the place of the better of them. The
   add-on leads when the answers ask for what it does better than its host (:func:`asks_for_addon`: the
   weight the answers added, times the rating gap, favours the add-on); otherwise the host leads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import mul

from .types import FIT_SCORES, SCALE_MAX, Content, Framework, MustHaveCheck, UseCase

#: The selected use case's fit weighs this share of all the criteria's weights together.
FIT_SHARE = 0.25
#: A criterion's base weight counts at this scale next to the answers' deltas: what the visitor asked for
#: decides, and the criteria nobody asked about break near-ties.
BASE_SCALE = 0.25
#: Kept code weighs this share of all the criteria's weights together (the use case's fit weighs FIT_SHARE):
#: one strong signal that a framework with everything asked for can still overcome.
KEEP_SHARE = 0.3
#: How much of the team's code each route keeps, on the rating scale: the same framework, an add-on running
#: inside it, a framework following its API, a migration path by its difficulty (content/migrations.yaml), a rewrite.
KEEP_SCORES = {"same": 5, "runs-inside": 5, "same-api": 4, "easy": 3, "moderate": 2, "hard": 1, "rewrite": 0}
#: An add-on leads its host only when the answers ask for what it adds, read on the criteria of this category:
#: the only add-on today (Django Ninja) is an API layer, so a large team that wants typed code but builds
#: pages gets Django, and a team that asks for a documented, validated API gets Django with Django Ninja.
ADDON_CATEGORY = "apis"
#: The two project choices that predate the ``codebase`` question and name the existing code in their own words
#: ("An API added to an existing Django project", "Moving a Flask application to async").
IMPLIED_CODEBASE = {"django-api": "django", "flask-async": "flask"}


def weights(
    content: Content, answers: Mapping[str, str], required: Mapping | None = None
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Each criterion's weight for these answers, and the answers that raised it ("question=choice"; only
    criteria an answer raised are listed)."""
    weight = {slug: BASE_SCALE * base for slug, base in content.base_weights.items()}
    because: dict[str, list[str]] = {}
    for question, choice in answers.items():
        for criterion, delta in content.choice(question, choice).weights.items():
            if criterion in weight and delta > 0:
                weight[criterion] += delta
                because.setdefault(criterion, []).append(f"{question}={choice}")
    # No single criterion outweighs all the others together unless it is a must-have: at most one can
    # exceed half the total, and it is capped at the rest.
    required = must_haves(content, answers) if required is None else required
    total = sum(weight.values())
    for criterion in because:
        value = weight[criterion]
        if criterion not in required and value > total - value:
            weight[criterion] = total - value
    return weight, because


def base_weight(criterion) -> float:
    return BASE_SCALE * max(0.0, criterion.weight)


def select_use_case(content: Content, answers: Mapping[str, str]) -> tuple[UseCase | None, list[str]]:
    """The use case these answers describe, and the answers that select it.

    A use case's preset (the answers it fills in on the questionnaire) is also what selects it. A preset
    *matches* when no answer contradicts it and the visitor answered its ``project`` question and at least
    one more of its questions (or, for a preset without ``project``, every question in it). Of the matching
    presets the one with the most answers in common wins; a tie goes to the use case the project choice
    names, then to the earlier use case. When no preset matches, the project choice's own use case is
    selected (``Choice.use_case``).
    """
    project = answers.get("project")
    named = content.choice("project", project).use_case if project else None
    best, best_key = None, None
    for position, use_case, preset in content.presets_by_project.get(project, ()):
        if any(answers.get(q, c) != c for q, c in preset.items()):
            continue  # an answer contradicts the preset
        if "project" not in preset and not preset.keys() <= answers.keys():
            continue
        shared = sum(1 for q in preset if q in answers)
        if shared < 2 and "project" in preset:
            continue  # the project answer alone selects the project choice's own use case (below)
        key = (-shared, use_case.slug != named, position)
        if best_key is None or key < best_key:
            best, best_key = (use_case, preset), key
    if best is not None:
        use_case, preset = best
        return use_case, [f"{q}={c}" for q, c in preset.items() if answers.get(q) == c]
    use_case_of = content.use_case_of
    for answer in answers.items():
        slug = use_case_of.get(answer)
        if slug is not None:
            return content.use_cases[slug], [f"{answer[0]}={answer[1]}"]
    return None, []


def existing_code(content: Content, answers: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """The framework whose code the team keeps, and the answers that say so (None: no code to keep, or a
    rewrite is acceptable). The ``codebase`` answer names it when it is a framework's slug; "none" and
    "another" keep nothing; unanswered, a project choice in :data:`IMPLIED_CODEBASE` names it."""
    given = answers.get("codebase")
    if given:
        slug, because = (given if given in content.framework_map else None), [f"codebase={given}"]
    else:
        project = answers.get("project")
        slug, because = IMPLIED_CODEBASE.get(project), [f"project={project}"]
        if slug not in content.framework_map:
            slug = None
    if slug is None or answers.get("rewrite") == "open":
        return None, []
    if answers.get("rewrite"):
        because.append(f"rewrite={answers['rewrite']}")
    return slug, because


def asks_for_addon(content: Content, weight: Mapping[str, float], raised, addon: str, host: str) -> list[str]:
    """The criteria the answers raised on which ``addon`` is rated above ``host``, when the weight the answers
    added to the criteria of its kind (:data:`ADDON_CATEGORY`), times the rating gap, favours the add-on
    (empty: the host leads)."""
    base = content.base_weights
    position = content.criterion_index
    a, h = content.scores[addon], content.scores[host]
    net, better = 0.0, []
    for criterion in raised:
        if content.criterion_map[criterion].category != ADDON_CATEGORY:
            continue
        i = position[criterion]
        if a[i] == h[i]:
            continue
        # an unknown rating counts as nothing, as in the score: blanking one can never help its framework
        net += (weight[criterion] - BASE_SCALE * base[criterion]) * ((a[i] or 0) - (h[i] or 0))
        if (a[i] or 0) > (h[i] or 0):
            better.append(criterion)
    return sorted(better, key=position.__getitem__) if net > 1e-9 else []


def must_haves(content: Content, answers: Mapping[str, str]) -> dict[str, tuple[int, list[str]]]:
    """Criterion slug -> (the highest minimum any answer requires, the answers requiring it)."""
    required: dict[str, tuple[int, list[str]]] = {}
    for question, choice in answers.items():
        for criterion, minimum in content.choice(question, choice).must_haves.items():
            if criterion in content.criterion_map:
                current, because = required.get(criterion, (0, []))
                required[criterion] = (max(current, minimum), [*because, f"{question}={choice}"])
    return required


def rating(content: Content, framework: str, criterion: str) -> int | None:
    found = content.ratings.get((framework, criterion))
    return None if found is None else found.score


def fit_rating(use_case: UseCase | None, framework: str) -> int | None:
    """The use case's fit for the framework as a rating on the 0-5 scale (None: not rated)."""
    if use_case is None:
        return None
    return FIT_SCORES.get(use_case.fits.get(framework, ""))


@dataclass
class Scored:
    framework: Framework
    score: float  # 0-100, one decimal
    best_case: float  # 0-100, one decimal: every unknown rating at the top of the scale
    checks: list[MustHaveCheck]
    missed: int  # must-haves not met: missed, or unknown

    @property
    def key(self):
        return (self.missed, -self.score, self.framework.position, self.framework.slug)


@dataclass
class Ranking:
    """Everything the ranking was computed from, for the explanation to read."""

    weights: dict[str, float]
    because: dict[str, list[str]]
    use_case: UseCase | None
    use_case_because: list[str]
    fit_weight: float
    total_weight: float
    required: dict[str, tuple[int, list[str]]]
    scored: list[Scored]
    keep: str | None = None  # the framework whose code the team keeps
    keep_because: list[str] = field(default_factory=list)
    keep_weight: float = 0.0
    #: framework slug -> {"framework": the other of its stack, "role": "host" or "add-on", "leads": bool,
    #: "asked": the criteria that make the add-on lead}, for the frameworks ranked side by side
    stacks: dict[str, dict] = field(default_factory=dict)

    @property
    def winner(self) -> Framework | None:
        return self.scored[0].framework if self.scored else None


def rank(content: Content, answers: Mapping[str, str]) -> Ranking:
    required = must_haves(content, answers)
    weight, because = weights(content, answers, required)
    use_case, use_case_because = select_use_case(content, answers)
    keep, keep_because = existing_code(content, answers)
    criteria_weight = sum(weight.values())
    fit_weight = FIT_SHARE * criteria_weight if use_case is not None else 0.0
    keep_weight = KEEP_SHARE * criteria_weight if keep is not None else 0.0
    total = criteria_weight + fit_weight + keep_weight
    kept = content.keep_routes.get(keep, {})
    columns = [*weight.values(), fit_weight]  # criterion order, then the fit
    position = content.criterion_index
    musts = sorted(required.items(), key=lambda item: position[item[0]])
    scored = []
    for fw in content.frameworks:
        fit = fit_rating(use_case, fw.slug)
        earned = sum(map(mul, columns, (*content.known_rows[fw.slug], fit or 0)))
        if kept:
            earned += keep_weight * KEEP_SCORES[kept[fw.slug]]
        possible = SCALE_MAX * sum(map(mul, columns, (*content.unknown_rows[fw.slug], fit is None)))
        checks = []
        for criterion, (minimum, why) in musts:
            score = content.scores[fw.slug][position[criterion]]
            status = "unknown" if score is None else ("met" if score >= minimum else "missed")
            checks.append(MustHaveCheck(criterion, content.criterion_map[criterion].name, minimum, score, status, why))
        scored.append(
            Scored(
                framework=fw,
                score=points(earned / (total * SCALE_MAX)) if total else 0.0,
                best_case=points((earned + possible) / (total * SCALE_MAX)) if total else 0.0,
                checks=checks,
                missed=sum(1 for c in checks if c.status != "met"),
            )
        )
    scored.sort(key=lambda s: s.key)
    scored, stacks = stacked(content, weight, because, scored)
    return Ranking(
        weight,
        because,
        use_case,
        use_case_because,
        fit_weight,
        total,
        required,
        scored,
        keep,
        keep_because,
        keep_weight,
        stacks,
    )


def stacked(content: Content, weight, raised, scored: list[Scored]) -> tuple[list[Scored], dict]:
    """The ranking with each add-on beside its host, at the better one's place (rule 7), and who leads."""
    pairs = content.addon_pairs
    if not pairs:
        return scored, {}
    present = {s.framework.slug: s for s in scored}
    out: list[Scored] = []
    stacks: dict = {}
    for s in scored:
        slug = s.framework.slug
        if slug in stacks:
            continue
        pair = pairs.get(slug)
        if pair is None or pair[0] not in present or pair[1] not in present:
            out.append(s)
            continue
        addon, host = pair
        asked = asks_for_addon(content, weight, raised, addon, host)
        lead, other = (addon, host) if asked else (host, addon)
        out += [present[lead], present[other]]
        stacks[addon] = {"framework": host, "role": "add-on", "leads": bool(asked), "asked": asked}
        stacks[host] = {"framework": addon, "role": "host", "leads": not asked, "asked": asked}
    return out, stacks


def points(share: float) -> float:
    """A share (0-1) as points on the 0-100 scale, one decimal, halves up: equal inputs show as equal."""
    return math.floor(share * 1000 + 0.5 + 1e-9) / 10
