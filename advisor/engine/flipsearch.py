"""Who ranks first when one answer changes: the "what would change the answer" search, made cheap.

This module exists for speed only. The flip search asks for the winner of about fifty answer sets that each
differ from the visitor's in one answer; calling :func:`scoring.rank` for each doubled the engine's time in a
fresh-answers POST (measured in-process: 3.6 ms against 1.9 ms before issue 13). Scores are weighted sums, so
one changed answer moves only the terms its old and new choices weight: what each choice adds to each
framework is computed once per content snapshot, everything about the visitor's answers once per search, and
each changed answer then costs one pass over a list per framework (at fifteen frameworks, about 1 ms for the
whole search against 1.8 ms with a dict per framework and every criterion checked for the cap).
``tests/engine/test_recommendation_model.py`` checks that :meth:`OneAnswerChanged.winner` names the same framework
as ``rank(...).winner`` for every alternative answer of many answer sets. The model itself is in
:mod:`.scoring`; read that, not this.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

from .scoring import (
    ADDON_CATEGORY,
    BASE_SCALE,
    FIT_SHARE,
    KEEP_SCORES,
    KEEP_SHARE,
    SCALE_MAX,
    existing_code,
    fit_rating,
    must_haves,
    select_use_case,
    weights,
)
from .types import Choice, Content, Framework


def _raises(choice: Choice | None, weight: Mapping[str, float]) -> dict[str, float]:
    return {} if choice is None else {c: d for c, d in choice.weights.items() if c in weight and d > 0}


class _Table:
    """What one content snapshot contributes to every search: the frameworks in ranking tie-break order
    (position, then slug) and, per choice, what its raised weights add to each framework's earned points."""

    def __init__(self, content: Content):
        self.frameworks = sorted(content.frameworks, key=lambda fw: (fw.position, fw.slug))
        self.rows = [content.known_rows[fw.slug] for fw in self.frameworks]
        index = content.criterion_index
        zeros = [0.0] * len(self.frameworks)
        self.gains: dict[tuple[str, str], list[float]] = {}
        for question in content.questions:
            for choice in question.choices:
                changes = [(index[c], d) for c, d in _raises(choice, index).items()]
                self.gains[question.slug, choice.slug] = (
                    [sum(d * row[i] for i, d in changes) for row in self.rows] if changes else zeros
                )
        self.zeros = zeros
        self.fits: dict[str | None, list[float]] = {None: zeros}
        for slug, use_case in content.use_cases.items():
            self.fits[slug] = [fit_rating(use_case, fw.slug) or 0 for fw in self.frameworks]
        self.keeps: dict[str | None, list[float]] = {None: zeros}
        for slug, routes in content.keep_routes.items():
            self.keeps[slug] = [KEEP_SCORES[routes[fw.slug]] for fw in self.frameworks]
        self.base = {
            c.slug: BASE_SCALE * w for c, w in zip(content.criteria, content.base_weights.values(), strict=True)
        }
        # per choice, what it raises (criterion, delta): looked up twice per changed answer
        self.raises: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {
            (question.slug, choice.slug): tuple(_raises(choice, index).items())
            for question in content.questions
            for choice in question.choices
        }
        self.swaps: dict[tuple[str, str | None, str | None], tuple[dict, dict, float]] = {}
        # the choices that set a must-have
        self.musts = {(q.slug, c.slug) for q in content.questions for c in q.choices if c.must_haves}
        # rule 7, per add-on: the API criteria on which it and its host are rated differently, with the gap
        self.addon_terms: dict[str, tuple[tuple[str, int], ...]] = {}
        for addon, host in set(content.addon_pairs.values()):
            a, h = content.scores[addon], content.scores[host]
            self.addon_terms[addon] = tuple(
                (c.slug, (a[i] or 0) - (h[i] or 0))
                for i, c in enumerate(content.criteria)
                if c.category == ADDON_CATEGORY and a[i] != h[i]
            )

    def swap(self, question: str, current: str | None, choice: str | None) -> tuple[dict, dict, float]:
        """What answering ``choice`` instead of ``current`` does to the raw weights: the change per criterion, the
        change in how many answers raise each, and the change in their total (content only: cached)."""
        key = (question, current, choice)
        found = self.swaps.get(key)
        if found is None:
            delta: dict[str, float] = {}
            counts: dict[str, int] = {}
            for slug, sign in ((current, -1), (choice, 1)):
                for criterion, d in self.raises[question, slug] if slug else ():
                    delta[criterion] = delta.get(criterion, 0.0) + sign * d
                    counts[criterion] = counts.get(criterion, 0) + sign
            found = self.swaps[key] = (delta, counts, sum(delta.values()))
        return found


