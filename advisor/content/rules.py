"""Rules across cells, for ``manage.py checkcontent``: where a score follows mechanically from recorded evidence
(the package registry, :mod:`.packages`) or from another cell, the content must agree with it.

- ``python-versions`` follows from the floor a release declares (``Requires-Python``, else its lowest classifier)
  against the Python versions maintained upstream: 5 below the oldest, 4 at it, 3 above it with an older
  supported line that reaches it, 2 above it without one. Missing classifiers for the newest Python lower nothing.
- ``free-threading`` follows from the release's free-threading classifier and wheels (:func:`free_threading_level`).
- An inherited criterion (``relations.yaml``) has its host's score; a framework that runs inside or is built on
  another is never rated faster (``throughput``) than it.
- Frameworks whose cells of one criterion name the same registered add-on in their label (where a cell names the
  add-on it scores) share a score, unless one explanation says what differs ("unlike Starlette").
- An extension without a release for more than three years is flagged "no release since YEAR" right after its
  first mention in every profile field and cell explanation that names it (names matched as written); a flag
  whose year is not an extension's recorded last release is stale.
- ``throughput`` and ``footprint`` follow from the newest lab run in ``content/lab/`` by the rules of their scale
  texts (:mod:`.labrule`): a framework the run measured cites that run in the cell's evidence and has the level
  its figures give.
- A framework's summary names the version the registry records, and every "as of" in a profile says when it was
  checked ("checked 2026-12-06").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from . import labrule
from .files import read_yaml
from .packages import Package, Registry, read_registry

SPEED = "throughput"
#: How close after an extension's first mention its "no release since YEAR" flag must be, in characters.
FLAG_WITHIN = 40
FREE_THREADING_CLASSIFIER_LEVELS = {"1 - Unstable": 3, "2 - Beta": 4, "3 - Stable": 5, "4 - Resilient": 5}


def python_versions_level(package: Package, registry: Registry) -> int | None:
    floor, oldest = package.floor, registry.oldest_maintained
    if floor is None:
        return None
    if floor < oldest:
        return 5
    if floor == oldest:
        return 4
    older = package.older_line_floor
    if older and tuple(int(p) for p in older.split(".")) <= oldest:
        return 3
    return 2


def free_threading_level(package: Package) -> int:
    """5 or 4: a Stable (or Resilient) or Beta free-threading classifier; 3: an Unstable one, or free-threaded
    wheels without a classifier; 2: nothing declared, but it installs on a free-threaded build; 1: compiled, with
    no free-threaded wheels and nothing else that installs there."""
    if package.free_threading:
        return FREE_THREADING_CLASSIFIER_LEVELS.get(package.free_threading, 3)
    if package.free_threaded_wheels:
        return 3
    return 2 if package.installs_without_compiler else 1


def _ratings(root: Path) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for path in sorted((root / "ratings").glob("*.yaml")):
        out[path.stem] = {r.get("criterion"): r for r in read_yaml(root, f"ratings/{path.name}") or []}
    return out


def _profiles(root: Path) -> dict[str, dict]:
    return {p.stem: read_yaml(root, f"frameworks/{p.name}") or {} for p in sorted((root / "frameworks").glob("*.yaml"))}


def _text(value) -> str:
    return " ".join(str(value or "").split())


def check_rules(root: Path, problem) -> Iterator:
    """Every rule above; ``problem(path, entry, field, message)`` builds what is reported."""
    ratings, profiles = _ratings(root), _profiles(root)
    relations = read_yaml(root, "relations.yaml") or []
    inherited = {(r["framework"], c) for r in relations for c in r.get("inherits") or []}
    for relation in relations:
        guest, host = relation["framework"], relation["other"]
        for criterion in relation.get("inherits") or []:
            mine, theirs = ratings.get(guest, {}).get(criterion), ratings.get(host, {}).get(criterion)
            if mine and theirs and mine.get("score") != theirs.get("score"):
                yield problem(
                    f"ratings/{guest}.yaml",
                    f"{guest}/{criterion}",
                    "score",
                    f"inherited from {host}, whose score is {theirs.get('score')}, not {mine.get('score')}",
                )
        if relation.get("kind") in ("runs-inside", "built-on"):
            mine, theirs = (ratings.get(guest, {}).get(SPEED) or {}), (ratings.get(host, {}).get(SPEED) or {})
            if mine.get("score") is not None and theirs.get("score") is not None and mine["score"] > theirs["score"]:
                yield problem(
                    f"ratings/{guest}.yaml",
                    f"{guest}/{SPEED}",
                    "score",
                    f"{guest} runs on {host}'s request path, so it cannot be faster than {host}'s {theirs['score']}",
                )
    yield from _lab_levels(root, ratings, problem)
    registry = read_registry(root)
    if registry is None:
        return
    for package in registry.frameworks():
        rated = ratings.get(package.slug, {})
        for criterion, level in (
            ("python-versions", python_versions_level(package, registry)),
            ("free-threading", free_threading_level(package)),
        ):
            rating = rated.get(criterion)
            if rating is None or (package.slug, criterion) in inherited:
                continue
            if rating.get("score") != level:
                yield problem(
                    f"ratings/{package.slug}.yaml",
                    f"{package.slug}/{criterion}",
                    "score",
                    f"the metadata recorded in {package.slug} {package.version} ({criterion} rule) gives {level}, "
                    f"not {rating.get('score')}",
                )
        summary = _text(profiles.get(package.slug, {}).get("summary"))
        if package.slug in profiles and package.version not in summary:
            yield problem(
                f"frameworks/{package.slug}.yaml",
                package.slug,
                "summary",
                f"does not name the release the registry records ({package.version})",
            )
    yield from _same_addon(ratings, profiles, registry, problem)
    yield from _flags_and_dates(root, ratings, profiles, registry, problem)


def _names_pattern(*packages: Package) -> re.Pattern:
    """Any name of the packages, as a whole word (not inside a longer name such as Flask-Login)."""
    names = [name for package in packages for name in (package.names or (package.name,))]
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _same_addon(ratings, profiles, registry: Registry, problem) -> Iterator:
    for package in registry.extensions():
        pattern = _names_pattern(package)
        by_criterion: dict[str, list[tuple[str, dict]]] = {}
        for framework, cells in ratings.items():
            for criterion, rating in cells.items():
                if pattern.search(_text(rating.get("label"))):
                    by_criterion.setdefault(criterion, []).append((framework, rating))
        for criterion, cells in sorted(by_criterion.items()):
            for framework, rating in cells:
                for other, theirs in cells:
                    if other == framework or rating.get("score") == theirs.get("score"):
                        continue
                    name = re.escape(profiles.get(other, {}).get("name", other))
                    said = rf"(unlike|differs? from) {name}\b"
                    if re.search(said, _text(rating.get("explanation")), re.IGNORECASE) or re.search(
                        rf"(unlike|differs? from) {re.escape(profiles.get(framework, {}).get('name', framework))}\b",
                        _text(theirs.get("explanation")),
                        re.IGNORECASE,
                    ):
                        continue
                    yield problem(
                        f"ratings/{framework}.yaml",
                        f"{framework}/{criterion}",
                        "score",
                        f"{package.name} is scored {rating.get('score')} here and {theirs.get('score')} for {other}; "
                        f"give one score or say what differs ('unlike {profiles.get(other, {}).get('name', other)}')",
                    )


#: Single-file collections whose prose recommends things: file, the fields a reader sees, nested lists to walk.
PROSE = {
    "pitfalls.yaml": (("symptom", "cause", "fix"), None),
    "migrations.yaml": (("summary", "strategy"), None),
    "faq.yaml": (("answer",), None),
    "hybrids.yaml": (("summary", "when"), "parts"),
    "use-cases.yaml": (("summary", "description"), "fits"),
}


def _fields(root: Path, ratings, profiles) -> Iterator[tuple[str, str, str, str]]:
    """(path, entry, field, text) of the prose a reader sees (not code samples, not the short cell labels, whose
    explanation carries the flag)."""
    for slug, profile in profiles.items():
        for key, value in profile.items():
            if isinstance(value, str) and key != "code_sample":
                yield f"frameworks/{slug}.yaml", slug, key, _text(value)
    for slug, cells in ratings.items():
        for criterion, rating in cells.items():
            yield f"ratings/{slug}.yaml", f"{slug}/{criterion}", "explanation", _text(rating.get("explanation"))
    for rel, (keys, nested) in PROSE.items():
        for entry in read_yaml(root, rel) or []:
            for key in keys:
                yield rel, entry.get("slug", "?"), key, _text(entry.get(key))
            for item in (entry.get(nested) or []) if nested else []:
                for key in ("reason", "role"):
                    if item.get(key):
                        yield rel, f"{entry.get('slug')}/{item.get('framework')}", key, _text(item[key])


def _flags_and_dates(root: Path, ratings, profiles, registry: Registry, problem) -> Iterator:
    stale = {p.slug: (p, _names_pattern(p), p.stale_year()) for p in registry.extensions()}
    any_name = _names_pattern(*(package for package, _, _ in stale.values()))  # one search for most prose
    for path, entry, key, text in _fields(root, ratings, profiles):
        named = (
            {slug for slug, (_, pattern, _) in stale.items() if pattern.search(text)}
            if any_name.search(text)
            else set()
        )
        for slug in sorted(named):
            package, pattern, year = stale[slug]
            first = pattern.search(text)
            if year and f"no release since {year}" not in text[first.end() : first.end() + FLAG_WITHIN].lower():
                yield problem(
                    path,
                    entry,
                    key,
                    f"names {package.name}, whose last release is from {year}: "
                    f"say 'no release since {year}' right after its first mention",
                )
        years = {stale[s][2] for s in named}
        for flagged in re.findall(r"no release since (\d{4})", text, re.IGNORECASE):
            if int(flagged) not in years:
                yield problem(
                    path,
                    entry,
                    key,
                    f"'no release since {flagged}' matches no registered extension "
                    "named here (stale, or the extension is missing from packages.toml)",
                )
        if path.startswith("frameworks/"):
            for match in re.finditer(r"\bas of\b", text, re.IGNORECASE):
                sentence = re.split(r"(?<=[.!?])\s", text[match.start() :], maxsplit=1)[0]
                if not re.search(r"checked \d{4}-\d{2}-\d{2}", sentence):
                    yield problem(
                        path, entry, key, "an 'as of' statement must say when it was checked ('checked YYYY-MM-DD')"
                    )


def _lab_levels(root: Path, ratings, problem) -> Iterator:
    run = labrule.latest_run(root)
    if run is None:
        return
    source = f"lab-{run['slug']}"
    for framework, rated in ratings.items():
        for criterion, measured in (
            ("throughput", labrule.speed(run, framework)),
            ("footprint", labrule.size(run, framework)),
        ):
            rating = rated.get(criterion)
            if rating is None or measured is None:
                continue
            where = (f"ratings/{framework}.yaml", f"{framework}/{criterion}")
            if source not in {e.get("source") for e in rating.get("evidence") or []}:
                yield problem(*where, "evidence", f"the newest lab run measured {framework}: cite {source}")
            if rating.get("score") != measured.level:
                yield problem(
                    *where, "score", f"lab run {run['slug']} gives {measured.ratio:.3f}, level {measured.level}"
                )
