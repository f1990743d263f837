"""The search page: one box over the published guide, results grouped by kind (see ``advisor.search``).

Works as a plain GET form; on this page htmx swaps in the results as the visitor types (the ``results``
partial of the same template) and pushes the address, so every state is a shareable URL. The page is
``noindex``: it is a query page, not content, and it stays out of the sitemap.
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from .. import search as site_search
from .common import HtmxHttpRequest, wants_fragment


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def search(request: HtmxHttpRequest):
    query = site_search.clean_query(request.GET.get("q", ""))
    results = site_search.search(query) if query.text else None
    context = {
        "query": query,
        "results": results,
        "max_length": site_search.MAX_QUERY_LENGTH,
        "noindex": True,
        "full_text": site_search.full_text(),
        "page_title": f"Search: {query.text}" if query.text else "Search",
        "page_description": "Search the guide's frameworks, criteria, use cases, pitfalls and FAQ.",
        # The page's own parameter: the cleaned query is the canonical form of this address.
        "canonical_query": "?" + urlencode({"q": query.text}) if query.text else "",
    }
    if wants_fragment(request):
        return render(request, "advisor/search.html#results", context)
    return render(request, "advisor/search.html", context)
