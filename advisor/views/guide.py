"""The questionnaire (``/guide/``) and result permalinks (``/r/<slug>/``, ``.json``, ``.md``).

The wizard keeps its whole state in the URL: ``/guide/?<question>=<choice>&...&step=<question slug>``, so a
half-finished questionnaire is bookmarkable. One template serves both the page and, for HTMX requests, its
``step`` partial (the browser's back button then restores one question at a time via ``hx-push-url``).
Finishing is ``POST /guide/`` (the contract of QUESTIONNAIRE.md), which stores a :class:`Result` and answers
303 to its permalink (or, inside an HTMX request, an ``HX-Redirect``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from .. import engine, snapshot, versioning
from ..decision_record import decision_record, score_table
from ..models import Result

REVIEW = "review"
CONTROL_FIELDS = {"csrfmiddlewaretoken"}
SLUG_LENGTH = 10
PERMALINK_MAX_AGE = 60 * 60 * 24  # the HTML permalink: a day, then revalidate with the ETag
FROZEN_MAX_AGE = 60 * 60 * 24 * 365  # the JSON and Markdown forms never change


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# ---------------------------------------------------------------------------------------------
# Helpers


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A readable 400 page (the questionnaire's own; nothing has been stored)."""
    return render(
        request,
        "advisor/guide_error.html",
        {"message": message, "page_title": "That did not work"},
        status=400,
    )


def make_slug(answers: dict[str, str], version: str, length: int = SLUG_LENGTH) -> str:
    """Short, URL-safe and deterministic: the same answers on the same content give the same slug."""
    blob = json.dumps({"answers": answers, "version": version}, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(blob.encode()).digest()).decode()[:length]


def guide_url(answers: dict[str, str], step: str | None = None) -> str:
    params = list(answers.items())
    if step:
        params.append(("step", step))
    return reverse("advisor:guide") + ("?" + urlencode(params) if params else "")


def _pairs(querydict) -> tuple[list[tuple[str, str]], str | None]:
    """(name, value) pairs, or an error message if a field is repeated."""
    pairs = []
    for name, values in querydict.lists():
        if len(values) > 1:
            return [], f"The field “{name}” was sent more than once; answer each question once."
        pairs.append((name, values[0]))
    return pairs, None


def _retry_when_locked(query, attempts: int = 6):
    """Run ``query``; SQLite may report another writer's lock: wait briefly and retry.

    A SQLite file waits for the lock itself (the busy timeout in settings); an in-memory database shared
    between threads, as the test suite uses, reports "database table is locked" at once instead."""
    for attempt in range(attempts):
        try:
            return query()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _find(slug: str) -> Result | None:
    return _retry_when_locked(lambda: Result.objects.stored(slug))


def _insert(slug: str, answers: dict[str, str], outcome: dict, version: str) -> Result | None:
    """The new row, or None when the slug is taken (a concurrent identical submission, or a collision)."""

    def query():
        try:
            with transaction.atomic():
                return Result.objects.create(slug=slug, answers=answers, outcome=outcome, content_version=version)
        except IntegrityError:
            return None

    return _retry_when_locked(query)


def store_result(content: engine.Content, answers: dict[str, str]) -> Result:
    """Get or create the result for these answers on this content; safe under concurrent submissions."""

    def ours(result: Result | None) -> bool:
        return result is not None and result.answers == answers and result.content_version == content.version

    # The same answers on the same content were usually stored already (presets, shared links, retries):
    # then there is nothing to compute, and one indexed lookup answers.
    existing = _find(make_slug(answers, content.version))
    if ours(existing):
        return existing
    outcome = engine.recommend(content, answers).as_dict()
    for length in range(SLUG_LENGTH, 13):
        slug = make_slug(answers, content.version, length)
        result = _insert(slug, answers, outcome, content.version) or _find(slug)
        if ours(result):
            return result
        # The slug belongs to other answers (a hash collision): take a longer one.
    raise RuntimeError("Could not find a free result slug.")


# ---------------------------------------------------------------------------------------------
# The questionnaire


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def guide(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _finish(request)
    return _step(request)


def _finish(request: HtmxHttpRequest) -> HttpResponse:
    try:
        pairs, error = _pairs(request.POST)
    except (RequestDataTooBig, TooManyFieldsSent):
        return bad_request(request, "That submission is too large. Send one field per question.")
    if error:
        return bad_request(request, error)
    content = snapshot.current()
    if not content.frameworks:
        return bad_request(request, "No framework is published yet, so there is nothing to recommend.")
    try:
        answers = engine.parse_answers(content, pairs, ignore=CONTROL_FIELDS)
    except engine.AnswerError as exc:
        return bad_request(request, str(exc))
    result = store_result(content, answers)
    url = result.get_absolute_url()
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url, status=303)  # See Other: the permalink, fetched with GET


