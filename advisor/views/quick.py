"""Quick mode (``/guide/quick/``): the three questions that settle most results on one page (``advisor.quick``).

A plain GET form to the questionnaire: "See my result" sends ``finish=now`` (stored, then the permalink, the
same kind as the full questionnaire's); "Continue with every question" sends the answers alone, which opens
the first unanswered question with the three kept. Answers in the address (from "change") are pre-selected.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import quick, snapshot


@require_safe
def quick_guide(request):
    content = snapshot.current()
    asked = quick.questions(content)
    chosen = {q.slug: request.GET.get(q.slug, "") for q in asked}
    context = {
        "questions": [{"question": q, "current": chosen[q.slug] if chosen[q.slug] in q.by_slug else ""} for q in asked],
        "total": len(content.questions),
        "page_title": "Quick mode: three questions",
        "page_description": "Three questions that settle most recommendations, then a ranked, explained result; "
        "continue with every question whenever you like.",
    }
    return render(request, "advisor/quick.html", context)
