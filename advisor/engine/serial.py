"""A :class:`Content` snapshot as plain JSON data and back, so that the content a result was computed on can be
stored once per content version (``advisor.models.ContentSnapshot``) and the result recomputed from it
exactly: ``from_data(to_data(content))`` ranks every answer set as ``content`` does."""

from __future__ import annotations

from dataclasses import asdict

from .types import (
    Choice,
    Content,
    Criterion,
    Framework,
    Hybrid,
    HybridPart,
    Pitfall,
    Question,
    Rating,
    Relation,
    Source,
    UseCase,
)

#: Bumped whenever the shape below changes; a stored snapshot of another format is refused, not misread.
FORMAT = 1


def to_data(content: Content) -> dict:
    return {
        "format": FORMAT,
        "version": content.version,
        "frameworks": [asdict(f) for f in content.frameworks],
        "criteria": [asdict(c) for c in content.criteria],
        "ratings": [[fw, crit, asdict(r)] for (fw, crit), r in content.ratings.items()],
        "questions": [asdict(q) for q in content.questions],
        "use_cases": [asdict(u) for u in content.use_cases.values()],
        "pitfalls": [{**asdict(p), "choices": sorted(map(list, p.choices))} for p in content.pitfalls],
        "hybrids": [asdict(h) for h in content.hybrids],
        "sources": [asdict(s) for s in content.sources.values()],
        "migrations": [[a, b, difficulty] for (a, b), difficulty in content.migrations.items()],
    }


def _framework(data: dict) -> Framework:
    relations = tuple(Relation(r["kind"], r["other"], tuple(r["inherits"])) for r in data["relations"])
    return Framework(**{**data, "relations": relations})


def _question(data: dict) -> Question:
    return Question(**{**data, "choices": tuple(Choice(**c) for c in data["choices"])})


def from_data(data: dict) -> Content:
    if data.get("format") != FORMAT:
        raise ValueError(f"content snapshot format {data.get('format')!r}, expected {FORMAT}")
    return Content(
        version=data["version"],
        frameworks=tuple(_framework(f) for f in data["frameworks"]),
        criteria=tuple(Criterion(**c) for c in data["criteria"]),
        ratings={(fw, crit): Rating(**{**r, "sources": tuple(r["sources"])}) for fw, crit, r in data["ratings"]},
        questions=tuple(_question(q) for q in data["questions"]),
        use_cases={u["slug"]: UseCase(**{**u, "sources": tuple(u["sources"])}) for u in data["use_cases"]},
        pitfalls=tuple(
            Pitfall(**{**p, "choices": frozenset(map(tuple, p["choices"])), "frameworks": tuple(p["frameworks"])})
            for p in data["pitfalls"]
        ),
        hybrids=tuple(
            Hybrid(**{**h, "parts": tuple(HybridPart(**part) for part in h["parts"]), "sources": tuple(h["sources"])})
            for h in data["hybrids"]
        ),
        sources={s["slug"]: Source(**s) for s in data["sources"]},
        # added after format 1 shipped: a snapshot stored before has none (its results keep no code)
        migrations={(a, b): difficulty for a, b, difficulty in data.get("migrations", ())},
    )
