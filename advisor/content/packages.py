"""The package registry, ``content/packages.toml``: for every framework and every extension the guide recommends,
the release the content describes (version, date, ``Requires-Python``, Python and free-threading classifiers),
the date a curator checked it, and the official sources that must be addresses its metadata declares.

It is the curators' record of what the content was checked against, not content the site shows, so it is not
loaded into the database (and ``exportcontent`` does not write it): ``checkcontent`` derives scores from it,
``checksources`` compares its sources with the packages' metadata and ``checkfreshness`` with the package index.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REGISTRY = "packages.toml"

#: An extension with no release for longer than this is flagged "no release since YEAR" wherever it is named.
STALE_AFTER_DAYS = 3 * 365


def version_key(text: str) -> tuple[int, ...]:
    """'3.10' -> (3, 10); enough for Python versions and the floors of ``Requires-Python``."""
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


@dataclass(frozen=True)
class Package:
    slug: str
    role: str  # "framework" or "extension"
    name: str  # the distribution's name in the package index
    version: str
    released: date
    checked: date
    requires_python: str = ""
    classifiers: tuple[str, ...] = ()  # the Python 3.x versions its classifiers list
    free_threading: str = ""  # its "Free Threading :: …" classifier level, e.g. "3 - Stable"
    free_threaded_wheels: bool = False  # wheels built for a free-threaded CPython (cp314t …)
    installs_without_compiler: bool = True  # a pure-Python wheel or wheels for every listed version
    older_line_floor: str = ""  # the Python floor of an older line that still gets fixes (Django 5.2 LTS)
    names: tuple[str, ...] = ()  # how the content writes an extension's name
    recommended_by: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # slugs of official sources whose address the metadata must declare
    note: str = ""

    @property
    def floor(self) -> tuple[int, ...] | None:
        """The lowest Python it declares: ``Requires-Python``'s lower bound, else its lowest classifier."""
        match = re.search(r">=?\s*(\d+\.\d+)", self.requires_python)
        if match:
            return version_key(match.group(1))
        versions = sorted(version_key(v) for v in self.classifiers)
        return versions[0] if versions else None

    def stale_year(self) -> int | None:
        """The year of its last release when that is more than three years before the date it was checked."""
        if (self.checked - self.released).days > STALE_AFTER_DAYS:
            return self.released.year
        return None


@dataclass(frozen=True)
class Registry:
    checked: date
    maintained_python: tuple[str, ...]  # Python versions maintained upstream on the date checked
    packages: dict[str, Package] = field(default_factory=dict)

    @property
    def oldest_maintained(self) -> tuple[int, ...]:
        return min(version_key(v) for v in self.maintained_python)

    def frameworks(self) -> list[Package]:
        return [p for p in self.packages.values() if p.role == "framework"]

    def extensions(self) -> list[Package]:
        return [p for p in self.packages.values() if p.role == "extension"]


def _as_date(value, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{REGISTRY}, {where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def read_registry(root: Path) -> Registry | None:
    """The registry of a content folder, or None when it has none (a fixture folder)."""
    path = root / REGISTRY
    if not path.exists():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    checked = _as_date(data["checked"], "checked")
    packages = {}
    for role in ("framework", "extension"):
        for slug, entry in data.get(role, {}).items():
            entry = dict(entry)
            packages[slug] = Package(
                slug=slug,
                role=role,
                name=entry.pop("name"),
                version=str(entry.pop("version")),
                released=_as_date(entry.pop("released"), slug),
                checked=_as_date(entry.pop("checked", checked), slug),
                **{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()},
            )
    return Registry(checked=checked, maintained_python=tuple(data["maintained_python"]), packages=packages)
