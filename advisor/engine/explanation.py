"""What the ranking means, as data the templates phrase: reasons, the headline, what would flip the
winner, where unknown ratings could change the order, and whether a hybrid is earned.

Every number here is derived from :func:`advisor.engine.scoring.rank`; nothing is worded here.
:func:`advisor.engine.recommend.recommend` puts them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from .flipsearch import OneAnswerChanged
from .scoring import KEEP_SCORES, SCALE_MAX, Ranking, Scored, base_weight, fit_rating, rating
from .types import Content, CriterionLine, Framework, Reason, Standing

#: A hybrid is worth suggesting when the winner leads the runner-up by at most this many points and each of
#: the two is clearly better at something a decisive answer asked for (two near-equals with the same strengths
#: are alternatives, not parts of one system)...
CLOSE_MARGIN = 1.5
#: ...or when the answers pull strongly toward both. A *decisive* answer alone raises a criterion's weight by
#: at least PULL_DELTA where one of the two is rated at least PULL_GAP above the other; the pull toward a
#: framework is what its decisive criteria are worth (weight x rating gap, on the 0-1 scale) as a share of all the
#: weight the answers added. Both pulls must reach PULL_SHARE, and the winner lead by at most PULL_MARGIN points
#: (a framework ranked first only because the runner-up misses a must-have leads by less than nothing).
#: Both are calibrated on the seed articles' scenarios (tests/engine/test_scenarios.py), keeping hybrids to about one
#: random answer set in six: 0.15 and 20 until FastAPI's throughput rating followed our lab (issue 15), which
#: widened the Django-FastAPI gap and weakened FastAPI's pull in Showdown's SaaS case.
PULL_DELTA = 3.0
PULL_GAP = 2
PULL_SHARE = 0.10
PULL_MARGIN = 22.0
#: When the first two rivals (an add-on and its host are one stack, not rivals) are at most this many points
#: apart, the result names what separates them and says that either is a sound choice.
CLOSE_RACE = 3.0
#: How many criteria, each way, a close race names.
CLOSE_RACE_TERMS = 2
#: How many reasons open the result.
TOP_REASONS = 3
#: How many frameworks, best first, are explained in full (reasons and the criterion-by-criterion breakdown);
#: the others keep their score, must-haves and unknowns, a line each in the ranking.
EXPLAINED = 3


# ---------------------------------------------------------------------------------------------
# Reasons: each term of a score the answers changed, measured against the field


def _field(values: list[int | None]) -> float:
    """The field's average on the 0-5 scale; an unknown counts as nothing, as it does in the score."""
    return sum(v or 0 for v in values) / len(values) if values else 0.0


def _effect(weight: float, value: int | None, field: float, total: float) -> float:
    return round(100 * weight * ((value or 0) - field) / (SCALE_MAX * total), 1) if total else 0.0


@dataclass
class Columns:
    """What every framework's explanation shares, per criterion in order: computed once per recommendation."""

    base: list[float]  # base weight
    after: list[float]  # the weight after the answers
    added: list[float]  # what the answers added to it
    shown: list[float]  # the weight after the answers, as the breakdown shows it
    field: list[float]  # the field's average rating
    names: dict[str, str]  # framework slug -> name

    @classmethod
    def of(cls, content: Content, ranked: Ranking) -> Columns:
        base = [base_weight(c) for c in content.criteria]
        after = [ranked.weights[c.slug] for c in content.criteria]
        return cls(
            base=base,
            after=after,
            added=[a - b for a, b in zip(after, base, strict=True)],
            shown=[round(a, 2) for a in after],
            field=list(content.field_means),
            names={fw.slug: fw.name for fw in content.frameworks},
        )