def _step(request: HtmxHttpRequest) -> HttpResponse:
    content = snapshot.current()
    pairs, error = _pairs(request.GET)
    if error:
        return bad_request(request, error)
    params = dict(pairs)
    if "preset" in params:
        return _preset(request, content, params)
    step = params.pop("step", "")
    try:
        answers = engine.parse_answers(content, params.items())
    except engine.AnswerError as exc:
        return bad_request(request, str(exc))
    questions = content.questions
    if not questions:
        return bad_request(request, "The questionnaire has no questions yet.")
    slugs = [q.slug for q in questions]
    if not step:
        step = next((s for s in slugs if s not in answers), REVIEW)
    if step != REVIEW and step not in content.question_map:
        return bad_request(request, f"There is no step “{step}” in the questionnaire.")

    ranking = engine.leader(content, answers) if content.frameworks else []
    top = ranking[0][2] if ranking else 0
    context = {
        "answers": answers,
        "answered": [
            {
                "question": q,
                "choice": q.by_slug[answers[q.slug]],
                "change_url": guide_url(answers, q.slug),
            }
            for q in questions
            if q.slug in answers
        ],
        "total": len(questions),
        "answered_count": len(answers),
        "leader": [{"slug": s, "name": n, "score": sc, "lead": sc == top} for s, n, sc in ranking],
        "start_url": guide_url(answers, slugs[0]),
    }
    if step == REVIEW:
        context.update(
            review=True,
            back_url=guide_url(answers, slugs[-1]),
            page_title="Review your answers",
            page_description="Check your answers, then see the ranked, explained recommendation.",
        )
    else:
        index = slugs.index(step)
        question = content.question_map[step]
        following = slugs[index + 1] if index + 1 < len(slugs) else REVIEW
        others = {k: v for k, v in answers.items() if k != step}
        context.update(
            review=False,
            question=question,
            number=index + 1,
            current=answers.get(step, ""),
            hidden=others.items(),
            next_step=following,
            back_url=guide_url(answers, slugs[index - 1]) if index else "",
            skip_url=guide_url(others, following),
            page_title=f"Question {index + 1} of {len(slugs)}: {question.text}",
            page_description="Answer a few questions about your project and get Flask, FastAPI and Django ranked.",
        )
    template = "advisor/guide.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#step"
        context["fragment"] = True
    return render(request, template, context)


def _preset(request: HttpRequest, content: engine.Content, params: dict[str, str]) -> HttpResponse:
    slug = params.pop("preset")
    use_case = content.use_cases.get(slug)
    if use_case is None:
        return bad_request(request, f"There is no use case “{slug}” to start from.")
    try:
        own = engine.parse_answers(content, [(k, v) for k, v in params.items() if k != "step"])
        preset = engine.parse_answers(
            content, [(q, c) for q, c in use_case.preset.items() if q in content.question_map]
        )
    except engine.AnswerError as exc:
        return bad_request(request, str(exc))
    answers = {q.slug: (own | preset)[q.slug] for q in content.questions if q.slug in (own | preset)}
    first_open = next((q.slug for q in content.questions if q.slug not in answers), REVIEW)
    return redirect(guide_url(answers, first_open))


# ---------------------------------------------------------------------------------------------
# Results


def _result_etag(request: HttpRequest, slug: str) -> str | None:
    row = Result.objects.filter(slug=slug).values_list("content_version", flat=True).first()
    if row is None:
        return None
    return hashlib.sha256(f"{slug}:{row}:{versioning.current_digest()}".encode()).hexdigest()[:24]


def _frozen_etag(request: HttpRequest, slug: str) -> str | None:
    row = Result.objects.filter(slug=slug).values_list("content_version", flat=True).first()
    return None if row is None else f"{slug}-{row}"


def _cache(request: HttpRequest, response: HttpResponse, max_age: int, immutable: bool = False) -> HttpResponse:
    # A response that sets a cookie (base.html's CSRF token sets one for a new visitor) must not be stored by
    # shared caches; browsers may still keep it.
    sets_cookie = bool(response.cookies) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    scope = {"private": True} if sets_cookie else {"public": True}
    patch_cache_control(response, max_age=max_age, **scope, **({"immutable": True} if immutable else {}))
    return response


