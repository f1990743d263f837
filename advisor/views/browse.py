"""Browsing pages: frameworks, criteria, use cases, sources, pitfalls and the FAQ.

Every view runs a small, constant number of queries (tests pin them, also with inflated content):
related rows come through select_related / filtered Prefetch objects, never per row in the template.
Drafts are a 404 for the public and a preview with a banner for staff.
"""

from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from advisor.lab.views import lab_fragment, lab_query, lab_section
from corrections.models import Correction, Kind

from .. import snapshot
from ..cases import cases
from ..families import grouped
from ..models import (
    FAQ,
    BenchmarkFigure,
    Choice,
    Criterion,
    Evidence,
    Family,
    Fit,
    Framework,
    Hybrid,
    HybridPart,
    Incident,
    MigrationPath,
    Pitfall,
    Rating,
    Relation,
    Source,
    UseCase,
)
from ..pagecache import canonical
from .common import (
    FIT_ICONS,
    FIT_LABELS,
    HtmxHttpRequest,
    get_visible_or_404,
    preview,
    score_display,
    visible,
    wants_fragment,
)
from .compare import pair_url
from .matrix import DEFAULT_COLUMNS, visible_frameworks

CHART_WIDTH = 240  # px of the longest bar in the category chart


def _evidence_prefetch() -> Prefetch:
    return Prefetch("evidence", queryset=Evidence.objects.select_related("source"))


@require_safe
def framework_list(request: HtmxHttpRequest):
    frameworks = visible(Framework.objects.all(), request)
    return render(
        request,
        "advisor/framework_list.html",
        {
            "groups": grouped(frameworks, visible(Family.objects.all(), request)),
            "preview": preview(request),
            "page_title": "Frameworks",
            "page_description": "Profiles of the Python web frameworks the guide compares: history, strengths, "
            "limitations, when to use each, and every rating with its evidence.",
        },
    )


