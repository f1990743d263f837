"""The lab's code pages (issue #24): ``/lab/code/`` (every app with its line counts, and a form to pick two),
``/lab/code/<app>/`` (one app's whole source) and ``/lab/code/<a>-vs-<b>/`` (two apps side by side, endpoint by
endpoint). Slugs are lab.toml's; a pair is canonical in lab.toml's order (the baselines first), as a head-to-head
page is in the frameworks' order, and another order or spelling answers 301 to it.

The apps' files are read and parsed once per process (:mod:`advisor.lab.code`); the index asks the database
nothing, an app or pair page one query: the frameworks the visitor may see, to link their pages."""

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from advisor.views.common import HtmxHttpRequest
from advisor.views.compare import PAIR_SEPARATOR
from advisor.views.compare import pair_url as compare_pair_url
from advisor.views.matrix import visible_frameworks
from lab import config

from . import code

#: Pairs the index suggests before any choice: the frameworks readers weigh against each other most often, and
#: a framework beside the bare app of its interface.
SUGGESTED = (
    ("flask", "fastapi"),
    ("django", "django-ninja"),
    ("fastapi", "litestar"),
    ("flask", "quart"),
    ("raw-asgi", "starlette"),
    ("raw-wsgi", "bottle"),
)
COUNT_NOTE = (
    "Line counts are of the lines that are not blank; comments and docstrings count. An endpoint’s count "
    "covers its handler and what its code uses from the same app (a model, a form, a check function, a "
    "schema, a base class), so a helper two endpoints share counts in both; the app’s set-up, imports "
    "and routing count only in its total."
)


def unwrap(note: str) -> str:
    """A docstring's lines joined back into its sentences: a line break stays only before a blank line or a
    list item (``- ...``), so the page wraps the note to its own width."""
    return re.sub(r"(?<!\n)\n(?![ \t]*(?:- |\n))", " ", note)


def _endpoints() -> list[dict]:
    return [{"endpoint": e, "title": code.ENDPOINT_TITLES.get(e, e)} for e in config.ENDPOINTS]


@require_safe
def code_index(request: HtmxHttpRequest):
    """The index; with ``?a=…&b=…`` (its form, which needs no script) a redirect to that pair's page."""
    apps = code.all_apps()
    slugs = code.app_slugs()
    picked = [request.GET.get("a", ""), request.GET.get("b", "")]
    form_error = ""
    if any(picked):
        if all(slug in slugs for slug in picked):
            if picked[0] == picked[1]:
                return redirect("advisor:lab_code_app", picked[0])
            return redirect(code.app_pair_url(picked))
        form_error = "Pick two of the apps in the lists."
    labels = {app.slug: app.label for app in apps}
    context = {
        "apps": apps,
        "endpoints": _endpoints(),
        "picked": [s if s in slugs else d for s, d in zip(picked, SUGGESTED[0], strict=True)],
        "form_error": form_error,
        "suggested": [
            {"url": code.app_pair_url(pair), "title": " vs ".join(labels[s] for s in code.canonical_pair(pair))}
            for pair in SUGGESTED
            if all(s in labels for s in pair)
        ],
        "count_note": COUNT_NOTE,
        "page_title": "The lab’s code: the same small app in every framework",
        "page_description": "The source of each framework’s lab app with its line count, endpoint by endpoint, "
        "and any two of them side by side.",
    }
    return render(request, "advisor/lab/code_index.html", context)


def _framework_pages(request, apps) -> list:
    """The apps' frameworks that the visitor may see, in the frameworks' order (one query)."""
    wanted = {app.framework for app in apps if app.framework}
    return [f for f in visible_frameworks(request) if f.slug in wanted]


@require_safe
def code_app(request: HtmxHttpRequest, slug: str):
    """One app's whole source, file by file, with line numbers."""
    if slug.lower() != slug and slug.lower() in code.app_slugs():
        return HttpResponsePermanentRedirect(reverse("advisor:lab_code_app", args=[slug.lower()]))
    app = code.app_code(slug) if slug in code.app_slugs() else None
    if app is None:
        raise Http404("The lab has no app of this name.")
    others = [other for other in code.all_apps() if other.slug != slug]
    context = {
        "app": app,
        "framework": next(iter(_framework_pages(request, [app])), None),
        "others": others,
        "notes": [{"path": f.path, "text": unwrap(f.docstring)} for f in app.files if f.docstring],
        "count_note": COUNT_NOTE,
        "page_title": f"{app.label}: the lab app’s source",
        "page_description": f"The whole source of the lab’s {app.label} app, {app.lines} lines, with the code "
        "that answers each of its four endpoints and the documentation it follows.",
    }
    return render(request, "advisor/lab/code_app.html", context)


@require_safe
def code_pair(request: HtmxHttpRequest, pair: str):
    """Two apps side by side, endpoint by endpoint. Another order or spelling of the same two: 301 to the
    canonical address; the same app twice: 301 to its page; an unknown app or more than two: 404."""
    slugs = pair.lower().split(PAIR_SEPARATOR)
    known = code.app_slugs()
    if len(slugs) != 2 or any(slug not in known for slug in slugs):
        raise Http404("A code comparison names two of the lab's apps.")
    if slugs[0] == slugs[1]:
        return HttpResponsePermanentRedirect(reverse("advisor:lab_code_app", args=[slugs[0]]))
    canonical = code.canonical_pair(slugs)
    if canonical != pair.split(PAIR_SEPARATOR):
        return HttpResponsePermanentRedirect(code.app_pair_url(canonical))
    apps = [code.app_code(slug) for slug in canonical]
    frameworks = _framework_pages(request, apps)  # in their own order, the head-to-head page's canonical one
    by_slug = {f.slug: f for f in frameworks}
    names = " vs ".join(app.label for app in apps)
    context = {
        "apps": apps,
        "names": names,
        "rows": [{**e, "cells": [(app, app.pieces[e["endpoint"]]) for app in apps]} for e in _endpoints()],
        "frameworks": [by_slug.get(app.framework) for app in apps],
        "compare_url": compare_pair_url(frameworks) if len(frameworks) == 2 else "",
        "count_note": COUNT_NOTE,
        "page_title": f"{names}: the same app, endpoint by endpoint",
        "page_description": f"The lab’s {names} apps side by side: the code answering each of the same four "
        "endpoints, with line counts.",
    }
    return render(request, "advisor/lab/code_pair.html", context)
