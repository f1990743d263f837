"""``manage.py checksources``: every official source of a framework or a recommended extension is an address that
the release the registry records declares in its own metadata (home page, documentation, repository, changelog),
or a page of the repository it points to, or that release's page in the package index.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .files import read_yaml
from .metadata import MetadataProvider, declared_addresses, is_declared, normalise
from .packages import read_registry


def index_page(index_url: str, name: str) -> str:
    return f"{index_url.rstrip('/')}/project/{name}/"


def check_sources(root: Path, provider: MetadataProvider, index_url: str) -> Iterator[str]:
    """One line per address the metadata does not declare (or per release whose metadata cannot be read)."""
    registry = read_registry(root)
    if registry is None:
        yield f"{root}: no packages.toml"
        return
    sources = {s["slug"]: s for s in read_yaml(root, "sources.yaml") or []}
    profiles = {p.stem: read_yaml(root, f"frameworks/{p.name}") or {} for p in (root / "frameworks").glob("*.yaml")}
    for package in registry.packages.values():
        metadata = provider.metadata(package.name, package.version)
        if metadata is None:
            yield f"{package.slug}: no metadata for {package.name} {package.version} (not in lab/.venvs, not from pip)"
            continue
        declared = declared_addresses(metadata)
        index = index_page(index_url, package.name)
        addresses = []
        if package.role == "framework":
            profile = profiles.get(package.slug, {})
            addresses += [
                (f"frameworks/{package.slug}.yaml {key}", profile.get(key))
                for key in ("homepage_url", "docs_url", "repository_url")
            ]
        for slug in package.sources:
            if slug not in sources:
                yield f"{package.slug}: packages.toml names source {slug!r}, which sources.yaml does not have"
                continue
            addresses.append((f"source {slug}", sources[slug].get("url")))
        for where, url in addresses:
            if not url:
                yield f"{package.slug}: {where} has no address"
            elif normalise(url.rstrip("/")) == normalise(index.rstrip("/")) or url.startswith(index):
                continue
            elif not is_declared(url, declared):
                yield (
                    f"{package.slug}: {where} {url} is not declared by {package.name} {package.version} "
                    f"(it declares: {', '.join(declared) or 'nothing'})"
                )
