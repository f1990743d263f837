"""A result as an architecture decision record (Markdown), to paste into a repository.

Rendered from the result's stored snapshot only, like the permalink page: context, answers, decision,
reasons, alternatives, caveats, sources and the content version it was computed on.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import Result

TOP_REASONS = 6


def decision_record(result: Result, permalink: str) -> str:
    outcome = result.outcome
    ranking = outcome.get("ranking", [])
    winner = ranking[0] if ranking else None
    context = {
        "result": result,
        "outcome": outcome,
        "permalink": permalink,
        "winner": winner,
        "alternatives": ranking[1:],
        "reasons": [r for r in (winner or {}).get("reasons", []) if r["effect"] > 0][:TOP_REASONS],
        "against": [r for r in (winner or {}).get("reasons", []) if r["effect"] < 0][:TOP_REASONS],
        "date": result.created.date().isoformat(),
        "total": len(outcome.get("answers", [])) + len(outcome.get("skipped", [])),
    }
    text = render_to_string("advisor/decision_record.md", context)
    # Collapse the blank lines template tags leave behind; Markdown needs at most one.
    lines, blank = [], False
    for line in text.splitlines():
        if not line.strip():
            if not blank and lines:
                lines.append("")
            blank = True
            continue
        lines.append(line.rstrip())
        blank = False
    return "\n".join(lines).strip() + "\n"
