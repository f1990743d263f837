"""The result page's details, each said once (issue #27): the breakdown, the pitfalls and what moved since.

- **Breakdown**: a reason caused by several answers together ("Async support counts more because of your
  project, your workload and your team's async experience") is listed once, under those answers together,
  instead of once under each of them (which read as triple counting). The criteria that an answer keeps at
  their normal weight are one list, each criterion once, with the answers that kept it there.
- **Pitfalls**: those of the frameworks the result recommends (the winner and the next two) and general ones,
  that the visitor's answers point at; two pitfalls of the same frameworks whose fixes say much the same thing
  (``SIMILAR_FIX`` of difflib's ratio) are one entry with both titles, since the guide draws on sources that
  describe the same mistake in their own words.
- **What moved**: a permalink whose content has changed says first whether anything in its ranking moved.

Works on stored outcomes (``results.outcome_of``), so old permalinks read the same way; nothing is stored.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .results import guide_url

LEADERS = 3  # the winner and the next two: the frameworks the result recommends
SIMILAR_FIX = 0.5  # difflib ratio of two fixes above which two pitfalls of the same frameworks are one
FINISH = "finish"  # the questionnaire's "see my result now" parameter (views/guide.py)


def finish_url(answers: dict[str, str]) -> str:
    """The questionnaire address that stores these answers and goes straight to their result."""
    base = guide_url(answers)
    return base + ("&" if "?" in base else "?") + f"{FINISH}=now"


def _lookup(outcome: dict) -> dict[str, dict]:
    return {f"{a['question']}={a['choice']}": a for a in outcome.get("answers", [])}


def breakdown(outcome: dict) -> dict:
    """Reasons grouped by the set of answers that caused them (each reason once), and the criteria kept at
    their normal weight (each once, grouped by the answers that kept them there)."""
    lookup = _lookup(outcome)
    order = list(lookup)
    groups: dict[tuple[str, ...], dict] = {}
    for standing in outcome.get("ranking", []):
        for reason in standing.get("reasons", []):
            causes = tuple(c for c in reason["because"] if c in lookup)
            if not causes:
                continue
            group = groups.setdefault(causes, {"answers": [lookup[c] for c in causes], "rows": {}})
            row = group["rows"].setdefault(
                (reason["kind"], reason["criterion"] or reason["name"]),
                {"kind": reason["kind"], "name": reason["name"], "cells": []},
            )
            row["cells"].append({"framework": standing["name"], **reason})
    ordered = sorted(groups.items(), key=lambda item: (order.index(item[0][0]), len(item[0])))
    held: dict[str, dict] = {}
    for entry in outcome.get("held", []):
        answer = lookup.get(f"{entry['question']}={entry['choice']}")
        for criterion in entry["criteria"]:
            kept = held.setdefault(criterion["criterion"], {"name": criterion["name"], "answers": []})
            if answer is not None and answer not in kept["answers"]:
                kept["answers"].append(answer)
    by_answers: dict[tuple, dict] = {}
    for kept in held.values():
        key = tuple(f"{a['question']}={a['choice']}" for a in kept["answers"])
        by_answers.setdefault(key, {"answers": kept["answers"], "names": []})["names"].append(kept["name"])
    caused = {c for causes in groups for c in causes}
    held_keys = {f"{h['question']}={h['choice']}" for h in outcome.get("held", [])}
    return {
        "groups": [{"answers": g["answers"], "rows": list(g["rows"].values())} for _, g in ordered],
        "held": list(by_answers.values()),
        "quiet": [a for key, a in lookup.items() if key not in caused and key not in held_keys],
    }


def _similar(a: dict, b: dict) -> bool:
    if sorted(a.get("frameworks", [])) != sorted(b.get("frameworks", [])) or not a.get("frameworks"):
        return False
    return SequenceMatcher(None, a.get("fix", "").lower(), b.get("fix", "").lower()).ratio() >= SIMILAR_FIX


def pitfalls(outcome: dict) -> list[dict]:
    """The pitfalls the answers point at that concern the recommended frameworks (or every framework), near
    duplicates merged; each with ``leaders``, the names of the recommended frameworks it concerns."""
    leaders = {s["framework"]: s["name"] for s in outcome.get("ranking", [])[:LEADERS]}
    found: list[dict] = []
    for pitfall in (outcome.get("caveats") or {}).get("pitfalls", []):
        concerns = [slug for slug in leaders if slug in pitfall.get("frameworks", [])]
        if pitfall.get("frameworks") and not concerns:
            continue
        twin = next((p for p in found if _similar(p, pitfall)), None)
        if twin is not None:
            twin["also"].append(pitfall)
            continue
        found.append({**pitfall, "leaders": [leaders[slug] for slug in concerns], "also": []})
    return found


def what_moved(recomputed: dict | None) -> dict | None:
    """For a permalink whose content changed: whether the first place, the order or only the scores moved."""
    if not recomputed:
        return None
    rows = recomputed["rows"]
    places = [r for r in rows if r.get("new") or r.get("gone") or r.get("moved")]
    scores = [abs(r["delta"]) for r in rows if r.get("delta")]
    return {
        "winner": recomputed["winner_changed"],
        "new_winner": next((r["name"] for r in rows if r.get("rank") == 1), None),
        "places": [r["name"] for r in places],
        "largest_score_change": max(scores, default=0),
        "nothing": not places and not scores,
    }