def category_chart(groups: list[dict]) -> dict:
    """A horizontal bar chart of the mean known score per category: the names and values are HTML text beside
    each bar (readable at any width, in either scheme); only the bars are SVG, sized by attribute (CSP)."""
    bars = []
    for group in groups:
        known = [item["score"].score for item in group["items"] if not item["score"].unknown]
        mean = sum(known) / len(known) if known else None
        bars.append(
            {
                "name": group["category"].name,
                "mean": mean,
                "text": f"{mean:.1f} of 5" if mean is not None else "unknown",
                "known": len(known),
                "total": len(group["items"]),
                "width": round(CHART_WIDTH * mean / 5) if mean else 0,
            }
        )
    return {"bars": bars, "bar_width": CHART_WIDTH}


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def framework_detail(request: HtmxHttpRequest, slug: str):
    framework = get_visible_or_404(Framework.objects.all(), request, slug=slug)
    is_preview = preview(request)
    shown = visible_frameworks(request)
    lab = lab_section(request, framework=framework, frameworks=shown)
    fragment = lab_fragment(request, lab)  # a filter link of the lab's charts, followed with htmx
    if fragment is not None:
        return fragment

    criteria = list(visible(Criterion.objects.select_related("category"), request))
    ratings = {
        r.criterion_id: r
        for r in Rating.objects.filter(framework=framework, criterion__in=[c.id for c in criteria]).prefetch_related(
            _evidence_prefetch()
        )
    }
    relations = [
        r
        for r in visible(
            Relation.objects.filter(Q(framework=framework) | Q(other=framework))
            .select_related("framework", "other")
            .prefetch_related("inherits"),
            request,
        )
        if (r.other if r.framework_id == framework.id else r.framework).is_published or is_preview
    ]
    # criteria whose rating is another framework's own feature (Django Ninja's admin is Django's)
    inherited = {c.id: r.other for r in relations if r.framework_id == framework.id for c in r.inherits.all()}
    # the claims on this page that readers' corrections wait on (one query)
    review = Correction.objects.targets((Kind.RATING, Kind.FIT), framework_slug=framework.slug)
    groups: list[dict] = []
    for criterion in criteria:
        rating = ratings.get(criterion.id)
        if not groups or groups[-1]["category"].id != criterion.category_id:
            groups.append({"category": criterion.category, "items": []})
        groups[-1]["items"].append(
            {
                "criterion": criterion,
                "rating": rating,
                "score": score_display(rating.score if rating else None),
                "inherited_from": inherited.get(criterion.id),
                "under_review": (Kind.RATING, framework.slug, criterion.slug) in review,
            }
        )
    fits = [
        {
            "fit": fit,
            "icon": FIT_ICONS[fit.level],
            "label": FIT_LABELS[fit.level],
            "under_review": (Kind.FIT, framework.slug, fit.use_case.slug) in review,
        }
        for fit in Fit.objects.filter(
            framework=framework, use_case__in=visible(UseCase.objects.all(), request)
        ).select_related("use_case")
    ]
    others = [f for f in shown if f.id != framework.id]
    visible_ids = {f.id for f in others}
    migrations = [
        m
        for m in visible(
            MigrationPath.objects.filter(Q(from_framework=framework) | Q(to_framework=framework)).select_related(
                "from_framework", "to_framework"
            ),
            request,
        )
        if {m.from_framework_id, m.to_framework_id} - {framework.id} <= visible_ids
    ]
    figures = [
        figure
        for figure in visible(
            BenchmarkFigure.objects.filter(Q(framework=framework) | Q(compared_to=framework)).select_related(
                "source", "framework", "compared_to"
            ),
            request,
        )
        if figure.compared_to_id is None
        or figure.compared_to_id == framework.id
        or figure.compared_to_id in visible_ids
    ]
    hybrids = visible(Hybrid.objects.filter(parts__framework=framework).distinct(), request).prefetch_related(
        Prefetch("parts", queryset=HybridPart.objects.select_related("framework"))
    )
    query = lab_query(lab)
    context = {
        "framework": framework,
        "is_draft": not framework.is_published,
        "preview": is_preview,
        "groups": groups,
        "chart": category_chart(groups),
        "fits": fits,
        "relations": relations,
        "pitfalls": visible(framework.pitfalls.all(), request),
        "incidents": visible(framework.incidents.all(), request),
        "migrations": migrations,
        "figures": figures,
        "hybrids": hybrids,
        "lab": lab,
        "canonical_query": f"?{query}" if query else "",
        # where the recommendation puts it first (published content only: a draft is in no result)
        "cases": cases(snapshot.current(), framework.slug) if framework.is_published else None,
        "sources": visible(framework.sources.all(), request),
        "comparisons": [{"other": other, "url": pair_url(sorted([framework, other], key=_order))} for other in others],
        "page_title": f"{framework.name}: {framework.tagline}",
        "page_description": f"{framework.name} profile: {framework.tagline} Strengths, limitations, when to use it, "
        "and every rating with its evidence.",
    }
    return canonical(render(request, "advisor/framework_detail.html", context), query)


def _order(framework: Framework):
    return (framework.position, framework.name)


