"""Helpers shared by the public views: draft visibility, typed requests, score display."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from ..models import SCORE_MAX, SCORE_SCALE, FitLevel


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def preview(request: HttpRequest) -> bool:
    """Staff preview drafts (marked with a banner); everyone else sees published content only."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        # Nobody is signed in: answer without opening the session, so the page does not vary on Cookie and
        # the page cache shares it between all visitors (advisor/pagecache.py).
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_staff)


def visible(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    return queryset if preview(request) else queryset.published()


def get_visible_or_404(queryset: QuerySet, request: HttpRequest, **lookup):
    try:
        return visible(queryset, request).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.verbose_name} matches this address.") from None


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx swap wants the fragment; a history restore (back button after a cache miss) wants the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


SCORE_WORDS = {score: text.split(":")[0] for score, text in SCORE_SCALE.items()}


@dataclass(frozen=True)
class ScoreDisplay:
    """How one score reads: an icon (filled and empty dots), text, and a CSS state class."""

    score: int | None
    icon: str
    text: str
    word: str
    css: str

    @property
    def unknown(self) -> bool:
        return self.score is None


def _make_score(score: int | None) -> ScoreDisplay:
    if score is None:
        return ScoreDisplay(None, "?", "Unknown", "Unknown", "s-unknown")
    return ScoreDisplay(
        score,
        "●" * score + "○" * (SCORE_MAX - score),
        f"{score} of {SCORE_MAX}",
        SCORE_WORDS[score],
        f"s{score}",
    )


SCORES = {score: _make_score(score) for score in [None, *SCORE_SCALE]}


def score_display(score: int | None) -> ScoreDisplay:
    return SCORES.get(score) or _make_score(score)


FIT_ICONS = {
    FitLevel.BEST: "★",
    FitLevel.GOOD: "✓",
    FitLevel.POSSIBLE: "~",
    FitLevel.AVOID: "✗",
}
FIT_LABELS = dict(FitLevel.choices)
