"""The engine's entry points: :func:`recommend` (the whole explained result) and :func:`leader` (the
questionnaire's "leading so far" box). Both rank with :mod:`.scoring` and explain with :mod:`.explanation`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from .explanation import (
    TOP_REASONS,
    Columns,
    caveats,
    flips,
    headline,
    held,
    hybrid,
    ordered,
    sources,
    standing,
    uncertainty,
)
from .scoring import base_weight, rank
from .types import Content, Outcome

#: Stored with every outcome; a permalink made by another version is rendered by its own template.
ENGINE_VERSION = 3


def recommend(content: Content, answers: Mapping[str, str], *, with_flips: bool = True) -> Outcome:
    """Rank every published framework for these (valid) answers and explain the ranking."""
    answers = ordered(content, answers)
    ranked = rank(content, answers)
    columns = Columns.of(content, ranked)
    ranking = [standing(content, ranked, s, i, columns) for i, s in enumerate(ranked.scored, start=1)]
    winner = ranked.winner
    changes, skips = flips(content, answers, winner.slug) if (with_flips and winner) else ([], [])
    found_hybrid = hybrid(content, ranked, answers)
    top = [asdict(r) for r in ranking[0].reasons if r.effect > 0][:TOP_REASONS] if ranking else []
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
    use_case = ranked.use_case
    return Outcome(
        engine=ENGINE_VERSION,
        content_version=content.version,
        answers=answered,
        skipped=[{"question": q.slug, "question_text": q.text} for q in content.questions if q.slug not in answers],
        winner=winner.slug if winner else None,
        headline=headline(ranked, content),
        top_reasons=top,
        ranking=ranking,
        weights=[
            {
                "criterion": c.slug,
                "name": c.name,
                "base": round(base_weight(c), 3),
                "weight": round(ranked.weights[c.slug], 2),
                "because": ranked.because.get(c.slug, []),
            }
            for c in content.criteria
        ],
        use_cases=(
            [{"slug": use_case.slug, "name": use_case.name, "url": use_case.url, "because": ranked.use_case_because}]
            if use_case
            else []
        ),
        flips=changes,
        flips_if_skipped=skips,
        uncertainty=uncertainty(content, ranked),
        held=held(content, answers, ranked),
        hybrid=found_hybrid,
        caveats=caveats(content, answers, winner),
        sources=sources(content, ranked, found_hybrid),
        existing_code=(
            {
                "framework": ranked.keep,
                "name": content.framework_map[ranked.keep].name,
                "because": list(ranked.keep_because),
                "weight": round(ranked.keep_weight, 2),
            }
            if ranked.keep
            else None
        ),
    )


def leader(content: Content, answers: Mapping[str, str]) -> dict | None:
    """The questionnaire's "leading so far" box: the ranking and the headline, without the explanation."""
    ranked = rank(content, ordered(content, answers))
    if not ranked.scored:
        return None
    return {
        "ranking": [
            {"slug": s.framework.slug, "name": s.framework.name, "score": s.score, "missed": s.missed}
            for s in ranked.scored
        ],
        "headline": headline(ranked, content),
    }