def reasons(
    content: Content, ranked: Ranking, framework: Framework, columns: Columns | None = None
) -> tuple[list[Reason], float]:
    """The framework's reasons, biggest effect first, and the effect of everything the answers left at base."""
    columns = columns or Columns.of(content, ranked)
    total = ranked.total_weight
    row = content.scores[framework.slug]
    owner = {c: columns.names[r.other] for r in framework.relations if r.other in columns.names for c in r.inherits}
    found, base = [], 0.0
    for i, criterion in enumerate(content.criteria):
        value, field = row[i], columns.field[i]
        base += _effect(columns.base[i], value, field, total)
        added = columns.added[i]
        if added <= 0:
            continue
        known = content.ratings.get((framework.slug, criterion.slug))
        found.append(
            Reason(
                kind="criterion",
                criterion=criterion.slug,
                name=criterion.name,
                label=(known.label if known else "") or "",
                score=value,
                field=round(field, 2),
                added_weight=added,
                effect=_effect(added, value, field, total),
                because=ranked.because.get(criterion.slug, []),
                known=value is not None,
                via=owner.get(criterion.slug, ""),
            )
        )
    if ranked.use_case is not None:
        value = fit_rating(ranked.use_case, framework.slug)
        field = _field([fit_rating(ranked.use_case, f) for f in columns.names])
        found.append(
            Reason(
                kind="use_case",
                criterion=None,
                name=ranked.use_case.name,
                label=ranked.use_case.fits.get(framework.slug, ""),
                score=value,
                field=round(field, 2),
                added_weight=round(ranked.fit_weight, 2),
                effect=_effect(ranked.fit_weight, value, field, total),
                because=ranked.use_case_because,
                known=value is not None,
            )
        )
    if ranked.keep is not None:
        routes = content.keep_routes[ranked.keep]
        how = routes[framework.slug]
        value = KEEP_SCORES[how]
        field = sum(KEEP_SCORES[routes[f]] for f in columns.names) / len(columns.names)
        found.append(
            Reason(
                kind="existing_code",
                criterion=None,
                name=content.framework_map[ranked.keep].name,
                label=how,
                score=value,
                field=round(field, 2),
                added_weight=round(ranked.keep_weight, 2),
                effect=_effect(ranked.keep_weight, value, field, total),
                because=list(ranked.keep_because),
                how=how,
            )
        )
    found.sort(key=lambda r: -abs(r.effect))
    return found, round(base, 1)


# ---------------------------------------------------------------------------------------------
# The headline, unknowns, flips and hybrids


def headline(ranked: Ranking, content: Content | None = None) -> dict | None:
    """The winner, every framework ranked below it although it scores higher (it misses a must-have), the
    stack it leads (an add-on with its host), and, in a close race, what separates it from the first rival."""
    if not ranked.scored:
        return None
    first = ranked.scored[0]
    return {
        "stack": _stack(ranked, content),
        "close": close_race(content, ranked) if content is not None else None,
        "framework": first.framework.slug,
        "name": first.framework.name,
        "score": first.score,
        "outscored_by": [
            {
                "framework": s.framework.slug,
                "name": s.framework.name,
                "score": s.score,
                "missed": [asdict(c) for c in s.checks if c.status != "met"],
            }
            for s in ranked.scored[1:]
            if s.score > first.score and s.missed > first.missed
        ],
    }


def _stack(ranked: Ranking, content: Content | None) -> dict | None:
    """The winner's stack when the winner is an add-on or its host (they rank first and second)."""
    first = ranked.scored[0].framework
    stack = (ranked.stacks or {}).get(first.slug)
    if stack is None:
        return None
    names = {s.framework.slug: s.framework.name for s in ranked.scored}
    addon, host = (first.slug, stack["framework"]) if stack["role"] == "add-on" else (stack["framework"], first.slug)
    return {
        "host": host,
        "host_name": names[host],
        "addon": addon,
        "addon_name": names[addon],
        "leads": first.slug,
        "asked": [
            {
                "criterion": c,
                "name": content.criterion_map[c].name if content else c,
                "because": ranked.because.get(c, []),
            }
            for c in stack["asked"]
        ],
    }


def rival(ranked: Ranking) -> Scored | None:
    """The first framework after the winner that is not part of the winner's stack."""
    first = ranked.scored[0].framework.slug
    partner = ((ranked.stacks or {}).get(first) or {}).get("framework")
    return next((s for s in ranked.scored[1:] if s.framework.slug not in (first, partner)), None)


