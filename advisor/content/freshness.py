"""``manage.py checkfreshness``: what the package index says has changed since the registry was checked, so a
curator knows what to re-check: newer releases (with their date and ``Requires-Python``), and extensions that
have since gone more than three years without a release.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from .packages import STALE_AFTER_DAYS, read_registry, version_key


@dataclass(frozen=True)
class Release:
    version: str
    uploaded: date
    requires_python: str


class PackageIndex(Protocol):
    def releases(self, name: str) -> list[Release]: ...


class JSONIndex:
    """The index's JSON API (``{index}/pypi/{name}/json``): every non-yanked release, its first upload date and
    the ``Requires-Python`` its files declare."""

    def __init__(self, index_url: str = "https://pypi.org"):
        self.index_url = index_url.rstrip("/")

    def releases(self, name: str) -> list[Release]:
        with urllib.request.urlopen(f"{self.index_url}/pypi/{name}/json", timeout=60) as response:
            data = json.load(response)
        out = []
        for version, files in data.get("releases", {}).items():
            files = [f for f in files if not f.get("yanked")]
            if files:
                uploaded = min(date.fromisoformat(f["upload_time"][:10]) for f in files)
                out.append(Release(version, uploaded, files[0].get("requires_python") or ""))
        return out


def is_final(version: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)*(\.post\d+)?", version) is not None


def check_freshness(root: Path, index: PackageIndex, today: date) -> Iterator[str]:
    registry = read_registry(root)
    if registry is None:
        yield f"{root}: no packages.toml"
        return
    for package in registry.packages.values():
        releases = [r for r in index.releases(package.name) if is_final(r.version)]
        newer = sorted(
            (
                r
                for r in releases
                if version_key(r.version) > version_key(package.version) and r.uploaded >= package.released
            ),
            key=lambda r: version_key(r.version),
        )
        for release in newer:
            floor = f", Requires-Python {release.requires_python}" if release.requires_python else ""
            moved = _compact(release.requires_python) != _compact(package.requires_python)
            if moved and package.role == "framework":
                floor += " (a new Python floor)"
            yield (
                f"{package.slug}: {package.name} {release.version} released {release.uploaded}{floor}; "
                f"the content describes {package.version} (checked {package.checked})"
            )
        went_stale = package.stale_year() is None and (today - package.released).days > STALE_AFTER_DAYS
        if package.role == "extension" and not newer and went_stale:
            yield (
                f"{package.slug}: no release since {package.released} ({package.name} {package.version}): "
                f"flag it 'no release since {package.released.year}' wherever it is recommended"
            )


def _compact(specifier: str) -> str:
    return specifier.replace(" ", "")
