"""The comparison matrices: /compare/, readable pair pages, and the use-case matrix."""

import csv
from itertools import combinations

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from ..lab import code as lab_code
from ..models import Verdict
from ..pagecache import canonical
from .common import HtmxHttpRequest, visible, wants_fragment
from .matrix import ahead_rows, build_compare, build_use_case_matrix, spread_rows, visible_frameworks

PAIR_SEPARATOR = "-vs-"
GROUP_MAX = 5  # frameworks a head-to-head address may name; beyond that, the matrix's ?fw= selection


def pair_slug(frameworks) -> str:
    return PAIR_SEPARATOR.join(f.slug for f in frameworks)


def pair_url(frameworks) -> str:
    return reverse("advisor:compare_pair", args=[pair_slug(frameworks)])


def _matrix_fragment(request: HtmxHttpRequest, template: str, context: dict):
    """The table alone, for an htmx swap. The form sends its raw state (a checkbox after its hidden "off"
    value, frameworks in click order); the address pushed into the history is the canonical one."""
    response = render(request, template, context)
    query = context["state"].query_string()
    return push_url(response, request.path + (f"?{query}" if query else ""))


def popular_pairs(frameworks, limit: int = 3) -> list[dict]:
    """Head-to-head pages among the first frameworks (by position): every pair, then the three-way."""
    leaders = list(frameworks)[:limit]
    groups = [*combinations(leaders, 2), *([tuple(leaders)] if len(leaders) == 3 else [])]
    return [
        {"frameworks": group, "url": pair_url(group), "title": " vs ".join(f.name for f in group)} for group in groups
    ]


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def compare(request: HtmxHttpRequest):
    frameworks = visible_frameworks(request)
    context = build_compare(request, frameworks, request.GET)
    query = context["state"].query_string()
    context.update(
        page_title="Compare Python web frameworks, criterion by criterion",
        page_description=(
            "Frameworks side by side on every criterion, grouped by category: each cell's score, label, "
            "and the evidence behind it, with unknown and disputed cells marked."
        ),
        canonical_query=f"?{query}" if query else "",
        pairs=popular_pairs(frameworks),
    )
    if wants_fragment(request):
        return canonical(_matrix_fragment(request, "advisor/compare.html#matrix", context), query)
    return canonical(render(request, "advisor/compare.html", context), query)


@require_safe
def compare_csv(request: HtmxHttpRequest):
    """The matrix as it is shown (same frameworks, categories and "only rows that differ"), as CSV: one row per
    criterion; per framework its score (empty when unknown), its label, and whether sources disagree."""
    context = build_compare(request, visible_frameworks(request), request.GET)
    state = context["state"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="framework-comparison.csv"'
    writer = csv.writer(response)
    header = ["Category", "Criterion", "Address"]
    for framework in state.selected:
        header += [f"{framework.name} score (0-5)", f"{framework.name} label", f"{framework.name} disputed"]
    writer.writerow(header)
    for group in context["groups"]:
        for row in group.rows:
            line = [group.category.name, row.subject.name, request.build_absolute_uri(row.subject.get_absolute_url())]
            for cell in row.cells:
                line += ["" if cell.score.unknown else cell.score.score, cell.label, "yes" if cell.disputed else ""]
            writer.writerow(line)
    return canonical(response, state.query_string())


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def compare_pair(request: HtmxHttpRequest, pair: str):
    """``/compare/<a>-vs-<b>/`` and groups up to ``GROUP_MAX`` (``<a>-vs-<b>-vs-<c>/``): any combination of
    published frameworks, canonical in the guide's order (framework position, then name); another order
    answers 301 to the canonical address, an unknown or repeated slug 404."""
    slugs = pair.split(PAIR_SEPARATOR)
    if not 2 <= len(slugs) <= GROUP_MAX or len(set(slugs)) != len(slugs):
        raise Http404(f"A comparison names two to {GROUP_MAX} different frameworks.")
    frameworks = visible_frameworks(request)
    by_slug = {f.slug: f for f in frameworks}
    if any(slug not in by_slug for slug in slugs):
        raise Http404("No such framework.")
    chosen = [f for f in frameworks if f.slug in slugs]  # the canonical (position) order
    if [f.slug for f in chosen] != slugs:
        url = pair_url(chosen)
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(url)
    query = request.GET.copy()
    query.setlist("fw", [f.slug for f in chosen])
    context = build_compare(request, frameworks, query, picker=False)
    context["state"].explicit_frameworks = False  # the path names the frameworks; keep them out of the form
    all_rows = [row for group in context["groups"] for row in group.rows]
    chosen_ids = {f.id for f in chosen}
    verdicts = [
        verdict
        for verdict in visible(Verdict.objects.select_related("source").prefetch_related("frameworks"), request)
        .filter(frameworks__in=chosen_ids)
        .distinct()
        if len({f.id for f in verdict.frameworks.all()} & chosen_ids) >= 2
    ]
    names = " vs ".join(f.name for f in chosen)
    context.update(
        chosen=chosen,
        names=names,
        top_rows=spread_rows(all_rows),
        ahead=ahead_rows(all_rows, chosen),
        verdicts=verdicts,
        lab_code=lab_code.side_by_side(chosen),
        lab_code_url=lab_code.pair_url([f.slug for f in chosen]),
        matrix_url=reverse("advisor:compare") + "?" + "&".join(f"fw={f.slug}" for f in chosen),
        form_action=request.path,
        page_title=f"{names}: head to head",
        page_description=(
            f"{names} compared criterion by criterion: where they differ most, what the sources conclude, "
            "and the evidence behind every score."
        ),
        canonical_query="",
    )
    if wants_fragment(request):
        return _matrix_fragment(request, "advisor/compare.html#matrix", context)
    return render(request, "advisor/compare_pair.html", context)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def use_cases(request: HtmxHttpRequest):
    frameworks = visible_frameworks(request)
    context = build_use_case_matrix(request, frameworks, request.GET)
    query = context["state"].query_string()
    context.update(
        page_title="Use cases: which framework fits which project",
        page_description=(
            "Project types from API backends to content sites, and how well each Python web framework fits: "
            "best, good, possible or avoid, with the reason."
        ),
        canonical_query=f"?{query}" if query else "",
    )
    if wants_fragment(request):
        return canonical(_matrix_fragment(request, "advisor/use_cases.html#matrix", context), query)
    return canonical(render(request, "advisor/use_cases.html", context), query)