def close_race(content: Content, ranked: Ranking) -> dict | None:
    """When the winner and its first rival meet as many must-haves and are at most CLOSE_RACE points apart:
    the terms of the score (criteria, the use case's fit, kept code) that put each of them ahead, biggest
    first, in points of the 0-100 score."""
    if not ranked.scored:
        return None
    first, second = ranked.scored[0], rival(ranked)
    if second is None or second.missed != first.missed or abs(first.score - second.score) > CLOSE_RACE:
        return None
    total = ranked.total_weight or 1.0
    a, b = content.scores[first.framework.slug], content.scores[second.framework.slug]
    terms = []
    for i, criterion in enumerate(content.criteria):
        if a[i] == b[i]:
            continue
        gap = ranked.weights[criterion.slug] * ((a[i] or 0) - (b[i] or 0)) * 100 / (SCALE_MAX * total)
        terms.append(("criterion", criterion.slug, criterion.name, gap, ranked.because.get(criterion.slug, [])))
    if ranked.use_case is not None:
        fa, fb = fit_rating(ranked.use_case, first.framework.slug), fit_rating(ranked.use_case, second.framework.slug)
        gap = ranked.fit_weight * ((fa or 0) - (fb or 0)) * 100 / (SCALE_MAX * total)
        terms.append(("use_case", None, ranked.use_case.name, gap, ranked.use_case_because))
    if ranked.keep is not None:
        routes = content.keep_routes[ranked.keep]
        ka, kb = KEEP_SCORES[routes[first.framework.slug]], KEEP_SCORES[routes[second.framework.slug]]
        gap = ranked.keep_weight * (ka - kb) * 100 / (SCALE_MAX * total)
        terms.append(("existing_code", None, content.framework_map[ranked.keep].name, gap, list(ranked.keep_because)))

    def side(sign: int) -> list[dict]:
        chosen = sorted((t for t in terms if sign * t[3] >= 0.05), key=lambda t: -abs(t[3]))[:CLOSE_RACE_TERMS]
        return [
            {"kind": k, "criterion": c, "name": n, "points": round(abs(g), 1), "because": because}
            for k, c, n, g, because in chosen
        ]

    return {
        "framework": second.framework.slug,
        "name": second.framework.name,
        "score": second.score,
        "margin": round(first.score - second.score, 1),
        "winner_ahead_on": side(1),
        "rival_ahead_on": side(-1),
    }


def uncertainty(content: Content, ranked: Ranking) -> dict:
    """Where unknown ratings could change the order: a framework whose best case passes one ranked above it."""
    rows = []
    weighed = [c.name if ranked.weights[c.slug] > 0 else None for c in content.criteria]
    for position, s in enumerate(ranked.scored):
        scores = content.scores[s.framework.slug]
        unknown = [name for name, score in zip(weighed, scores, strict=True) if name is not None and score is None]
        could_pass = [
            above.framework.name
            for above in ranked.scored[:position]
            if above.missed == s.missed and s.best_case > above.score
        ]
        if unknown:
            rows.append(
                {
                    "framework": s.framework.slug,
                    "name": s.framework.name,
                    "score": s.score,
                    "best_case": s.best_case,
                    "unknown": unknown,
                    "could_pass": could_pass,
                }
            )
    return {"order_could_change": any(r["could_pass"] for r in rows), "frameworks": rows}


def held(content: Content, answers: Mapping[str, str], ranked: Ranking) -> list[dict]:
    """Answers that keep a criterion at its base weight where another choice of the same question would raise it
    ("admin: not needed"): what they are about matters less than what the visitor asked for."""
    found = []
    for question, choice in answers.items():
        own = content.choice(question, choice).weights
        others = {c for alt in content.question_map[question].choices for c, d in alt.weights.items() if d > 0}
        kept = [
            c for c in content.criteria if c.slug in others and own.get(c.slug, 0) <= 0 and c.slug not in ranked.because
        ]
        if kept:
            found.append(
                {
                    "question": question,
                    "choice": choice,
                    "because": [f"{question}={choice}"],
                    "criteria": [
                        {
                            "criterion": c.slug,
                            "name": c.name,
                            "ratings": [
                                {"framework": s.framework.name, "score": rating(content, s.framework.slug, c.slug)}
                                for s in ranked.scored[:EXPLAINED]
                            ],
                        }
                        for c in kept
                    ],
                }
            )
    return found


