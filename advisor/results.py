"""Stored results: slugs, storing, the outcome a permalink shows, recomputing on today's content, the JSON form,
and the data the result templates phrase. The views parse requests and render; everything about a result itself
lives here.

A result row is small (a few hundred bytes): the answers, the content version and the engine version. The
content of each version is stored once (``ContentSnapshot``) and the outcome recomputed from it, so a permalink
shows what was computed when it was made. Rows stored before this kept their whole outcome (about 55 KB) and
show it as they always did."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from . import engine, ratelimit
from .engine import serial
from .models import ContentSnapshot, Result

SLUG_LENGTH = 10
REVIEW = "review"
#: Frameworks after the winner that the result page explains in brief (the rest get their line in the ranking).
RUNNERS_UP = 2


def make_slug(answers: dict[str, str], version: str, length: int = SLUG_LENGTH) -> str:
    """Short, URL-safe and deterministic: the same answers on the same content give the same slug."""
    blob = json.dumps({"answers": answers, "version": version}, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(blob.encode()).digest()).decode()[:length]


def guide_url(answers: dict[str, str], step: str | None = None) -> str:
    params = list(answers.items())
    if step:
        params.append(("step", step))
    return reverse("advisor:guide") + ("?" + urlencode(params) if params else "")


def _find(slug: str) -> Result | None:
    return Result.objects.stored(slug)


def _insert(slug: str, answers: dict[str, str], version: str) -> Result | None:
    """The new row, or None when the slug is taken (a concurrent identical submission, or a collision)."""

    try:
        with transaction.atomic():
            return Result.objects.create(
                slug=slug, answers=answers, content_version=version, engine=engine.ENGINE_VERSION
            )
    except IntegrityError:
        return None


def _keep_content(content: engine.Content) -> None:
    """The content this version's results are computed on, stored once."""
    if not ContentSnapshot.objects.filter(digest=content.version).exists():
        data = ContentSnapshot.pack(serial.to_data(content))
        ContentSnapshot.objects.get_or_create(digest=content.version, defaults={"data": data})


class TooManyResults(Exception):
    """This address stored ADVISOR_RESULTS_PER_MINUTE new results in the last minute."""


def store(content: engine.Content, answers: dict[str, str], address: str = "") -> Result:
    """Get or create the result for these answers on this content; safe under concurrent submissions.
    A new result counts against ``address``'s limit (:class:`TooManyResults`); one stored before does not."""

    def ours(result: Result | None) -> bool:
        return result is not None and result.answers == answers and result.content_version == content.version

    existing = _find(make_slug(answers, content.version))
    if ours(existing):
        return existing
    if not ratelimit.allow("results", address, settings.RESULTS_PER_MINUTE, 60):
        raise TooManyResults
    _keep_content(content)
    for length in range(SLUG_LENGTH, 13):
        slug = make_slug(answers, content.version, length)
        result = _insert(slug, answers, content.version) or _find(slug)
        if ours(result):
            return result
        # The slug belongs to other answers (a hash collision): take a longer one.
    raise RuntimeError("Could not find a free result slug.")


@lru_cache(maxsize=8)  # as many versions as advisor/snapshot.py keeps
def _content(digest: str) -> engine.Content | None:
    row = ContentSnapshot.objects.filter(digest=digest).first()
    return serial.from_data(row.unpack()) if row is not None else None


def outcome_of(result: Result) -> dict:
    """What the permalink shows: the stored outcome of an older row, or the outcome recomputed from the content
    the result was computed on. Computed by an engine other than this one (the method changed since), it is
    recomputed by this one and says so (``recomputed_by_engine``)."""
    if result.outcome:
        return result.outcome
    content = _content(result.content_version)
    if content is None:  # its content snapshot was deleted by hand: nothing left to compute it on
        return {"engine": result.engine, "answers": [], "ranking": [], "winner": None, "missing_content": True}
    outcome = engine.recommend(content, result.answers).as_dict()
    if result.engine != engine.ENGINE_VERSION:
        outcome["recomputed_by_engine"] = result.engine
    return outcome


def answers_in_order(result: Result) -> dict[str, str]:
    """The answers in questionnaire order (PostgreSQL's jsonb does not keep the order of a stored dict)."""
    ordered = {a["question"]: a["choice"] for a in outcome_of(result).get("answers", [])}
    return ordered if ordered == result.answers else dict(result.answers)


