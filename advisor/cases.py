"""Where a framework ranks first: the guide's own project presets (each use case's answers) and a team that already
runs it, ranked by the engine on the published content. A framework that leads none of them says so on its page,
with the reason (issue 26); the scenario table (tests/engine/test_scenarios.py) holds the realistic cases."""

from __future__ import annotations

from functools import lru_cache

from . import engine


@lru_cache(maxsize=8 * 32)  # per content snapshot (identity) and framework
def cases(content: engine.Content, slug: str) -> dict:
    """``use_cases``: the use cases whose preset ranks it first; ``own_code``: whether a team keeping its code on it
    gets it first; ``unknown``: the criteria it is not rated on (they earn nothing)."""
    leads = []
    for use_case, preset in content.presets:
        if preset and engine.rank(content, preset).winner.slug == slug:
            leads.append({"name": use_case.name, "url": use_case.url})
    codebase = content.question_map.get("codebase")
    own_code = False
    if codebase is not None and slug in codebase.by_slug:  # alone, or with any preset: does its own code keep it?
        for answers in ({}, *(preset for _, preset in content.presets if preset)):
            if engine.rank(content, {**answers, "codebase": slug}).winner.slug == slug:
                own_code = True
                break
    row = content.scores.get(slug, ())
    unknown = [c.name for c, score in zip(content.criteria, row, strict=False) if score is None]
    return {"use_cases": leads, "own_code": own_code, "unknown": unknown, "never": not leads and not own_code}
