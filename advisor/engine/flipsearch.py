"""Who ranks first when one answer changes: the "what would change the answer" search, made cheap.

This module exists for speed only. The flip search asks for the winner of about fifty answer sets that each
differ from the visitor's in one answer; calling :func:`scoring.rank` for each doubled the engine's time in a
fresh-answers POST (measured in-process: 3.6 ms against 1.9 ms before issue 13). Scores are weighted sums, so
one changed answer moves only the terms its old and new choices weight; everything else is computed once.
``tests/test_recommendation_model.py`` checks that :meth:`OneAnswerChanged.winner` names the same framework as
``rank(...).winner`` for every alternative answer of many answer sets. The model itself is in
:mod:`.scoring`; read that, not this.
"""

from __future__ import annotations

from collections.abc import Mapping

from .scoring import FIT_SHARE, SCALE_MAX, fit_rating, must_haves, points, select_use_case, weights
from .types import Choice, Content, Framework


def _raises(choice: Choice | None, weight: Mapping[str, float]) -> dict[str, float]:
    return {} if choice is None else {c: d for c, d in choice.weights.items() if c in weight and d > 0}


class OneAnswerChanged:
    def __init__(self, content: Content, answers: Mapping[str, str]):
        self.content = content
        self.answers = dict(answers)
        # Uncapped weights (base + every raise) and how many answers raise each criterion.
        base = weights(content, {}, {})[0]
        self.raw = dict(base)
        self.raisers: dict[str, int] = {}
        for question, choice in self.answers.items():
            for criterion, delta in _raises(content.choice(question, choice), base).items():
                self.raw[criterion] += delta
                self.raisers[criterion] = self.raisers.get(criterion, 0) + 1
        self.total_raw = sum(self.raw.values())
        self.required = must_haves(content, self.answers)
        self.earned_raw = {
            fw.slug: sum(w * r for w, r in zip(self.raw.values(), content.known_rows[fw.slug], strict=True))
            for fw in content.frameworks
        }
        self.missed = self._missed(self.required)
        self.index = content.criterion_index
        # An answer to a question that no preset names and whose choices name no use case cannot change which
        # use case the answers select: for those, the visitor's own selection stands.
        self.selecting = {q for group in content.presets_by_project.values() for _, _, p in group for q in p}
        self.selecting |= {q.slug for q in content.questions if any(c.use_case for c in q.choices)}
        self.own_use_case = select_use_case(content, self.answers)[0]

    def _missed(self, required) -> dict[str, int]:
        content = self.content
        missed = {}
        for fw in content.frameworks:
            row = content.scores[fw.slug]
            missed[fw.slug] = sum(
                1
                for c, (minimum, _) in required.items()
                if (r := row[content.criterion_index[c]]) is None or r < minimum
            )
        return missed

    def winner(self, question: str, choice_slug: str | None) -> Framework | None:
        """The first-ranked framework when ``question`` is answered ``choice_slug`` (None: skipped)."""
        content = self.content
        current = self.answers.get(question)
        old = content.choice(question, current) if current else None
        new = content.choice(question, choice_slug) if choice_slug else None
        changed = {k: v for k, v in self.answers.items() if k != question}
        if choice_slug:
            changed[question] = choice_slug
        # The weights: the old choice's raises out, the new one's in.
        delta: dict[str, float] = {}
        raisers = dict(self.raisers)
        for choice, sign in ((old, -1), (new, 1)):
            for criterion, d in _raises(choice, self.raw).items():
                delta[criterion] = delta.get(criterion, 0.0) + sign * d
                raisers[criterion] = raisers.get(criterion, 0) + sign
        raw = self.raw
        total_raw = self.total_raw + sum(delta.values())
        required = self.required
        missed = self.missed
        if (old is not None and old.must_haves) or (new is not None and new.must_haves):
            required = must_haves(content, changed)
            missed = self._missed(required)
        # The cap (scoring.weights): at most one raised criterion can weigh more than all the others together.
        capped, excess = None, 0.0
        for criterion, count in raisers.items():
            value = raw[criterion] + delta.get(criterion, 0.0)
            if count > 0 and criterion not in required and value > total_raw - value:
                capped, excess = criterion, value - (total_raw - value)
        criteria_weight = total_raw - excess
        use_case = select_use_case(content, changed)[0] if question in self.selecting else self.own_use_case
        fit_weight = FIT_SHARE * criteria_weight if use_case is not None else 0.0
        total = criteria_weight + fit_weight
        best = None
        changes = [(self.index[c], d) for c, d in delta.items()]
        capped_at = self.index[capped] if capped is not None else None
        for fw in content.frameworks:
            row = content.known_rows[fw.slug]
            earned = self.earned_raw[fw.slug] + sum(d * row[i] for i, d in changes)
            if capped_at is not None:
                earned -= excess * row[capped_at]
            earned += fit_weight * (fit_rating(use_case, fw.slug) or 0)
            score = points(earned / (total * SCALE_MAX)) if total else 0.0
            key = (missed[fw.slug], -score, fw.position, fw.slug)
            if best is None or key < best[0]:
                best = (key, fw)
        return best[1] if best else None