def recompute(result: Result, content: engine.Content) -> dict:
    """The result's answers on today's content, and what moved."""
    valid, dropped = {}, []
    for question, choice in result.answers.items():
        q = content.question_map.get(question)
        if q is not None and choice in q.by_slug:
            valid[question] = choice
        else:
            dropped.append(f"{question}={choice}")
    outcome = engine.recommend(content, valid, with_flips=False).as_dict()
    before = {s["framework"]: s for s in outcome_of(result).get("ranking", [])}
    rows = []
    for standing in outcome["ranking"]:
        old = before.pop(standing["framework"], None)
        rows.append(
            {
                "framework": standing["framework"],
                "name": standing["name"],
                "old_rank": old and old["rank"],
                "old_score": old and old["score"],
                "rank": standing["rank"],
                "score": standing["score"],
                "moved": None if old is None else old["rank"] - standing["rank"],
                "delta": None if old is None else round(standing["score"] - old["score"], 1),
                "new": old is None,
            }
        )
    for old in before.values():
        rows.append({**old, "old_rank": old["rank"], "old_score": old["score"], "rank": None, "gone": True})
    return {
        "outcome": outcome,
        "rows": rows,
        "dropped": dropped,
        "winner_changed": outcome["winner"] != outcome_of(result).get("winner"),
        "url": guide_url(valid, REVIEW),
    }


def api_dict(result: Result, absolute) -> dict:
    """The JSON form (QUESTIONNAIRE.md's contract). ``absolute`` turns a path into an absolute URL."""
    outcome = outcome_of(result)
    return {
        "slug": result.slug,
        "url": absolute(result.get_absolute_url()),
        "created": result.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "content_version": result.content_version,
        "engine": outcome.get("engine", 1),
        "answers": answers_in_order(result),
        "winner": outcome.get("winner"),
        "headline": outcome.get("headline"),
        "ranking": [
            {
                "framework": s["framework"],
                "name": s["name"],
                "score": s["score"],
                "best_case": s.get("best_case", s["score"]),
                "rank": s["rank"],
                "must_haves_met": s["must_haves_met"],
                "must_haves": s["must_haves"],
                "unknown": s["unknown"],
                "reasons": [
                    {
                        "kind": r["kind"],
                        "criterion": r["criterion"],
                        "effect": r["effect"],
                        "because": r["because"],
                        **({"text": r["text"]} if "text" in r else {}),
                    }
                    for r in s["reasons"]
                ],
            }
            for s in outcome.get("ranking", [])
        ],
        "flips": [
            {"question": f["question"], "choice": f["choice"], "winner": f["winner"]} for f in outcome.get("flips", [])
        ],
        "flips_if_skipped": [
            {"question": f["question"], "winner": f["winner"]} for f in outcome.get("flips_if_skipped", [])
        ],
        "uncertainty": outcome.get("uncertainty"),
        "existing_code": outcome.get("existing_code"),
        "weights": [
            {"criterion": w["criterion"], "base": w["base"], "weight": w["weight"], "because": w["because"]}
            for w in outcome.get("weights") or []
        ],
        "hybrid": outcome.get("hybrid"),
        "caveats": outcome.get("caveats"),
        "decision_record": absolute(reverse("advisor:result_md", args=[result.slug])),
    }


# ---------------------------------------------------------------------------------------------
# What the templates phrase


def _answer_lookup(outcome: dict) -> dict[str, dict]:
    return {f"{a['question']}={a['choice']}": a for a in outcome.get("answers", [])}


def _with_answers(items: list[dict], lookup: dict[str, dict]) -> list[dict]:
    """Each item with ``answers``: its ``because`` entries as the question's and choice's wording."""
    return [{**item, "answers": [lookup[b] for b in item.get("because", []) if b in lookup]} for item in items]


def runner_up(standing: dict, lookup: dict[str, dict]) -> dict:
    """A framework after the winner, in brief: where your answers help it most and where they hurt it most."""
    reasons = standing.get("reasons", [])
    return {
        **standing,
        "gains": _with_answers([r for r in reasons if r["effect"] > 0][:2], lookup),
        "losses": _with_answers(sorted((r for r in reasons if r["effect"] < 0), key=lambda r: r["effect"])[:2], lookup),
    }


def explained_in_full(ranking: list[dict]) -> list[dict]:
    """The standings with reasons and a breakdown: since issue 15 the first three, in older results all."""
    return [standing for standing in ranking if standing.get("breakdown")]


