"""Load the published content into the engine's input (:class:`advisor.engine.Content`).

A fixed number of queries (one per table, ``values()`` only), whatever the amount of content. Only
published entities count: a draft framework, criterion, question, use case, pitfall, hybrid or source is
left out, and so is anything that points at one. Snapshots are kept per content digest in this process:
the digest is a hash of the content itself, so the same digest always means the same snapshot.
"""

from __future__ import annotations

from collections import defaultdict
from threading import Lock

from django.urls import NoReverseMatch, reverse

from . import engine, versioning
from .models import (
    Choice,
    Criterion,
    Evidence,
    Fit,
    Framework,
    Hybrid,
    HybridPart,
    MigrationPath,
    MustHave,
    Pitfall,
    Question,
    Rating,
    Relation,
    Source,
    Status,
    UseCase,
    Weight,
)

PUBLISHED = Status.PUBLISHED
_cache: dict[str, engine.Content] = {}
_lock = Lock()
_CACHE_SIZE = 8


def _url(name: str, *args: str) -> str:
    """A public page's address, or "" while that page does not exist (yet)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _anchor(name: str, slug: str) -> str:
    url = _url(name)
    return f"{url}#{slug}" if url else ""


def current() -> engine.Content:
    """The snapshot of the content as it is now (cached per content digest)."""
    return for_version(versioning.current_digest())


def for_version(digest: str) -> engine.Content:
    with _lock:
        cached = _cache.get(digest)
    if cached is not None:
        return cached
    content = load(digest)
    with _lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[digest] = content
    return content


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def load(version: str = "") -> engine.Content:
    """Read the published content from the database (a constant number of queries)."""
    sources = {
        row["slug"]: engine.Source(row["slug"], row["title"], row["author"], row["url"], row["date"])
        for row in Source.objects.filter(status=PUBLISHED).values("slug", "title", "author", "url", "date")
    }
    inherits: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for framework, kind, other, criterion in (
        Relation.objects.filter(status=PUBLISHED, framework__status=PUBLISHED, other__status=PUBLISHED)
        .order_by("framework__slug", "other__slug", "inherits__category__position", "inherits__position")
        .values_list("framework__slug", "kind", "other__slug", "inherits__slug")
    ):
        found = inherits[(framework, kind, other)]
        if criterion is not None:
            found.append(criterion)
    relations: dict[str, list[engine.Relation]] = defaultdict(list)
    for (framework, kind, other), criteria_slugs in inherits.items():
        relations[framework].append(engine.Relation(kind, other, tuple(criteria_slugs)))
    frameworks = tuple(
        engine.Framework(
            row["slug"],
            row["name"],
            row["position"],
            _url("advisor:framework", row["slug"]),
            row["when_not_to_use"],
            tuple(relations.get(row["slug"], ())),
        )
        for row in Framework.objects.filter(status=PUBLISHED)
        .order_by("position", "slug")
        .values("slug", "name", "position", "when_not_to_use")
    )
    criteria = tuple(
        engine.Criterion(
            row["slug"], row["name"], row["weight"], i, _url("advisor:criterion", row["slug"]), row["category__slug"]
        )
        for i, row in enumerate(
            Criterion.objects.filter(status=PUBLISHED)
            .order_by("category__position", "category__slug", "position", "slug")
            .values("slug", "name", "weight", "category__slug")
        )
    )
    fw_slugs = {f.slug for f in frameworks}
    crit_slugs = {c.slug for c in criteria}

    rating_sources: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in (
        Evidence.objects.filter(source__status=PUBLISHED)
        .order_by("position", "id")
        .values_list("rating__framework__slug", "rating__criterion__slug", "source__slug")
    ):
        if row[2] not in rating_sources[row[:2]]:
            rating_sources[row[:2]].append(row[2])
    ratings = {
        (fw, crit): engine.Rating(score, label, tuple(rating_sources.get((fw, crit), ())))
        for fw, crit, score, label in Rating.objects.values_list("framework__slug", "criterion__slug", "score", "label")
        if fw in fw_slugs and crit in crit_slugs
    }

    fits: dict[str, dict[str, str]] = defaultdict(dict)
    for use_case, framework, level in Fit.objects.values_list("use_case__slug", "framework__slug", "level"):
        if framework in fw_slugs:
            fits[use_case][framework] = level
    use_case_sources: dict[str, list[str]] = defaultdict(list)
    for use_case, source in (
        Fit.sources.through.objects.filter(source__status=PUBLISHED)
        .order_by("source__slug")
        .values_list("fit__use_case__slug", "source__slug")
    ):
        if source not in use_case_sources[use_case]:
            use_case_sources[use_case].append(source)
    for use_case, source in (
        UseCase.sources.through.objects.filter(source__status=PUBLISHED)
        .order_by("source__slug")
        .values_list("usecase__slug", "source__slug")
    ):
        if source not in use_case_sources[use_case]:
            use_case_sources[use_case].append(source)
    presets: dict[str, dict[str, str]] = defaultdict(dict)
    for use_case, question, choice in UseCase.preset.through.objects.filter(
        choice__question__status=PUBLISHED
    ).values_list("usecase__slug", "choice__question__slug", "choice__slug"):
        presets[use_case][question] = choice
    use_cases = {
        slug: engine.UseCase(
            slug,
            name,
            dict(fits.get(slug, {})),
            dict(presets.get(slug, {})),
            tuple(use_case_sources.get(slug, ())),
            _url("advisor:use_case", slug),
        )
        for slug, name in UseCase.objects.filter(status=PUBLISHED)
        .order_by("position", "slug")
        .values_list("slug", "name")
    }

    weights: dict[int, dict[str, float]] = defaultdict(dict)
    for choice_id, criterion, delta in Weight.objects.filter(criterion__status=PUBLISHED).values_list(
        "choice_id", "criterion__slug", "delta"
    ):
        weights[choice_id][criterion] = delta
    musts: dict[int, dict[str, int]] = defaultdict(dict)
    for choice_id, criterion, minimum in MustHave.objects.filter(criterion__status=PUBLISHED).values_list(
        "choice_id", "criterion__slug", "minimum"
    ):
        musts[choice_id][criterion] = minimum
    choices: dict[str, list[engine.Choice]] = defaultdict(list)
    for row in (
        Choice.objects.filter(question__status=PUBLISHED)
        .order_by("position", "slug")
        .values("id", "question__slug", "slug", "label", "help", "use_case__slug")
    ):
        choices[row["question__slug"]].append(
            engine.Choice(
                row["slug"],
                row["label"],
                row["use_case__slug"] if row["use_case__slug"] in use_cases else None,
                dict(weights.get(row["id"], {})),
                dict(musts.get(row["id"], {})),
                row["help"],
            )
        )
    questions = tuple(
        engine.Question(slug, text, tuple(choices.get(slug, ())), help_text)
        for slug, text, help_text in Question.objects.filter(status=PUBLISHED)
        .order_by("position", "slug")
        .values_list("slug", "text", "help")
    )

    pitfall_choices: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for pitfall_id, question, choice in Pitfall.choices.through.objects.values_list(
        "pitfall_id", "choice__question__slug", "choice__slug"
    ):
        pitfall_choices[pitfall_id].add((question, choice))
    pitfall_frameworks: dict[int, list[str]] = defaultdict(list)
    for pitfall_id, framework in Pitfall.frameworks.through.objects.order_by("framework__position").values_list(
        "pitfall_id", "framework__slug"
    ):
        if framework in fw_slugs:
            pitfall_frameworks[pitfall_id].append(framework)
    pitfalls = tuple(
        engine.Pitfall(
            row["slug"],
            row["title"],
            frozenset(pitfall_choices.get(row["id"], ())),
            tuple(pitfall_frameworks.get(row["id"], ())),
            row["symptom"],
            row["fix"],
            _anchor("advisor:pitfalls", row["slug"]),
        )
        for row in Pitfall.objects.filter(status=PUBLISHED)
        .order_by("kind", "position", "title")
        .values("id", "slug", "title", "symptom", "fix")
    )

    parts: dict[int, list[engine.HybridPart]] = defaultdict(list)
    for hybrid_id, framework, role in HybridPart.objects.order_by("position", "id").values_list(
        "hybrid_id", "framework__slug", "role"
    ):
        parts[hybrid_id].append(engine.HybridPart(framework, role))
    hybrid_sources: dict[int, list[str]] = defaultdict(list)
    for hybrid_id, source in (
        Hybrid.sources.through.objects.filter(source__status=PUBLISHED)
        .order_by("source__slug")
        .values_list("hybrid_id", "source__slug")
    ):
        hybrid_sources[hybrid_id].append(source)
    hybrids = tuple(
        engine.Hybrid(
            row["slug"],
            row["name"],
            tuple(parts.get(row["id"], ())),
            row["summary"],
            tuple(hybrid_sources.get(row["id"], ())),
            _anchor("advisor:faq", row["slug"]),
        )
        for row in Hybrid.objects.filter(status=PUBLISHED)
        .order_by("position", "slug")
        .values("id", "slug", "name", "summary")
        # A hybrid that needs an unpublished framework cannot be suggested.
        if all(p.framework in fw_slugs for p in parts.get(row["id"], ()))
    )
    migrations = {
        (a, b): difficulty
        for a, b, difficulty in MigrationPath.objects.filter(status=PUBLISHED)
        .order_by("from_framework__position", "to_framework__position")
        .values_list("from_framework__slug", "to_framework__slug", "difficulty")
        if a in fw_slugs and b in fw_slugs
    }
    return engine.Content(
        version=version,
        frameworks=frameworks,
        criteria=criteria,
        ratings=ratings,
        questions=questions,
        use_cases=use_cases,
        pitfalls=pitfalls,
        hybrids=hybrids,
        sources=sources,
        migrations=migrations,
    )
