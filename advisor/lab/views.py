"""The lab's pages: /lab/ (the latest run) and /lab/<run>/, and the "Measured in our lab" sections that the
throughput and footprint criterion pages and each framework page include, with the charts' filters in the
query string (``filters.py``) and their htmx fragment. A constant number of queries: the run with its apps,
servers and measurements (four), the figures that speak to it (one) and the independent suites' (one)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from advisor.models import Framework, LabRun
from advisor.pagecache import canonical
from advisor.views.common import HtmxHttpRequest, wants_fragment
from advisor.views.matrix import visible_frameworks

from . import independent
from .content import runs
from .filters import COMMON, COMMON_SERVER, DOCUMENTED, ENDPOINTS, MEASURES, Filters
from .method import spread_summary
from .presentation import CRITERIA, RunResults, lab_figures, latest


def lab_section(
    request,
    *,
    framework: Framework | None = None,
    criterion_slug: str | None = None,
    run: LabRun | None = None,
    frameworks: list[Framework] | None = None,
) -> dict | None:
    """What a page's "Measured in our lab" section shows (the latest run unless ``run``), or None: every
    framework's bars under the filters of the query string, the page's own framework (if any) highlighted.
    ``frameworks``: the frameworks the visitor may see, when the page has them already."""
    if criterion_slug is not None and criterion_slug not in CRITERIA:
        return None
    frameworks = visible_frameworks(request) if frameworks is None else frameworks
    results = RunResults(run, frameworks) if run else latest(frameworks)
    if results is None:
        return None
    only = None
    if framework is not None:
        only = results.app_for(framework)
        if only is None:
            return None
    filters = Filters.parse(request.GET, results.server_names)
    comparisons = results.comparisons(lab_figures())
    if framework is not None:
        comparisons = [c for c in comparisons if framework.id in (c.subject.id, c.other.id)]
    kind = CRITERIA.get(criterion_slug or "", "all")
    if kind == "throughput":
        comparisons = [c for c in comparisons if c.figure.lab_measure == "throughput"]
    elif kind == "footprint":
        comparisons = [c for c in comparisons if c.figure.lab_measure == "install-size"]
    section = {
        "results": results,
        "run": results.run,
        "only": only,
        "kind": kind,
        "filters": filters,
        "comparisons": comparisons,
        "comparison_chart": results.comparison_chart(comparisons) if comparisons else None,
    }
    # granian is also "common": one link for it (?server=granian still answers, with the same bars)
    choices = [DOCUMENTED, COMMON, *(s for s in results.server_names if s != COMMON_SERVER)]
    servers = [{"value": s, **filters.link(server=s)} for s in choices]
    if kind != "footprint":
        reference = results.reference(filters.endpoint)
        rows = results.throughput(filters, only)
        section["throughput"] = {
            "rows": rows,
            "reference": reference,
            "chart": results.throughput_chart(rows, reference),
            "endpoints": [{"value": e, **filters.link(endpoint=e)} for e in ENDPOINTS],
            "servers": servers,
        }
    if kind != "throughput":
        section["footprint"] = results.footprint(filters, only) | {
            "measures": [{"value": m, **filters.link(measure=m)} for m in MEASURES],
            "servers": servers,
        }
    return section


def lab_fragment(request: HtmxHttpRequest, section: dict | None):
    """The section's charts alone, for an htmx swap from one of its filter links (None: not such a request).
    Its address, with the filters' canonical query string, is what the browser's history keeps."""
    if section is None or not wants_fragment(request):
        return None
    response = render(request, "advisor/lab/_section.html#charts", {"lab": section, "lab_id": "lab"})
    return canonical(response, section["filters"].query_string())


def lab_query(section: dict | None) -> str:
    """The canonical query string of a page with a lab section (empty without one)."""
    return section["filters"].query_string() if section else ""


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def lab(request: HtmxHttpRequest, slug: str | None = None):
    run = runs().filter(slug=slug).first() if slug else runs().first()
    if slug and run is None:
        raise Http404("No lab run has this name.")
    section = lab_section(request, run=run) if run is not None else None
    fragment = lab_fragment(request, section)
    if fragment is not None:
        return fragment
    query = lab_query(section)
    context = {
        "lab": section,
        "run": run,
        "independent": independent.suites(section["results"], independent.independent_figures()) if section else [],
        "agree_within": independent.AGREE_WITHIN,
        "spread": spread_summary(section["results"]) if section else None,
        "canonical_query": f"?{query}" if query else "",
        "page_title": "The lab: our own measurements" + (f", run {run.slug}" if slug else ""),
        "page_description": "Requests per second, latency, memory, cold start and install size of each framework's "
        "small app, measured by a command anyone can rerun, beside what the articles claim.",
    }
    return canonical(render(request, "advisor/lab/lab.html", context), query)