def lead(headline: dict | None, ranking: list[dict]) -> dict | None:
    """What the first sentence says: the winner (and the stack it leads: an add-on with its host), its margin
    over the first rival (an add-on and its host are one stack, not rivals), every framework that scores higher
    but ranks lower because it misses a must-have, and in a close race what separates the two."""
    if not headline or not ranking:
        return None
    stack = headline.get("stack")
    partners = {stack["host"], stack["addon"]} if stack else {headline.get("framework")}
    runner = next((s for s in ranking[1:] if s.get("framework", s.get("slug")) not in partners), None)
    return {
        "name": headline["name"],
        "score": headline["score"],
        "runner": runner["name"] if runner else None,
        "margin": round(headline["score"] - runner["score"], 1) if runner else None,
        "outscored_groups": _grouped_by_what_they_miss(headline.get("outscored_by", [])),
        "stack": stack,
        "close": headline.get("close"),
    }


def _grouped_by_what_they_miss(outscored: list[dict]) -> list[dict]:
    """Frameworks that score higher but miss the same must-haves, as one group each (one sentence each): their
    names and scores, and per must-have the lowest and highest rating among them."""
    groups: dict[tuple, list[dict]] = {}
    for o in outscored:
        groups.setdefault(tuple((m["criterion"], m["minimum"]) for m in o["missed"]), []).append(o)
    found = []
    for members in groups.values():
        missed = []
        for i, m in enumerate(members[0]["missed"]):
            scores = [o["missed"][i]["score"] for o in members]
            known = [s for s in scores if s is not None]
            missed.append(
                {
                    "name": m["name"],
                    "minimum": m["minimum"],
                    "low": min(known) if known else None,
                    "high": max(known) if known else None,
                    "unrated": len(known) < len(scores),
                }
            )
        found.append({"frameworks": [{"name": o["name"], "score": o["score"]} for o in members], "missed": missed})
    return found


def _uncertainty(found: dict) -> dict:
    """The unknown ratings, with the frameworks whose place they cannot change set apart (``settled``): the page
    names those that could move in full and folds the others away."""
    return {**found, "settled": [u for u in found.get("frameworks", []) if not u.get("could_pass")]}


def explained(outcome: dict) -> dict:
    """An engine-2 outcome with every "question=choice" reference resolved to its wording, and the reasons
    grouped by the answer that caused them, for the result page and the decision record."""
    lookup = _answer_lookup(outcome)
    ranking = outcome.get("ranking", [])
    winner = ranking[0] if ranking else None
    headline = outcome.get("headline") or {}
    by_answer: dict[str, dict] = {}
    for standing in ranking:
        for reason in standing["reasons"]:
            for cause in reason["because"]:
                group = by_answer.setdefault(cause, {"answer": lookup.get(cause), "rows": {}})
                row = group["rows"].setdefault(
                    (reason["kind"], reason["criterion"] or reason["name"]),
                    {"kind": reason["kind"], "name": reason["name"], "cells": []},
                )
                row["cells"].append({"framework": standing["name"], **reason})
    groups = [
        {"answer": g["answer"], "rows": list(g["rows"].values())} for g in by_answer.values() if g["answer"] is not None
    ]
    order = list(lookup)
    groups.sort(key=lambda g: order.index(f"{g['answer']['question']}={g['answer']['choice']}"))
    held = {f"{h['question']}={h['choice']}" for h in outcome.get("held", [])}
    quiet = [a for key, a in lookup.items() if key not in by_answer and key not in held]
    hybrid = outcome.get("hybrid")
    if hybrid:
        hybrid = {**hybrid, "pulls": _with_answers(hybrid.get("pulls", []), lookup)}
    return {
        "winner": winner,
        "runners_up": [runner_up(standing, lookup) for standing in ranking[1 : RUNNERS_UP + 1]],
        "explained": explained_in_full(ranking),
        "lead": lead(headline, ranking),
        "quiet": quiet,
        "top_reasons": _with_answers(outcome.get("top_reasons", []), lookup),
        "must_haves": _with_answers((winner or {}).get("must_haves", []), lookup),
        "groups": groups,
        "hybrid": hybrid,
        "use_cases": _with_answers(outcome.get("use_cases", []), lookup),
        "uncertainty": _uncertainty(outcome.get("uncertainty") or {"order_could_change": False, "frameworks": []}),
        "held": _with_answers(outcome.get("held", []), lookup),
    }
