"""The lab's pages: /lab/ (the latest run) and /lab/<run>/, and the "Measured in our lab" sections that the
throughput and footprint criterion pages and each framework page include. A constant number of queries: the
run with its apps, servers and measurements (four), and the figures that speak to it (one)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from advisor.models import Framework, LabRun
from advisor.views.common import HtmxHttpRequest
from advisor.views.matrix import visible_frameworks

from .content import runs
from .presentation import CRITERIA, RunResults, lab_figures, latest


def lab_section(
    request,
    *,
    framework: Framework | None = None,
    criterion_slug: str | None = None,
    run: LabRun | None = None,
    frameworks: list[Framework] | None = None,
) -> dict | None:
    """What a page's "Measured in our lab" section shows (the latest run unless ``run``), or None.
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
    comparisons = results.comparisons(lab_figures())
    if framework is not None:
        comparisons = [c for c in comparisons if framework.id in (c.subject.id, c.other.id)]
    kind = CRITERIA.get(criterion_slug or "", "all")
    if kind == "throughput":
        comparisons = [c for c in comparisons if c.figure.lab_measure == "throughput"]
    elif kind == "footprint":
        comparisons = [c for c in comparisons if c.figure.lab_measure == "install-size"]
    return {
        "results": results,
        "run": results.run,
        "only": only,
        "kind": kind,
        "comparisons": comparisons,
        "comparison_chart": results.comparison_chart(comparisons) if comparisons else None,
        "throughput_chart": results.throughput_chart(only) if kind != "footprint" else None,
        "throughput_rows": results.throughput_rows(only) if kind != "footprint" else None,
        "footprint_chart": results.footprint_chart(only) if kind != "throughput" else None,
        "footprint_rows": results.footprint_rows() if kind != "throughput" else None,
    }


@require_safe
def lab(request: HtmxHttpRequest, slug: str | None = None):
    run = runs().filter(slug=slug).first() if slug else runs().first()
    if slug and run is None:
        raise Http404("No lab run has this name.")
    section = lab_section(request, run=run) if run is not None else None
    context = {
        "lab": section,
        "run": run,
        "page_title": "The lab: our own measurements" + (f", run {run.slug}" if slug else ""),
        "page_description": "Requests per second, latency, memory, cold start and install size of each framework's "
        "small app, measured by a command anyone can rerun, beside what the articles claim.",
    }
    return render(request, "advisor/lab/lab.html", context)
