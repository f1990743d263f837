"""What ``manage.py checkcontent`` checks in the content files, beyond what ``loadcontent`` refuses: that each
rating says what its score means. It reads the YAML files only (no database), so curators run it before they
commit and CI runs it on every change.

- Every score is a level its criterion's scale text defines ("3:" or a range such as "1-2:").
- An unknown (empty) score says so in its label or explanation.
- An explanation uses its level's terms and not another level's (:mod:`.levels`).
- The rules across cells of :mod:`.rules`: scores that follow from the package registry (``packages.toml``) or from
  another cell, shared add-ons scored alike, stale-release flags and checked dates.

Each problem names the file, the entry and the field, as ``loadcontent``'s errors do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .files import read_yaml
from .levels import LEVELS, MEASURED_CRITERIA, MENTIONS_ANOTHER_LEVEL, SEED_FRAMEWORKS
from .rules import check_rules

#: A term preceded by one of these within a few words is denied, not used ("no long-term support").
NEGATION = re.compile(r"\b(no|not|nor|without|never|rather than|instead of)\b[^.;:]{0,30}$")


@dataclass(frozen=True)
class Problem:
    path: str
    entry: str
    field: str
    message: str

    def __str__(self):
        return f"{self.path}, entry {self.entry!r}, field {self.field!r}: {self.message}"


def defined_levels(scale: str) -> set[int]:
    """The levels a scale text defines: "0: … 2: … 3-4: …" gives {0, 2, 3, 4}."""
    levels: set[int] = set()
    for low, high in re.findall(r"(?:^|\s)(\d)(?:-(\d))?:", scale):
        levels.update(range(int(low), int(high or low) + 1))
    return levels


def affirmed(pattern: str, text: str) -> bool:
    """Whether the text uses a term other than to deny it."""
    return any(not NEGATION.search(text[: m.start()]) for m in re.finditer(pattern, text))


def check(root: Path) -> Iterator[Problem]:
    criteria = read_yaml(root, "criteria.yaml") or {}
    scales = {c["slug"]: c.get("scale", "") for c in criteria.get("criteria", [])}
    used: set[tuple[str, int]] = set()
    for path in sorted((root / "ratings").glob("*.yaml")):
        framework = path.stem
        rel = f"ratings/{path.name}"
        for rating in read_yaml(root, rel) or []:
            criterion, score = rating.get("criterion", ""), rating.get("score")
            entry = f"{framework}/{criterion}"
            text = " ".join(str(rating.get("explanation", "")).split()).lower()
            if criterion not in scales:
                yield Problem(rel, entry, "criterion", f"no criterion {criterion!r} in criteria.yaml")
                continue
            if score is None:
                if "unknown" not in (str(rating.get("label", "")) + " " + text).lower() and "could not" not in text:
                    yield Problem(rel, entry, "explanation", "an unknown score must say that it is unknown")
                continue
            if score not in defined_levels(scales[criterion]):
                yield Problem(rel, entry, "score", f"the scale of {criterion!r} defines no level {score}")
                continue
            level = LEVELS.get((criterion, score))
            seed = framework in SEED_FRAMEWORKS or criterion in MEASURED_CRITERIA
            if seed:
                used.add((criterion, score))
                if level is None:
                    yield Problem(rel, entry, "score", f"no terms are reviewed for {criterion!r} at level {score}")
                    continue
                if not any(re.search(p, text) for p in level["needs"]):
                    yield Problem(rel, entry, "explanation", f"nothing in it says level {score} ({level['needs']})")
            if level is None or (framework, criterion) in MENTIONS_ANOTHER_LEVEL:
                continue
            clashes = [p for p in level["not"] if (re.search(p, text) if seed else affirmed(p, text))]
            if clashes:
                yield Problem(rel, entry, "explanation", f"it describes another level of the scale ({clashes})")
    yield from check_rules(root, Problem)
    for criterion, score in sorted(set(LEVELS) - used):
        yield Problem("advisor/content/levels.py", f"{criterion}/{score}", "LEVELS", "reviewed terms no rating uses")


def level_warnings(framework: str, criterion: str, score: int | None, explanation: str) -> list[str]:
    """What ``check`` says about one rating, for a curator saving it in the admin: its explanation calls it
    another level ("that is level 3"), uses a term of another level of the same scale (named, with the level
    whose terms include it), or, for the seed articles' frameworks, none of its own level's terms."""
    if score is None or (framework, criterion) in MENTIONS_ANOTHER_LEVEL:
        return []
    text = " ".join(explanation.split()).lower()
    # "That is level 3" in the explanation of a score of 5 (an explanation that also names its own level is
    # comparing: "short of level 5", "more than level 3 asks"; "keeps it from level 5" denies one).
    named = {int(n) for n in re.findall(r"\blevel (\d)\b", text)}
    others = sorted(n for n in named - {score} if affirmed(rf"(?<!from )\blevel {n}\b", text))
    warnings = []
    if others and score not in named:
        warnings.append(f"The explanation calls it level {' or '.join(map(str, others))}; the score is {score}.")
    level = LEVELS.get((criterion, score))
    if level is None:
        return warnings
    seed = framework in SEED_FRAMEWORKS
    for pattern in level["not"]:
        found = re.search(pattern, text) if seed else affirmed(pattern, text) and re.search(pattern, text)
        if not found:
            continue
        term = found.group()
        others = sorted(
            k
            for (name, k), terms in LEVELS.items()
            if name == criterion and k != score and any(re.search(p, term) for p in terms["needs"])
        )
        where = f"level {' or '.join(map(str, others))}" if others else "another level"
        warnings.append(f"The explanation says “{term}”, a term of {where} of this scale, not of {score}.")
    if seed and not any(re.search(p, text) for p in level["needs"]):
        warnings.append(f"Nothing in the explanation says level {score} in this scale's terms.")
    return warnings
