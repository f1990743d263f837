"""The rules across cells of ``checkcontent`` (advisor/content/rules.py): each passes on the shipped content and
fails on a copy broken the way the audit found it broken."""

import shutil

import pytest

from advisor.content.checks import check
from advisor.content.packages import read_registry
from advisor.content.rules import free_threading_level, python_versions_level
from tests.conftest import SHIPPED_CONTENT


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, copy)
    return copy


def edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def problems(root) -> list[str]:
    return [str(p) for p in check(root)]


def test_the_shipped_content_keeps_every_rule():
    assert problems(SHIPPED_CONTENT) == []


def test_python_versions_follow_the_declared_floor(content):
    # BlackSheep once lost a point for a missing 3.15 classifier that Sanic, aiohttp and Pyramid also lack.
    edit(
        content / "ratings" / "blacksheep.yaml",
        "- criterion: python-versions\n  score: 5",
        "- criterion: python-versions\n  score: 4",
    )
    found = problems(content)
    assert any("entry 'blacksheep/python-versions', field 'score'" in p and "gives 5, not 4" in p for p in found)


def test_a_new_floor_in_the_registry_moves_the_expected_score(content):
    edit(
        content / "packages.toml",
        'version = "3.1.3"\nreleased = 2026-02-19\nrequires_python = ">=3.9"',
        'version = "3.1.3"\nreleased = 2026-02-19\nrequires_python = ">=3.12"',
    )
    assert any("entry 'flask/python-versions'" in p and "gives 2, not 5" in p for p in problems(content))


def test_the_rules_levels():
    registry = read_registry(SHIPPED_CONTENT)
    packages = registry.packages
    assert python_versions_level(packages["django"], registry) == 3  # 3.12+, with 5.2 LTS reaching 3.10
    assert python_versions_level(packages["fastapi"], registry) == 4  # 3.11+, the oldest maintained
    assert python_versions_level(packages["robyn"], registry) == 5  # no Requires-Python: lowest classifier, 3.10
    assert python_versions_level(packages["quart"], registry) == 2  # 3.13+, no older line
    assert [free_threading_level(packages[s]) for s in ("falcon", "tornado", "flask", "robyn")] == [5, 3, 2, 1]


def test_free_threading_follows_classifier_and_wheels(content):
    edit(content / "packages.toml", 'free_threading = "3 - Stable"\n', "")
    assert any("entry 'falcon/free-threading'" in p and "gives 3, not 5" in p for p in problems(content))


def test_an_inherited_criterion_equals_its_hosts(content):
    edit(content / "ratings" / "django-ninja.yaml", "- criterion: admin\n  score: 5", "- criterion: admin\n  score: 2")
    assert any("entry 'django-ninja/admin'" in p and "inherited from django" in p for p in problems(content))


def test_an_add_on_is_never_faster_than_its_host(content):
    edit(
        content / "ratings" / "django-ninja.yaml",
        "- criterion: throughput\n  score: 2",
        "- criterion: throughput\n  score: 3",
    )
    assert any(
        "entry 'django-ninja/throughput'" in p and "cannot be faster than django" in p for p in problems(content)
    )


def test_the_same_add_on_gets_the_same_score_unless_the_difference_is_said(content):
    ratings = content / "ratings" / "starlette.yaml"
    edit(ratings, "- criterion: admin\n  score: 1", "- criterion: admin\n  score: 2")
    found = [p for p in problems(content) if "entry 'starlette/admin'" in p]
    assert any("sqladmin is scored 2 here and 1 for fastapi" in p for p in found), found
    edit(ratings, "explanation: 'No admin in Starlette.", "explanation: 'No admin in Starlette; unlike FastAPI, ...")
    found = [p for p in problems(content) if "entry 'starlette/admin'" in p]
    assert found and not any("for fastapi" in p for p in found)  # Litestar's cell still disagrees


def test_a_long_silent_extension_is_flagged_wherever_it_is_named(content):
    edit(content / "frameworks" / "bottle.yaml", "bottle-sqlalchemy (no release since 2015)", "bottle-sqlalchemy")
    assert any(
        "frameworks/bottle.yaml, entry 'bottle', field 'extensions'" in p and "since 2015" in p
        for p in problems(content)
    )


def test_a_flag_that_no_longer_holds_is_stale(content):
    edit(
        content / "frameworks" / "flask.yaml",
        "  - **Admin**: Flask-Admin.",
        "  - **Admin**: Flask-Admin (no release since 2019).",
    )
    assert any("'no release since 2019' matches no registered extension" in p for p in problems(content))


def test_as_of_statements_say_when_they_were_checked(content):
    edit(content / "frameworks" / "tornado.yaml", "November 2026; checked 2026-12-06)", "November 2026)")
    assert any("frameworks/tornado.yaml" in p and "'as of'" in p for p in problems(content))


def test_the_summary_names_the_recorded_release(content):
    edit(content / "packages.toml", 'version = "6.6.1"', 'version = "6.7.0"')
    assert any(
        "frameworks/tornado.yaml, entry 'tornado', field 'summary'" in p and "6.7.0" in p for p in problems(content)
    )


def test_a_folder_without_registry_skips_the_registry_rules(content):
    (content / "packages.toml").unlink()
    assert problems(content) == []


def test_pitfalls_and_migrations_that_recommend_a_silent_extension_flag_it_too(content):
    edit(content / "pitfalls.yaml", "flasgger, with no release since 2023,", "flasgger,")
    assert any("pitfalls.yaml, entry 'docs-missing-endpoints', field 'cause'" in p for p in problems(content))
