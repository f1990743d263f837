"""A result as an architecture decision record (Markdown), to paste into a repository.

Rendered from the result's stored snapshot only, like the permalink page: context, answers, decision,
reasons, alternatives, caveats, sources and the content version it was computed on.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import Result
from .results import explained_in_full, lead, outcome_of

TOP_REASONS = 6


def score_table(outcome: dict) -> dict | None:
    """Every criterion with the weight the answers gave it and each framework's rating, heaviest first: the
    whole computation behind the scores, as stored with the result."""
    weights = outcome.get("weights") or []
    ranking = explained_in_full(outcome.get("ranking") or [])
    if not ranking or not weights:
        return None
    lines = [{line["criterion"]: line for line in standing.get("breakdown", [])} for standing in ranking]
    rows = []
    for weight in weights:
        cells = []
        for by_criterion in lines:
            line = by_criterion.get(weight["criterion"]) or {}
            cells.append({"score": line.get("score"), "label": line.get("label", "")})
        rows.append(
            {
                "name": weight["name"],
                "base": weight["base"],
                "weight": weight["weight"],
                "because": weight["because"],
                "counted": weight["weight"] > 0,
                "cells": cells,
            }
        )
    rows.sort(key=lambda row: -row["weight"])  # stable: equal weights keep the content's order
    return {"frameworks": [standing["name"] for standing in ranking], "rows": rows}


def _moved_by_answers(table: dict | None) -> dict | None:
    """The score table cut down to the criteria whose weight the answers moved (the rest count at base)."""
    if table is None:
        return None
    rows = [row for row in table["rows"] if row["because"]]
    return {**table, "rows": rows, "others": len(table["rows"]) - len(rows)} if rows else None


def _phrasable(reasons: list[dict], outcome: dict) -> list[dict]:
    """Each reason with the wording of the answers behind it (engine-1 reasons carry their own ``text``)."""
    lookup = {f"{a['question']}={a['choice']}": a for a in outcome.get("answers", [])}
    return [{**r, "answers": [lookup[b] for b in r.get("because", []) if b in lookup]} for r in reasons]


def _worded_must_haves(must_haves: list[dict], outcome: dict) -> list[dict]:
    """Each must-have with the answers that set it in the questionnaire's own wording."""
    lookup = {f"{a['question']}={a['choice']}": a for a in outcome.get("answers", [])}
    return [{**m, "answers": [lookup[b] for b in m.get("because", []) if b in lookup]} for m in must_haves]


def decision_record(result: Result, permalink: str) -> str:
    outcome = outcome_of(result)
    ranking = outcome.get("ranking", [])
    winner = ranking[0] if ranking else None
    context = {
        "result": result,
        "outcome": outcome,
        "permalink": permalink,
        "winner": winner,
        "lead": lead(outcome.get("headline"), ranking) if outcome.get("engine", 1) >= 3 else None,
        "alternatives": ranking[1:],
        "reasons": _phrasable([r for r in (winner or {}).get("reasons", []) if r["effect"] > 0][:TOP_REASONS], outcome),
        "against": _phrasable([r for r in (winner or {}).get("reasons", []) if r["effect"] < 0][:TOP_REASONS], outcome),
        "date": result.created.date().isoformat(),
        "total": len(outcome.get("answers", [])) + len(outcome.get("skipped", [])),
        "weighed": _moved_by_answers(score_table(outcome)),
        "must_haves": _worded_must_haves((winner or {}).get("must_haves", []), outcome),
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
