"""The claim a correction is about: found by its kind and slugs among published content, with its sources.

One function, :func:`resolve`, turns ``(kind, framework_slug, entry_slug)`` into a :class:`Claim`: what the
reader sees above the form, what is stored with the correction, and what the curator sees beside it (with a
link to the admin page that edits it). Unknown, draft or unrated targets are a 404: only published, rated
claims can be disputed.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from advisor.models import FAQ, SCORE_MAX, Evidence, Fit, FitLevel, Pitfall, Rating, Source, Status

from .models import Kind, claim_page_url, suggest_url


@dataclass(frozen=True)
class SourceRef:
    title: str
    url: str  # the source's page on this site
    address: str = ""  # the source's own address, if any
    note: str = ""  # what it says here (evidence claim and locator)


@dataclass
class Claim:
    kind: str
    framework_slug: str
    entry_slug: str
    title: str  # "Flask on Async support"
    verdict: str  # "4 of 5: Built-in", "Best fit", a pitfall's or question's title
    body: str  # curated Markdown (the explanation, the reason, the answer)
    sources: list[SourceRef] = field(default_factory=list)
    entry: object = None
    page_name: str = ""

    @property
    def page_url(self) -> str:
        return claim_page_url(self.kind, self.framework_slug, self.entry_slug)

    @property
    def suggest_url(self) -> str:
        return suggest_url(self.kind, self.framework_slug, self.entry_slug)

    @property
    def anchor(self) -> str:
        """A string unique to this claim on any page, for element ids."""
        return "-".join(s for s in (self.kind, self.framework_slug, self.entry_slug) if s)

    @property
    def admin_url(self) -> str:
        meta = self.entry._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.entry.pk])

    @property
    def snapshot(self) -> str:
        """The claim as stored with a correction: plain text (curated Markdown source)."""
        return f"{self.title}\n{self.verdict}\n\n{self.body}".strip()


def _score_text(score: int | None) -> str:
    return "Unknown" if score is None else f"{score} of {SCORE_MAX}"


def _source_ref(source: Source, note: str = "") -> SourceRef:
    return SourceRef(source.title, source.get_absolute_url(), source.url, note)


def _published_sources():
    return Prefetch("sources", queryset=Source.objects.published())


def _rating(framework_slug: str, criterion_slug: str) -> Claim:
    rating = (
        Rating.objects.select_related("framework", "criterion")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("source")))
        .filter(framework__status=Status.PUBLISHED, criterion__status=Status.PUBLISHED)
        .filter(framework__slug=framework_slug, criterion__slug=criterion_slug)
        .first()
    )
    if rating is None:
        raise Http404("No published rating for this framework and criterion.")
    sources = [
        _source_ref(ev.source, ev.claim + (f" ({ev.locator})" if ev.locator else ""))
        for ev in rating.evidence.all()
        if ev.source.is_published
    ]
    return Claim(
        Kind.RATING,
        framework_slug,
        criterion_slug,
        f"{rating.framework.name} on {rating.criterion.name}",
        f"{_score_text(rating.score)}: {rating.label}",
        rating.explanation,
        sources,
        rating,
        f"{rating.criterion.name}",
    )


def _fit(use_case_slug: str, framework_slug: str) -> Claim:
    fit = (
        Fit.objects.select_related("framework", "use_case")
        .prefetch_related(_published_sources())
        .filter(framework__status=Status.PUBLISHED, use_case__status=Status.PUBLISHED)
        .filter(framework__slug=framework_slug, use_case__slug=use_case_slug)
        .first()
    )
    if fit is None:
        raise Http404("No published fit for this use case and framework.")
    return Claim(
        Kind.FIT,
        framework_slug,
        use_case_slug,
        f"{fit.framework.name} for {fit.use_case.name}",
        FitLevel(fit.level).label,
        fit.reason,
        [_source_ref(s) for s in fit.sources.all()],
        fit,
        fit.use_case.name,
    )


def _pitfall(slug: str) -> Claim:
    pitfall = Pitfall.objects.published().prefetch_related(_published_sources()).filter(slug=slug).first()
    if pitfall is None:
        raise Http404("No published pitfall with this address.")
    body = f"**Symptom.** {pitfall.symptom}\n\n**Why.** {pitfall.cause}\n\n**Fix.** {pitfall.fix}"
    sources = [_source_ref(s) for s in pitfall.sources.all()]
    return Claim(Kind.PITFALL, "", slug, pitfall.title, "Pitfall", body, sources, pitfall, "Pitfalls")


def _faq(slug: str) -> Claim:
    faq = FAQ.objects.published().prefetch_related(_published_sources()).filter(slug=slug).first()
    if faq is None:
        raise Http404("No published question with this address.")
    sources = [_source_ref(s) for s in faq.sources.all()]
    return Claim(Kind.FAQ, "", slug, faq.question, "FAQ answer", faq.answer, sources, faq, "the FAQ")


def resolve(kind: str, framework_slug: str = "", entry_slug: str = "") -> Claim:
    if kind == Kind.RATING:
        return _rating(framework_slug, entry_slug)
    if kind == Kind.FIT:
        return _fit(entry_slug, framework_slug)
    if kind == Kind.PITFALL:
        return _pitfall(entry_slug)
    if kind == Kind.FAQ:
        return _faq(entry_slug)
    raise Http404("No such kind of claim.")