def flips(content: Content, answers: dict[str, str], winner: str) -> tuple[list[dict], list[dict]]:
    """Every single-answer change that puts another framework first, and every skip that would."""
    changes, skips = [], []
    search = OneAnswerChanged(content, answers)  # the same as rank(changed answers).winner, only faster
    for question in content.questions:
        current = answers.get(question.slug)
        for choice in question.choices:
            if choice.slug == current:
                continue
            new = search.winner(question.slug, choice.slug)
            if new and new.slug != winner:
                changes.append(
                    {
                        "question": question.slug,
                        "choice": choice.slug,
                        "winner": new.slug,
                        "winner_name": new.name,
                        "question_text": question.text,
                        "choice_label": choice.label,
                        "from_choice": current,
                        "kind": "change" if current else "answer",
                    }
                )
        if current:
            new = search.winner(question.slug, None)
            if new and new.slug != winner:
                skips.append(
                    {
                        "question": question.slug,
                        "winner": new.slug,
                        "winner_name": new.name,
                        "question_text": question.text,
                        "from_choice": current,
                    }
                )
    return changes, skips


def _pulls(content: Content, ranked: Ranking, answers: Mapping[str, str], toward: str, away: str):
    """The criteria that decisive answers raised and ``toward`` is clearly better at, and their pull (a share)."""
    decisive: dict[str, list[str]] = {}
    for question, choice in answers.items():
        for criterion, delta in content.choice(question, choice).weights.items():
            mine, theirs = rating(content, toward, criterion), rating(content, away, criterion)
            if delta >= PULL_DELTA and mine is not None and theirs is not None and mine - theirs >= PULL_GAP:
                decisive.setdefault(criterion, []).append(f"{question}={choice}")
    added = sum(ranked.weights[slug] - base_weight(content.criterion_map[slug]) for slug in ranked.because)
    found, worth = [], 0.0
    if added <= 0:  # every raise was capped away
        return found, worth
    for criterion in content.criteria:
        if criterion.slug in decisive:
            gap = rating(content, toward, criterion.slug) - rating(content, away, criterion.slug)
            worth += ranked.weights[criterion.slug] * gap / (SCALE_MAX * added)
            found.append(
                {
                    "criterion": criterion.slug,
                    "name": criterion.name,
                    "framework": toward,
                    "framework_name": content.framework_map[toward].name,
                    "because": decisive[criterion.slug],
                }
            )
    return found, worth


def related(a: Framework, b: Framework) -> bool:
    """Whether one of the two is built on, runs inside or follows the API of the other."""
    return any(r.other == b.slug for r in a.relations) or any(r.other == a.slug for r in b.relations)


def hybrid(content: Content, ranked: Ranking, answers: Mapping[str, str]) -> dict | None:
    """Two frameworks together, when earned: a narrow win, or answers that pull strongly toward both."""
    if not ranked.scored:
        return None
    first = ranked.scored[0]
    # the partner is a second stack: a framework built on, running inside or copying the winner is not one
    partner = next((s for s in ranked.scored[1:] if not related(first.framework, s.framework)), None)
    if partner is None or first.score - partner.score > PULL_MARGIN:
        return None
    margin = first.score - partner.score
    mine, mine_worth = _pulls(content, ranked, answers, first.framework.slug, partner.framework.slug)
    theirs, their_worth = _pulls(content, ranked, answers, partner.framework.slug, first.framework.slug)
    why = None
    if partner.missed == first.missed and margin <= CLOSE_MARGIN:
        why = "close" if mine and theirs else None  # near-equals with the same strengths are alternatives
    elif mine_worth >= PULL_SHARE and their_worth >= PULL_SHARE:
        why = "pull"
    pulls = mine + theirs
    if why is None:
        return None
    stack = (ranked.stacks or {}).get(first.framework.slug)
    if stack and stack["role"] == "add-on":
        # An add-on leading its host (rule 7): the stack is named by its host ("Django with FastAPI"), and what
        # the add-on inherits from the host is the host's; the pulls were measured on the add-on, which has both.
        host = next(s for s in ranked.scored if s.framework.slug == stack["framework"])
        inherited = {c for r in first.framework.relations if r.other == host.framework.slug for c in r.inherits}
        for pull in mine:
            if pull["criterion"] not in inherited:
                pull["via"] = first.framework.name
            pull["framework"], pull["framework_name"] = host.framework.slug, host.framework.name
        first = host
    pair = {first.framework.slug, partner.framework.slug}
    matching = [h for h in content.hybrids if pair <= {p.framework for p in h.parts}]
    chosen = min(matching, key=lambda h: len(h.parts)) if matching else None  # min() keeps the first on a tie
    roles = {p.framework: p.role for p in chosen.parts} if chosen else {}
    return {
        "frameworks": [first.framework.slug, partner.framework.slug],
        "parts": [
            {"framework": s.framework.slug, "name": s.framework.name, "role": roles.get(s.framework.slug, "")}
            for s in (first, partner)
        ],
        "why": why,
        "margin": round(margin, 1),
        "pulls": pulls,
        "slug": chosen.slug if chosen else None,
        "name": chosen.name if chosen else "",
        "summary": chosen.summary if chosen else "",
        "url": chosen.url if chosen else "",
        "sources": list(chosen.sources) if chosen else [],
    }


