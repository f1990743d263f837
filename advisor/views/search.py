"""The search page: one box over the published guide, results grouped by kind (see ``advisor.search``).

Works as a plain GET form; on this page htmx swaps in the results as the visitor types (the ``results``
partial of the same template) and pushes the address, so every state is a shareable URL. A group shows its
first hits and links to all of them (``?q=…&kind=frameworks``); a query that names two or more frameworks
("fastapi vs django") also links to their head-to-head page. The page is ``noindex``: it is a query page,
not content, and it stays out of the sitemap.
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from .. import search as site_search
from ..models import Framework
from .common import HtmxHttpRequest, wants_fragment
from .compare import GROUP_MAX, pair_url


def named_frameworks(query: site_search.Query) -> list[Framework]:
    """The published frameworks the query names, by name or slug, in the guide's order ("django ninja vs
    django" names both: the longer name is matched first and its words are not matched again)."""
    text = f" {' '.join(query.words).lower()} "
    if len(query.words) < 2:
        return []
    found = []
    frameworks = Framework.objects.published().only("slug", "name", "position")
    for framework in sorted(frameworks, key=lambda f: -len(f.name)):
        for form in {framework.name.lower(), framework.slug.replace("-", " ")}:
            if f" {form} " in text:
                text = text.replace(f" {form} ", " | ", 1)
                found.append(framework)
                break
    return sorted(found, key=lambda f: (f.position, f.name))[:GROUP_MAX]


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def search(request: HtmxHttpRequest):
    query = site_search.clean_query(request.GET.get("q", ""))
    only = site_search.kind_named(request.GET.get("kind", ""))
    results = site_search.search(query, only=only) if query.text else None
    named = named_frameworks(query) if query.text else []
    params = {"q": query.text, **({"kind": only.key} if only else {})}
    context = {
        "query": query,
        "results": results,
        "only": only,
        "everything_url": "?" + urlencode({"q": query.text}),
        "compare": {"url": pair_url(named), "names": [f.name for f in named]} if len(named) > 1 else None,
        "max_length": site_search.MAX_QUERY_LENGTH,
        "noindex": True,
        "full_text": site_search.full_text(),
        "page_title": f"Search: {query.text}" if query.text else "Search",
        "page_description": "Search the guide's frameworks, criteria, use cases, pitfalls and FAQ.",
        # The page's own parameters: the cleaned query (and the kind shown in full) are its canonical form.
        "canonical_query": "?" + urlencode(params) if query.text else "",
    }
    if wants_fragment(request):
        return render(request, "advisor/search.html#results", context)
    return render(request, "advisor/search.html", context)
