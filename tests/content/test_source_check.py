"""``manage.py checksources``: official source addresses against the metadata the release declares. No network:
the metadata comes from a fake provider, a fake lab environment or a wheel built here."""

import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from advisor.content import metadata as metadata_module
from advisor.content.metadata import LabEnvironments, is_declared, parse, read_archive_metadata
from advisor.content.sourcecheck import check_sources
from advisor.management.commands import checksources

METADATA = """Metadata-Version: 2.4
Name: demo
Version: 1.0
Home-page: http://www.demo.dev/
Project-URL: Documentation, https://docs.demo.dev/en/stable/
Project-URL: Source, https://github.com/demo-org/demo
"""


class FakeProvider:
    def __init__(self, text=METADATA):
        self.text, self.asked = text, []

    def metadata(self, name, version):
        self.asked.append((name, version))
        return parse(self.text) if self.text else None


def tiny(tmp_path: Path, urls: dict[str, str]) -> Path:
    root = tmp_path / "content"
    (root / "frameworks").mkdir(parents=True)
    (root / "packages.toml").write_text(
        'checked = 2026-12-06\nmaintained_python = ["3.11"]\n\n[framework.demo]\nname = "demo"\nversion = "1.0"\n'
        f"released = 2026-01-01\nsources = {list(urls)!r}\n".replace("'", '"')
    )
    (root / "sources.yaml").write_text("".join(f"- slug: {slug}\n  url: {url}\n" for slug, url in urls.items()))
    (root / "frameworks" / "demo.yaml").write_text(
        "slug: demo\nhomepage_url: https://demo.dev/\ndocs_url: https://docs.demo.dev/\n"
        "repository_url: https://github.com/demo-org/demo\n"
    )
    return root


def test_declared_addresses_pass_and_a_lapsed_domain_is_listed(tmp_path):
    root = tiny(
        tmp_path,
        {
            "demo-docs": "https://docs.demo.dev/en/latest/guide.html",
            "demo-changes": "https://github.com/demo-org/demo/blob/main/CHANGES.md",
            "demo-pypi": "https://pypi.org/project/demo/",
            "demo-old-docs": "https://demo.readthedocs.io/",
        },
    )
    provider = FakeProvider()
    lines = list(check_sources(root, provider, "https://pypi.org"))
    assert provider.asked == [("demo", "1.0")]
    assert len(lines) == 1 and "source demo-old-docs https://demo.readthedocs.io/ is not declared" in lines[0]


def test_missing_metadata_and_unknown_sources_are_listed(tmp_path):
    root = tiny(tmp_path, {"demo-gone": "https://docs.demo.dev/"})
    assert "no metadata for demo 1.0" in next(check_sources(root, FakeProvider(""), "https://pypi.org"))
    (root / "sources.yaml").write_text("[]\n")
    assert any("which sources.yaml does not have" in line for line in check_sources(root, FakeProvider(), "x"))


def test_a_repository_address_covers_that_repository_only():
    declared = ["https://github.com/demo-org/demo", "https://docs.demo.dev/"]
    assert is_declared("https://github.com/Demo-Org/demo/releases", declared)
    assert not is_declared("https://github.com/demo-org/demo-benchmarks", declared)
    assert not is_declared("https://github.com/", declared)
    assert is_declared("http://docs.demo.dev/other/page.html", declared)
    assert not is_declared("https://demo.dev.example.com/", declared)


def test_lab_environments_and_archives_give_the_release_metadata(tmp_path):
    info = tmp_path / "lab" / ".venvs" / "demo" / "lib" / "python3.12" / "site-packages" / "demo-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(METADATA)
    lab = LabEnvironments(tmp_path / "lab")
    assert lab.metadata("Demo", "1.0")["Version"] == "1.0"
    assert lab.metadata("demo", "2.0") is None
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo-1.0.dist-info/METADATA", METADATA)
    assert "Project-URL: Source" in read_archive_metadata(wheel)


def test_the_command_prints_mismatches_and_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(checksources, "PipDownload", FakeProvider)
    monkeypatch.setattr(metadata_module.LabEnvironments, "metadata", lambda self, name, version: None)
    good = tiny(tmp_path, {"demo-docs": "https://docs.demo.dev/"})
    call_command("checksources", str(good))
    assert capsys.readouterr().out == ""
    (good / "sources.yaml").write_text("- slug: demo-docs\n  url: https://demo.io/\n")
    with pytest.raises(CommandError, match="1 source"):
        call_command("checksources", str(good))
    assert "https://demo.io/ is not declared" in capsys.readouterr().out