def caveats(content: Content, answers: Mapping[str, str], winner: Framework | None) -> dict:
    given = set(answers.items())
    found = []
    for position, pitfall in enumerate(content.pitfalls):
        hits = sorted(f"{q}={c}" for q, c in pitfall.choices & given)
        if not hits:
            continue
        concerns_winner = winner is not None and (not pitfall.frameworks or winner.slug in pitfall.frameworks)
        found.append(
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
    found.sort(key=lambda item: item[:2])
    return {
        "framework": winner.slug if winner else None,
        "name": winner.name if winner else None,
        "when_not_to_use": winner.when_not_to_use if winner else "",
        "pitfalls": [p for _, _, p in found],
    }


def sources(content: Content, ranked: Ranking, found_hybrid: dict | None) -> list[dict]:
    slugs: list[str] = []
    winner = ranked.winner
    if winner:
        for criterion in content.criteria:
            found = content.ratings.get((winner.slug, criterion.slug))
            if found and ranked.weights[criterion.slug] > 0:
                slugs.extend(found.sources)
    if ranked.use_case:
        slugs.extend(ranked.use_case.sources)
    if found_hybrid:
        slugs.extend(found_hybrid["sources"])
    seen = dict.fromkeys(s for s in slugs if s in content.sources)
    return [dict(vars(content.sources[s])) for s in sorted(seen, key=lambda s: (content.sources[s].title, s))]


# ---------------------------------------------------------------------------------------------
# The outcome


def ordered(content: Content, answers: Mapping[str, str]) -> dict[str, str]:
    return {q.slug: answers[q.slug] for q in content.questions if answers.get(q.slug)}


def standing(content: Content, ranked: Ranking, s: Scored, position: int, columns: Columns) -> Standing:
    fw = s.framework
    full = position <= EXPLAINED
    found, base = reasons(content, ranked, fw, columns) if full else ([], 0.0)
    lines, unknown = [], []
    for i, criterion in enumerate(content.criteria):
        known = content.ratings.get((fw.slug, criterion.slug))
        score = known.score if known else None
        if score is None and columns.after[i] > 0:
            unknown.append({"criterion": criterion.slug, "name": criterion.name})
        if full:
            label = (known.label if known else "") or ""
            lines.append(CriterionLine(criterion.slug, criterion.name, columns.shown[i], score, label))
    return Standing(
        framework=fw.slug,
        name=fw.name,
        url=fw.url,
        score=s.score,
        best_case=s.best_case,
        rank=position,
        must_haves_met=all(c.status == "met" for c in s.checks),
        must_haves=s.checks,
        missed=s.missed,
        reasons=found,
        unknown=unknown,
        breakdown=lines,
        base_effect=base,
        stacked_with=(
            {
                "framework": stack["framework"],
                "name": columns.names[stack["framework"]],
                "role": stack["role"],
                "leads": stack["leads"],
            }
            if (stack := (ranked.stacks or {}).get(fw.slug))
            else None
        ),
        relations=[
            {
                "kind": r.kind,
                "other": r.other,
                "other_name": content.framework_map[r.other].name,
                "inherits": [content.criterion_map[c].name for c in r.inherits if c in content.criterion_map],
            }
            for r in fw.relations
            if r.other in content.framework_map
        ],
    )
