"""Suggest a correction: GET shows the claim, its sources and the form; POST stores the correction.

One view for every kind of claim. Without JavaScript it is a plain page (a 400 with the form's errors, a 429
past the limits, a thank-you page). With htmx the same form opens inside the claim and is swapped in place,
its errors and the thank-you too; htmx swaps only 2xx answers, so a fragment with errors comes with 200 (the
plain form's 400 says the same). Nothing here is cached: the form carries a CSRF token, and a POST never is.
"""

from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from advisor import versioning
from advisor.views.common import HtmxHttpRequest, wants_fragment

from . import throttle
from .forms import CorrectionForm
from .models import Correction
from .targets import Claim, resolve

TOO_MANY = "You have sent a lot in a short time. Please wait an hour and try again; nothing you sent before is lost."
CLAIM_FULL = (
    "This claim already has many suggestions waiting for a curator. Please come back once they have been "
    "reviewed; the page says “a correction is under review” until then."
)


def _form(claim: Claim, data=None) -> CorrectionForm:
    return CorrectionForm(data, auto_id=f"c-{claim.anchor}-%s")


def _render(request: HtmxHttpRequest, template: str, context: dict, status: int = 200):
    fragment = wants_fragment(request)
    name = f"corrections/{template}.html" + ("#panel" if fragment else "")
    context = {**context, "fragment": fragment, "noindex": True}
    # htmx swaps only 2xx: its fragments say what went wrong in the text and keep 200.
    return render(request, name, context, status=200 if fragment else status)


def _refuse(request, claim: Claim, message: str):
    return _render(request, "limited", {"claim": claim, "message": message}, status=429)


@never_cache
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request: HtmxHttpRequest, kind: str, framework: str = "", entry: str = ""):
    claim = resolve(kind, framework, entry)
    base = {"claim": claim, "page_title": f"Suggest a correction: {claim.title}"}
    if request.method != "POST":
        return _render(request, "suggest", {**base, "form": _form(claim)})

    sender = throttle.sender_key(request)
    if throttle.too_many_attempts(sender):
        return _refuse(request, claim, TOO_MANY)
    form = _form(claim, request.POST)
    if not form.is_valid():
        return _render(request, "suggest", {**base, "form": form}, status=400)
    if form.is_bot:  # thanked like anyone, stored nowhere
        return _render(request, "thanks", base)
    if throttle.sent_too_many(sender):
        return _refuse(request, claim, TOO_MANY)
    with transaction.atomic():
        open_ = Correction.objects.open()
        if open_.filter(sender=sender).count() >= throttle.OPEN_PER_ADDRESS:
            return _refuse(request, claim, TOO_MANY)
        mine = open_.filter(kind=claim.kind, framework_slug=claim.framework_slug, entry_slug=claim.entry_slug)
        if mine.count() >= throttle.OPEN_PER_CLAIM:
            return _refuse(request, claim, CLAIM_FULL)
        correction = form.save(commit=False)
        correction.kind, correction.framework_slug, correction.entry_slug = (
            claim.kind,
            claim.framework_slug,
            claim.entry_slug,
        )
        correction.claim = claim.snapshot
        correction.content_version = versioning.current_digest()
        correction.sender = sender
        correction.save()
    throttle.record_sent(sender)
    return _render(request, "thanks", base)
