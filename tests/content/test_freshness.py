"""``manage.py checkfreshness``: what the package index published since the registry was checked. No network: a
fake index stands in for the JSON API."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from advisor.content.freshness import Release, check_freshness
from advisor.content.packages import read_registry
from advisor.management.commands import checkfreshness
from tests.conftest import SHIPPED_CONTENT

REGISTRY = """checked = 2026-12-06
maintained_python = ["3.11"]

[framework.demo]
name = "demo"
version = "1.0"
released = 2026-01-01
requires_python = ">=3.10"

[extension.demo-admin]
name = "demo-admin"
version = "0.3"
released = 2023-12-20
"""


class FakeIndex:
    def __init__(self, releases):
        self.data = releases

    def releases(self, name):
        return self.data.get(name, [])


def folder(tmp_path):
    (tmp_path / "packages.toml").write_text(REGISTRY)
    return tmp_path


INDEX = FakeIndex(
    {
        "demo": [
            Release("1.0", date(2026, 1, 1), ">=3.10"),
            Release("1.1", date(2026, 11, 30), ">=3.11"),
            Release("2.0rc1", date(2026, 12, 1), ">=3.11"),
        ],
        "demo-admin": [Release("0.3", date(2023, 12, 20), "")],
    }
)


def test_new_releases_and_floors_are_listed(tmp_path):
    lines = list(check_freshness(folder(tmp_path), INDEX, date(2026, 12, 6)))
    assert lines == [
        "demo: demo 1.1 released 2026-11-30, Requires-Python >=3.11 (a new Python floor); "
        "the content describes 1.0 (checked 2026-12-06)"
    ]


def test_an_extension_that_crosses_three_years_without_a_release_is_listed(tmp_path):
    lines = list(check_freshness(folder(tmp_path), INDEX, date(2026, 12, 21)))
    assert lines[-1].startswith("demo-admin: no release since 2023-12-20")
    assert "'no release since 2023'" in lines[-1]


def test_the_shipped_registry_is_fresh_against_its_own_record():
    registry = read_registry(SHIPPED_CONTENT)
    index = FakeIndex({p.name: [Release(p.version, p.released, p.requires_python)] for p in registry.packages.values()})
    assert list(check_freshness(SHIPPED_CONTENT, index, registry.checked)) == []


def test_the_command_fails_when_there_is_something_to_recheck(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(checkfreshness, "JSONIndex", lambda url: INDEX)
    with pytest.raises(CommandError, match="1 change"):
        call_command("checkfreshness", str(folder(tmp_path)), today=date(2026, 12, 6))
    assert "demo 1.1 released" in capsys.readouterr().out
    monkeypatch.setattr(checkfreshness, "JSONIndex", lambda url: FakeIndex({"demo": INDEX.data["demo"][:1]}))
    call_command("checkfreshness", str(folder(tmp_path)), today=date(2026, 12, 6))
    assert capsys.readouterr().out == ""