def _recomputed(result: Result, content: engine.Content) -> dict:
    """The result's answers on today's content, and what moved."""
    valid, dropped = {}, []
    for question, choice in result.answers.items():
        q = content.question_map.get(question)
        if q is not None and choice in q.by_slug:
            valid[question] = choice
        else:
            dropped.append(f"{question}={choice}")
    outcome = engine.recommend(content, valid, with_flips=False).as_dict()
    before = {s["framework"]: s for s in result.outcome.get("ranking", [])}
    rows = []
    for standing in outcome["ranking"]:
        old = before.pop(standing["framework"], None)
        moved = None if old is None else old["rank"] - standing["rank"]
        rows.append(
            {
                "framework": standing["framework"],
                "name": standing["name"],
                "old_rank": old and old["rank"],
                "old_score": old and old["score"],
                "rank": standing["rank"],
                "score": standing["score"],
                "moved": moved,
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
        "winner_changed": outcome["winner"] != result.outcome.get("winner"),
        "url": guide_url(valid, REVIEW),
    }


@require_safe
@condition(etag_func=_result_etag)
def result(request: HttpRequest, slug: str) -> HttpResponse:
    result = get_object_or_404(Result, slug=slug)
    outcome = result.outcome
    current = versioning.current_digest()
    changed = result.content_version != current
    recomputed = _recomputed(result, snapshot.current()) if changed else None
    ranking = outcome.get("ranking", [])
    winner = ranking[0] if ranking else None
    others = ", ".join(f"{s['name']} ({s['score']:g})" for s in ranking[1:])
    answers = _answers_in_order(result)
    context = {
        "result": result,
        "outcome": outcome,
        "winner": winner,
        "ranking": ranking,
        "score_table": score_table(outcome),
        "changed": changed,
        "current_version": current,
        "recomputed": recomputed,
        "permalink": request.build_absolute_uri(result.get_absolute_url()),
        "answers": [{**a, "change_url": guide_url(answers, a["question"])} for a in outcome.get("answers", [])],
        "skipped": [{**s, "answer_url": guide_url(answers, s["question"])} for s in outcome.get("skipped", [])],
        "flips": [
            {**f, "url": guide_url({**answers, f["question"]: f["choice"]}, REVIEW)} for f in outcome.get("flips", [])
        ],
        "page_title": f"{winner['name']} is the recommendation" if winner else "A recommendation",
        "page_description": (
            f"{winner['name']} ranks first ({winner['score']:g}/100)"
            + (f", ahead of {others}" if others else "")
            + f", for {len(answers)} answered question{'s' if len(answers) != 1 else ''}."
            + " See why, and what would change it."
            if winner
            else "No framework was published when this result was made."
        ),
    }
    return _cache(request, render(request, "advisor/result.html", context), PERMALINK_MAX_AGE)


def _answers_in_order(result: Result) -> dict[str, str]:
    """The answers in questionnaire order (PostgreSQL's jsonb does not keep the order of a stored dict)."""
    ordered = {a["question"]: a["choice"] for a in result.outcome.get("answers", [])}
    return ordered if ordered == result.answers else dict(result.answers)


def _api_dict(request: HttpRequest, result: Result) -> dict:
    outcome = result.outcome
    return {
        "slug": result.slug,
        "url": request.build_absolute_uri(result.get_absolute_url()),
        "created": result.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "content_version": result.content_version,
        "answers": _answers_in_order(result),
        "winner": outcome.get("winner"),
        "ranking": [
            {
                "framework": s["framework"],
                "name": s["name"],
                "score": s["score"],
                "rank": s["rank"],
                "must_haves_met": s["must_haves_met"],
                "must_haves": s["must_haves"],
                "unknown": s["unknown"],
                "reasons": [
                    {
                        "criterion": r["criterion"],
                        "effect": r["effect"],
                        "because": r["because"],
                        "kind": r["kind"],
                        "text": r["text"],
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
        "hybrid": outcome.get("hybrid"),
        "caveats": outcome.get("caveats"),
        "decision_record": request.build_absolute_uri(reverse("advisor:result_md", args=[result.slug])),
    }


@require_safe
@condition(etag_func=_frozen_etag)
def result_json(request: HttpRequest, slug: str) -> HttpResponse:
    result = get_object_or_404(Result, slug=slug)
    response = JsonResponse(_api_dict(request, result), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return _cache(request, response, FROZEN_MAX_AGE, immutable=True)


@require_safe
@condition(etag_func=_frozen_etag)
def result_markdown(request: HttpRequest, slug: str) -> HttpResponse:
    result = get_object_or_404(Result, slug=slug)
    text = decision_record(result, request.build_absolute_uri(result.get_absolute_url()))
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decision-record-{result.slug}.md"'
    return _cache(request, response, FROZEN_MAX_AGE, immutable=True)
