"""The questionnaire (``/guide/``) and result permalinks (``/r/<slug>/``, ``.json``, ``.md``).

The wizard keeps its whole state in the URL: ``/guide/?<question>=<choice>&...&step=<question slug>``, so a
half-finished questionnaire is bookmarkable. One template serves both the page and, for HTMX requests, its
``step`` partial (the browser's back button then restores one question at a time via ``hx-push-url``).
Finishing is ``POST /guide/`` (the contract of QUESTIONNAIRE.md), which stores a :class:`Result` and answers
303 to its permalink (or, inside an HTMX request, an ``HX-Redirect``).
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from .. import engine, ratelimit, result_details, results, snapshot, versioning
from ..decision_record import decision_record, score_table
from ..models import Framework, Result
from ..results import REVIEW, guide_url
from .common import HtmxHttpRequest
from .compare import pair_url

CONTROL_FIELDS = {"csrfmiddlewaretoken"}
FINISH = "finish"  # the step form's "See my result now" button
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
FROZEN_MAX_AGE = 60 * 60 * 24 * 365  # the JSON and Markdown forms never change


def bad_request(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    """A readable error page (the questionnaire's own; nothing has been stored)."""
    return render(
        request,
        "advisor/guide_error.html",
        {"message": message, "page_title": "That did not work"},
        status=status,
    )


def too_many_results(request: HttpRequest, answers: dict[str, str]) -> HttpResponse:
    """429: this address stored its allowance of new results this minute. The answers are kept: the page
    links to the review step with them, and offers to submit them again."""
    response = render(
        request,
        "advisor/guide_error.html",
        {
            "message": "You have made many new results in the last minute. Your answers are kept below: "
            "try again in a minute.",
            "page_title": "One moment, please",
            "retry_answers": answers.items(),
            "review_url": guide_url(answers, REVIEW),
        },
        status=429,
    )
    response["Retry-After"] = "60"
    return response


def _pairs(querydict) -> tuple[list[tuple[str, str]], str | None]:
    """(name, value) pairs, or an error message if a field is repeated."""
    pairs = []
    for name, values in querydict.lists():
        if len(values) > 1:
            return [], f"The field “{name}” was sent more than once; answer each question once."
        pairs.append((name, values[0]))
    return pairs, None


# ---------------------------------------------------------------------------------------------
# The questionnaire


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request", "HX-History-Restore-Request", "HX-Target")
def guide(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _finish(request)
    return _step(request)


def _finish(request: HtmxHttpRequest) -> HttpResponse:
    if request.content_type not in FORM_TYPES:
        return bad_request(
            request,
            "The questionnaire takes a form (application/x-www-form-urlencoded or multipart/form-data), "
            "one field per answered question; this request sent "
            + (f"“{request.content_type}”." if request.content_type else "no content type."),
            status=415,
        )
    try:
        pairs, error = _pairs(request.POST)
    except (RequestDataTooBig, TooManyFieldsSent):
        return bad_request(request, "That submission is too large. Send one field per question.")
    if error:
        return bad_request(request, error)
    return _store_and_redirect(request, pairs)


def _store_and_redirect(request: HtmxHttpRequest, pairs: list[tuple[str, str]]) -> HttpResponse:
    content = snapshot.current()
    if not content.frameworks:
        return bad_request(request, "No framework is published yet, so there is nothing to recommend.")
    try:
        answers = engine.parse_answers(content, pairs, ignore=CONTROL_FIELDS)
    except engine.AnswerError as exc:
        return bad_request(request, str(exc))
    try:
        result = results.store(content, answers, ratelimit.client_address(request))
    except results.TooManyResults:
        return too_many_results(request, answers)
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
    if params.pop(FINISH, None) is not None:
        # "See my result now" from a step: the same as POSTing the answers, this step's choice included.
        # Storing is idempotent (the same answers on the same content are one row, one slug).
        return _store_and_redirect(request, list(params.items()))
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

    leader = engine.leader(content, answers)
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
        "leader": leader["ranking"] if leader else [],
        "leader_misses": bool(leader) and any(f.get("missed") for f in leader["ranking"]),
        "lead": results.lead(leader["headline"], leader["ranking"]) if leader else None,
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
            page_description="Answer a few questions about your project and get Python web frameworks ranked for it.",
        )
    template = "advisor/guide.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#leader" if request.htmx.target == "leader" else "#step"
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
    """Tied to the result and to today's content version: a content change makes every permalink page
    stale, so a browser that revalidates gets the page again, with "the guide has changed since"."""
    row = Result.objects.filter(slug=slug).values_list("content_version", flat=True).first()
    if row is None:
        return None
    return hashlib.sha256(f"{slug}:{row}:{versioning.current_digest()}".encode()).hexdigest()[:24]


def _frozen_etag(request: HttpRequest, slug: str) -> str | None:
    row = Result.objects.filter(slug=slug).values_list("content_version", flat=True).first()
    return None if row is None else f"{slug}-{row}"


def _shared_unless_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    # A response that sets a cookie (base.html's CSRF token sets one for a new visitor) must not be stored by
    # shared caches; browsers may still keep it.
    sets_cookie = bool(response.cookies) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    patch_cache_control(response, **({"private": True} if sets_cookie else {"public": True}))
    return response


@require_safe
# Browsers and shared caches revalidate with the ETag on every use (stale at once); "no-cache" would say the
# same but also keeps Django's own page cache from storing the page, which then renders on every request.
@cache_control(max_age=0, must_revalidate=True)
@condition(etag_func=_result_etag)
def result(request: HttpRequest, slug: str) -> HttpResponse:
    result = get_object_or_404(Result, slug=slug)
    outcome = results.outcome_of(result)
    current = versioning.current_digest()
    changed = result.content_version != current
    recomputed = results.recompute(result, snapshot.current()) if changed else None
    ranking = outcome.get("ranking", [])
    winner = ranking[0] if ranking else None
    others = ", ".join(f"{s['name']} ({s['score']:g})" for s in ranking[1:])
    answers = results.answers_in_order(result)
    legacy = outcome.get("engine", 1) < 2
    context = {
        "result": result,
        "outcome": outcome,
        "explained": None if legacy else results.explained(outcome),
        "winner": winner,
        "ranking": ranking,
        "score_table": score_table(outcome),
        "changed": changed,
        "current_version": current,
        "recomputed": recomputed,
        "permalink": request.build_absolute_uri(result.get_absolute_url()),
        "answers": [{**a, "change_url": guide_url(answers, a["question"])} for a in outcome.get("answers", [])],
        "skipped": [{**s, "answer_url": guide_url(answers, s["question"])} for s in outcome.get("skipped", [])],
        # "See that result" goes straight to the result of the changed answers, not to a review step.
        "flips": [
            {**f, "url": result_details.finish_url({**answers, f["question"]: f["choice"]})}
            for f in outcome.get("flips", [])
        ],
        "details": None if legacy else result_details.breakdown(outcome),
        "pitfalls": result_details.pitfalls(outcome),
        "moved": result_details.what_moved(recomputed),
        "leaders_url": pair_url_of(ranking),
        "page_title": (
            f"{_stack_name(outcome) or winner['name']} is the recommendation" if winner else "A recommendation"
        ),
        "page_description": (
            f"{winner['name']} ranks first ({winner['score']:g}/100)"
            + (f", ahead of {others}" if others else "")
            + f", for {len(answers)} answered question{'s' if len(answers) != 1 else ''}."
            + " See why, and what would change it."
            if winner
            else "No framework was published when this result was made."
        ),
    }
    template = "advisor/result_v1.html" if legacy else "advisor/result.html"
    return _shared_unless_cookie(request, render(request, template, context))


def pair_url_of(ranking: list[dict]) -> str:
    """The head-to-head page of the result's leaders (the winner and the next two), if they are published."""
    slugs = [s["framework"] for s in ranking[: result_details.LEADERS]]
    frameworks = {f.slug: f for f in Framework.objects.published().filter(slug__in=slugs)}
    if len(slugs) < 2 or len(frameworks) < len(slugs):
        return ""
    return pair_url(sorted(frameworks.values(), key=lambda f: (f.position, f.name)))


def _stack_name(outcome: dict) -> str:
    """An add-on leading its host, named as one stack as the page's first sentence names it (or "")."""
    stack = (outcome.get("headline") or {}).get("stack")
    if stack and stack.get("leads") == stack.get("addon"):
        return f"{stack['host_name']} with {stack['addon_name']} for the API"
    return ""


@require_safe
def how_it_works(request: HttpRequest) -> HttpResponse:
    content = snapshot.current()
    default = min((c.weight for c in content.criteria), default=1.0)
    before_any_answer = engine.leader(content, {})
    return render(
        request,
        "advisor/how_it_works.html",
        {
            "fit_share": int(engine.FIT_SHARE * 100),
            "keep_share": int(engine.KEEP_SHARE * 100),
            "close_margin": engine.CLOSE_MARGIN,
            "close_race": engine.CLOSE_RACE,
            "heavier": [c for c in content.criteria if c.weight > default],
            "default_weight": default,
            "before_any_answer": (before_any_answer or {}).get("ranking", [])[:3],
            "page_title": "How the recommendation works",
            "page_description": "The scoring model behind every result, in plain words.",
        },
    )


@require_safe
@condition(etag_func=_frozen_etag)
def result_json(request: HttpRequest, slug: str) -> HttpResponse:
    result = get_object_or_404(Result, slug=slug)
    data = results.api_dict(result, request.build_absolute_uri)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, max_age=FROZEN_MAX_AGE, immutable=True)
    return _shared_unless_cookie(request, response)


@require_safe
@condition(etag_func=_frozen_etag)
def result_markdown(request: HttpRequest, slug: str) -> HttpResponse:
    result = get_object_or_404(Result, slug=slug)
    text = decision_record(result, request.build_absolute_uri(result.get_absolute_url()))
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decision-record-{result.slug}.md"'
    patch_cache_control(response, max_age=FROZEN_MAX_AGE, immutable=True)
    return _shared_unless_cookie(request, response)