#: The questions that can change whose code is kept (scoring.existing_code).
KEEP_QUESTIONS = frozenset({"codebase", "rewrite", "project"})


@lru_cache(maxsize=8)  # as many as advisor/snapshot.py keeps
def _table(content: Content) -> _Table:
    return _Table(content)


class OneAnswerChanged:
    def __init__(self, content: Content, answers: Mapping[str, str]):
        self.content = content
        self.answers = dict(answers)
        self.table = table = _table(content)
        # Uncapped weights (base + every raise) and how many answers raise each criterion.
        base = weights(content, {}, {})[0]
        self.raw = dict(base)
        self.raisers: dict[str, int] = {}
        for question, choice in self.answers.items():
            for criterion, delta in _raises(content.choice(question, choice), base).items():
                self.raw[criterion] += delta
                self.raisers[criterion] = self.raisers.get(criterion, 0) + 1
        self.total_raw = sum(self.raw.values())
        self.heaviest = sorted(self.raisers, key=self.raw.__getitem__, reverse=True)
        self.required = must_haves(content, self.answers)
        raw = list(self.raw.values())
        self.earned_raw = [sum(w * r for w, r in zip(raw, row, strict=True)) for row in table.rows]
        self.missed = self._missed(self.required)
        self.index = content.criterion_index
        # Only the project answer, the questions of the presets that this project answer can match, and the
        # questions whose choices name a use case can change which use case the answers select: for any other
        # question, the visitor's own selection stands.
        group = content.presets_by_project.get(self.answers.get("project"), ())
        self.selecting = {"project", *(q for _, _, preset in group for q in preset)}
        self.selecting |= {q.slug for q in content.questions if any(c.use_case for c in q.choices)}
        self.own_use_case = select_use_case(content, self.answers)[0]
        self.own_keep = existing_code(content, self.answers)[0]
        self.own_winner: Framework | None = None
        # The questions that can change whose code is kept: the project answer only while codebase is unanswered.
        self.keeping = KEEP_QUESTIONS if "codebase" not in self.answers else KEEP_QUESTIONS - {"project"}
        self.keep_answers = {q: c for q, c in self.answers.items() if q in KEEP_QUESTIONS}

    def _missed(self, required) -> list[int]:
        content = self.content
        position = content.criterion_index
        return [
            sum(
                1
                for c, (minimum, _) in required.items()
                if (r := content.scores[fw.slug][position[c]]) is None or r < minimum
            )
            for fw in self.table.frameworks
        ]

    def _changed(self, question: str, choice_slug: str | None) -> dict[str, str]:
        changed = {k: v for k, v in self.answers.items() if k != question}
        if choice_slug:
            changed[question] = choice_slug
        return changed

    def winner(self, question: str, choice_slug: str | None) -> Framework | None:
        """The first-ranked framework when ``question`` is answered ``choice_slug`` (None: skipped)."""
        content, table = self.content, self.table
        if not table.frameworks:
            return None
        current = self.answers.get(question)
        # The weights: the old choice's raises out, the new one's in (what that swap changes is content only).
        delta, counts, delta_sum = table.swap(question, current, choice_slug)
        raisers = self.raisers
        raw = self.raw
        total_raw = self.total_raw + delta_sum
        required = self.required
        missed = self.missed
        changed = None
        musts_move = (question, current) in table.musts or (question, choice_slug) in table.musts
        if musts_move:
            changed = self._changed(question, choice_slug)
            required = must_haves(content, changed)
            missed = self._missed(required)
        # The cap (scoring.weights): at most one raised criterion can weigh more than all the others together,
        # so only the criteria this change moves and the heaviest of the others can be it.
        capped, excess = None, 0.0
        unmoved = None
        for criterion in self.heaviest:
            if criterion not in delta:
                unmoved = criterion
                break
        for criterion in (*delta, unmoved) if unmoved else delta:
            value = raw[criterion] + delta.get(criterion, 0.0)
            if (
                raisers.get(criterion, 0) + counts.get(criterion, 0) > 0
                and criterion not in required
                and value > total_raw - value
            ):
                capped, excess = criterion, value - (total_raw - value)
        if question in self.selecting:
            changed = changed or self._changed(question, choice_slug)
            use_case = select_use_case(content, changed)[0]
        else:
            use_case = self.own_use_case
        if question in self.keeping:  # only these answers decide it: change them alone
            kept = {**self.keep_answers, question: choice_slug} if choice_slug else self.keep_answers
            if not choice_slug:
                kept = {q: c for q, c in kept.items() if q != question}
            keep = existing_code(content, kept)[0]
        else:
            keep = self.own_keep
        # An alternative that changes no weight, must-have, use case or kept code ranks as the visitor's own
        # answers do (most choices that raise nothing, swapped for one that raises nothing): computed once.
        same = not delta and not musts_move and use_case is self.own_use_case and keep == self.own_keep
        if same and self.own_winner is not None:
            return self.own_winner
        found = self._ranked_first(total_raw, excess, capped, use_case, keep, question, current, choice_slug, missed)
        found = self._stacked(found, raisers, counts, raw, delta, excess, capped)
        if same:
            self.own_winner = found
        return found

    def _ranked_first(self, total_raw, excess, capped, use_case, keep, question, current, choice_slug, missed):
        """The first framework by the ranking rule (rules 1-6), before the add-on rule."""
        table = self.table
        criteria_weight = total_raw - excess
        fit_weight = FIT_SHARE * criteria_weight if use_case is not None else 0.0
        keep_weight = KEEP_SHARE * criteria_weight if keep is not None else 0.0
        total = criteria_weight + fit_weight + keep_weight
        lose = table.gains[question, current] if current else table.zeros
        gain = table.gains[question, choice_slug] if choice_slug else table.zeros
        fits = table.fits[use_case.slug if use_case is not None else None]
        earned = self.earned_raw
        if keep is not None:  # kept code: its term joins what every framework has earned
            earned = [e + keep_weight * k for e, k in zip(earned, table.keeps[keep], strict=True)]
        # scoring.points without the division: the same rounding, compared as whole tenths of a point.
        scale = 1000 / (total * SCALE_MAX) if total else 0.0
        floor = math.floor
        terms = zip(earned, lose, gain, fits, strict=True)
        if capped is None:
            tenths = [floor((e - o + n + fit_weight * f) * scale + 0.5 + 1e-9) for e, o, n, f in terms]
        else:
            at = self.index[capped]
            tenths = [
                floor((e - o + n + fit_weight * f - excess * row[at]) * scale + 0.5 + 1e-9)
                for (e, o, n, f), row in zip(terms, table.rows, strict=True)
            ]
        # Among the frameworks that miss the fewest must-haves, the highest score; of equals, the first in
        # (position, slug) order, as max() keeps the first.
        fewest = min(missed)
        candidates = range(len(missed)) if not any(missed) else [i for i, m in enumerate(missed) if m == fewest]
        best = max(candidates, key=tenths.__getitem__)
        return table.frameworks[best]

    def _stacked(self, top, raisers, counts, raw, delta, excess, capped):
        """Rule 7 on the first framework: an add-on or its host, whichever the answers make lead."""
        content, table = self.content, self.table
        pair = content.addon_pairs.get(top.slug)
        if pair is None:
            return top
        # Rule 7: the add-on and its host rank side by side at the better one's place; which leads depends on
        # the weight the answers added (the same sum as scoring.asks_for_addon).
        addon, host = pair
        net = 0.0
        for criterion, gap in table.addon_terms[addon]:
            if raisers.get(criterion, 0) + counts.get(criterion, 0) <= 0:
                continue
            value = raw[criterion] + delta.get(criterion, 0.0) - (excess if criterion == capped else 0.0)
            net += (value - table.base[criterion]) * gap
        return content.framework_map[addon if net > 1e-9 else host]
