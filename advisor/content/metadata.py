"""Package metadata for the source check: the ``METADATA`` of one release, from the lab's environments when one of
them has it installed, else from ``pip download --no-deps`` of exactly that release (nothing is installed), and the
addresses it declares (home page, ``Project-URL`` entries, download address).

Nothing here knows a documentation host: an address is accepted because the release itself declares it.
"""

from __future__ import annotations

import email.parser
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.message import Message
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit


class MetadataProvider(Protocol):
    def metadata(self, name: str, version: str) -> Message | None: ...


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(text: str) -> Message:
    return email.parser.Parser().parsestr(text, headersonly=True)


class LabEnvironments:
    """``lab/.venvs/*/lib/python3*/site-packages/*.dist-info/METADATA`` of the lab's pinned environments."""

    def __init__(self, lab_root: Path):
        self.lab_root = lab_root

    def metadata(self, name: str, version: str) -> Message | None:
        for path in sorted(self.lab_root.glob(".venvs/*/lib/python3*/site-packages/*.dist-info/METADATA")):
            dist, _, found = path.parent.name.removesuffix(".dist-info").rpartition("-")
            if normalise(dist) == normalise(name) and found == version:
                return parse(path.read_text(encoding="utf-8"))
        return None


class PipDownload:
    """``pip download --no-deps NAME==VERSION`` into a scratch folder, then the archive's metadata file."""

    def metadata(self, name: str, version: str) -> Message | None:
        with tempfile.TemporaryDirectory() as folder:
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python", "--quiet"]
            command += ["--disable-pip-version-check", "--dest", folder, f"{name}=={version}"]
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
            if done.returncode:
                return None
            for archive in sorted(Path(folder).iterdir()):
                text = read_archive_metadata(archive)
                if text:
                    return parse(text)
        return None


def read_archive_metadata(archive: Path) -> str | None:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            for member in wheel.namelist():
                if member.endswith(".dist-info/METADATA"):
                    return wheel.read(member).decode("utf-8")
    elif archive.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive) as sdist:
            for member in sdist.getmembers():
                if member.name.count("/") == 1 and member.name.endswith("/PKG-INFO"):
                    return sdist.extractfile(member).read().decode("utf-8")
    return None


class Chain:
    """The first provider that has the release."""

    def __init__(self, *providers: MetadataProvider):
        self.providers = providers

    def metadata(self, name: str, version: str) -> Message | None:
        for provider in self.providers:
            found = provider.metadata(name, version)
            if found is not None:
                return found
        return None


def declared_addresses(metadata: Message) -> list[str]:
    """Every address the release declares: ``Home-page``, ``Download-URL`` and each ``Project-URL``."""
    addresses = [metadata.get(key, "") for key in ("Home-page", "Download-URL")]
    addresses += [value.partition(",")[2].strip() for value in metadata.get_all("Project-URL") or []]
    return [a for a in addresses if a.startswith(("http://", "https://"))]


def _parts(url: str) -> tuple[str, list[str]]:
    split = urlsplit(url.strip())
    host = split.netloc.lower().removeprefix("www.")
    return host, [p for p in split.path.split("/") if p]


FORGES = ("github.com", "gitlab.com", "codeberg.org")


def repository_root(address: str) -> str | None:
    """``https://github.com/owner/name`` for an address inside a repository on a forge, else None."""
    host, path = _parts(address)
    if host in FORGES and len(path) >= 2:
        return f"https://{host}/{path[0]}/{path[1].removesuffix('.git')}"
    return None


def is_declared(url: str, addresses: list[str]) -> bool:
    """Whether ``url`` lies under an address the release declares: in a repository one of them points into (on a
    forge), or on a documentation host one of them names (host without ``www.``; scheme and path ignored, since
    a project's own host serves its pages under many paths)."""
    host, path = _parts(url)
    for address in addresses:
        root = repository_root(address)
        if root:
            if _parts(root)[0] == host and [p.lower() for p in path[:2]] == [p.lower() for p in _parts(root)[1]]:
                return True
        elif host == _parts(address)[0] and host not in FORGES:
            return True
    return False