@require_safe
def criterion_list(request: HtmxHttpRequest):
    """Every criterion, grouped by category, with the question it answers: the index of the criterion pages."""
    groups: list[dict] = []
    for criterion in visible(Criterion.objects.select_related("category"), request):
        if not groups or groups[-1]["category"].id != criterion.category_id:
            groups.append({"category": criterion.category, "criteria": []})
        groups[-1]["criteria"].append(criterion)
    return render(
        request,
        "advisor/criterion_list.html",
        {
            "groups": groups,
            "preview": preview(request),
            "page_title": "Criteria",
            "page_description": "What the guide compares frameworks on, grouped by category: each criterion's "
            "question, its scale, and every framework's rating with the evidence.",
        },
    )


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def criterion_detail(request: HtmxHttpRequest, slug: str):
    criterion = get_visible_or_404(Criterion.objects.select_related("category"), request, slug=slug)
    frameworks = shown = visible_frameworks(request)
    focus = request.GET.get("framework", "")
    if wants_fragment(request) and focus:
        frameworks = [f for f in frameworks if f.slug == focus]
        if not frameworks:
            raise Http404("No such framework.")
    ratings = {
        r.framework_id: r
        for r in Rating.objects.filter(criterion=criterion, framework__in=[f.id for f in frameworks]).prefetch_related(
            _evidence_prefetch()
        )
    }
    review = Correction.objects.targets((Kind.RATING,), entry_slug=criterion.slug)  # one query
    cells = []
    for framework in frameworks:
        rating = ratings.get(framework.id)
        evidence = list(rating.evidence.all()) if rating else []
        cells.append(
            {
                "framework": framework,
                "rating": rating,
                "score": score_display(rating.score if rating else None),
                "evidence": evidence,
                "sides": _sides(evidence) if rating and rating.disputed else [],
                "under_review": (Kind.RATING, framework.slug, criterion.slug) in review,
            }
        )
    context = {
        "criterion": criterion,
        "is_draft": not criterion.is_published,
        "cells": cells,
        "preview": preview(request),
        "page_title": f"{criterion.name}: {criterion.question}",
        "page_description": f"{criterion.question} How each framework scores on {criterion.name.lower()}, "
        "with every piece of evidence and where sources disagree.",
    }
    if wants_fragment(request) and focus:
        context["cell"] = cells[0] if cells else None
        context["in_matrix"] = True
        # One cell's evidence, fetched by the matrices' "Why" links: its address names the framework.
        return canonical(
            render(request, "advisor/criterion_detail.html#cell", context), urlencode({"framework": focus})
        )
    context["lab"] = lab = lab_section(request, criterion_slug=criterion.slug, frameworks=shown)
    fragment = lab_fragment(request, lab)  # a filter link of the lab's charts, followed with htmx
    if fragment is not None:
        return fragment
    query = lab_query(lab)
    context["canonical_query"] = f"?{query}" if query else ""
    return canonical(render(request, "advisor/criterion_detail.html", context), query)


def _sides(evidence: list[Evidence]) -> list[dict]:
    """A disputed cell's evidence grouped by the score each claim supports, side by side."""
    sides: dict = {}
    for item in evidence:
        sides.setdefault(item.supports_score, []).append(item)
    return [
        {"score": score_display(score), "items": items}
        for score, items in sorted(sides.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))
    ]


@require_safe
def use_case_detail(request: HtmxHttpRequest, slug: str):
    use_case = get_visible_or_404(UseCase.objects.all(), request, slug=slug)
    is_preview = preview(request)
    frameworks = visible_frameworks(request)
    sources_qs = Source.objects.all() if is_preview else Source.objects.published()
    fits = {
        fit.framework_id: fit
        for fit in Fit.objects.filter(use_case=use_case, framework__in=[f.id for f in frameworks]).prefetch_related(
            Prefetch("sources", queryset=sources_qs)
        )
    }
    review = Correction.objects.targets((Kind.FIT,), entry_slug=use_case.slug)  # one query
    rows = []
    for framework in frameworks:
        fit = fits.get(framework.id)
        level = fit.level if fit else None
        rows.append(
            {
                "framework": framework,
                "fit": fit,
                "icon": FIT_ICONS.get(level, "?"),
                "label": FIT_LABELS.get(level, "Unknown"),
                "css": f"fit-{level or 'unknown'}",
                "under_review": (Kind.FIT, framework.slug, use_case.slug) in review,
            }
        )
    preset = Choice.objects.filter(preset_for=use_case).select_related("question")
    params = [(c.question.slug, c.slug) for c in preset if is_preview or c.question.is_published]
    context = {
        "use_case": use_case,
        "is_draft": not use_case.is_published,
        "rows": rows,
        "preview": is_preview,
        "sources": sources_qs.filter(use_cases=use_case),
        "guide_query": urlencode(params),
        # With more frameworks than a matrix starts with, its leaders side by side (matrix.py).
        "compare_url": (
            f"{reverse('advisor:compare')}?{urlencode({'use_case': use_case.slug})}"
            if len(frameworks) > DEFAULT_COLUMNS
            else ""
        ),
        "page_title": f"{use_case.name}: which framework fits",
        "page_description": f"{use_case.summary} How well each Python web framework fits this project type, and why.",
    }
    return render(request, "advisor/use_case_detail.html", context)


@require_safe
def source_list(request: HtmxHttpRequest):
    sources = visible(Source.objects.all(), request)
    return render(
        request,
        "advisor/source_list.html",
        {
            "sources": sources,
            "preview": preview(request),
            "page_title": "Sources",
            "page_description": "The bibliography behind every rating, fit and figure in the guide, and what "
            "each source supports.",
        },
    )


@require_safe
def source_detail(request: HtmxHttpRequest, slug: str):
    source = get_visible_or_404(Source.objects.all(), request, slug=slug)
    is_preview = preview(request)

    evidence = Evidence.objects.filter(rating__in=_visible_ratings(is_preview), source=source).select_related(
        "rating__framework", "rating__criterion"
    )
    evidence = evidence.prefetch_related(
        Prefetch(
            "rating__evidence",
            queryset=Evidence.objects.exclude(source=source).select_related("source"),
            to_attr="other_evidence",
        )
    )
    claims = []
    for item in evidence:
        others = item.rating.other_evidence
        disagree = [o for o in others if o.supports_score != item.supports_score and o.supports_score is not None]
        claims.append({"evidence": item, "score": score_display(item.supports_score), "disagree": disagree})
    context = {
        "source": source,
        "is_draft": not source.is_published,
        "preview": is_preview,
        "claims": claims,
        "figures": visible(source.figures.select_related("framework", "compared_to"), request),
        "verdicts": visible(source.verdicts.all(), request).prefetch_related(
            Prefetch("frameworks", queryset=visible(Framework.objects.all(), request))
        ),
        "fits": Fit.objects.filter(sources=source, use_case__in=visible(UseCase.objects.all(), request))
        .filter(framework__in=visible(Framework.objects.all(), request))
        .select_related("use_case", "framework"),
        "frameworks": visible(source.frameworks.all(), request),
        "pitfalls": visible(source.pitfalls.all(), request),
        "faqs": visible(source.faqs.all(), request),
        "page_title": f"Source: {source.title}",
        "page_description": f"{source.title} ({source.author}): what this source supports in the guide, and "
        "where it disagrees with others.",
    }
    return render(request, "advisor/source_detail.html", context)


def _visible_ratings(is_preview: bool):
    ratings = Rating.objects.all()
    if not is_preview:
        ratings = ratings.filter(framework__status="published", criterion__status="published")
    return ratings


@require_safe
def pitfalls(request: HtmxHttpRequest):
    is_preview = preview(request)
    frameworks = visible(Framework.objects.only("id", "slug", "name", "status"), request)
    sources = visible(Source.objects.only("id", "slug", "title", "status"), request)
    related = (Prefetch("frameworks", queryset=frameworks), Prefetch("sources", queryset=sources))
    context = {
        "pitfalls": visible(Pitfall.objects.prefetch_related(*related), request),
        "incidents": visible(Incident.objects.prefetch_related(*related), request),
        "under_review": {slug for _, _, slug in Correction.objects.targets((Kind.PITFALL,))},  # one query
        "preview": is_preview,
        "page_title": "Pitfalls and production stories",
        "page_description": "Common mistakes with Python web frameworks: the symptom you notice, why it "
        "happens and the fix, with incidents from production.",
    }
    return render(request, "advisor/pitfalls.html", context)


@require_safe
def faq(request: HtmxHttpRequest):
    sources = visible(Source.objects.only("id", "slug", "title", "status"), request)
    parts = HybridPart.objects.select_related("framework")
    if not preview(request):
        parts = parts.filter(framework__status="published")
    context = {
        "faqs": visible(FAQ.objects.prefetch_related(Prefetch("sources", queryset=sources)), request),
        "hybrids": visible(
            Hybrid.objects.prefetch_related(Prefetch("parts", queryset=parts), Prefetch("sources", queryset=sources)),
            request,
        ),
        "under_review": {slug for _, _, slug in Correction.objects.targets((Kind.FAQ,))},  # one query
        "preview": preview(request),
        "page_title": "Frequently asked questions",
        "page_description": "Short answers to the questions people ask when choosing a Python web framework, and "
        "architectures that combine two of them.",
    }
    return render(request, "advisor/faq.html", context)
