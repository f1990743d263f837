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
    faster = _cell(content, "django", "throughput")["score"] + 1
    _rewrite_cell(content, "django-ninja", "throughput", lambda cell: cell.update(score=faster))
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


def _cell(root, framework: str, criterion: str) -> dict:
    import yaml

    cells = yaml.safe_load((root / "ratings" / f"{framework}.yaml").read_text())
    return next(c for c in cells if c["criterion"] == criterion)


def _rewrite_cell(root, framework: str, criterion: str, change) -> None:
    import yaml

    from advisor.content.files import dump_yaml

    path = root / "ratings" / f"{framework}.yaml"
    cells = yaml.safe_load(path.read_text())
    for cell in cells:
        if cell["criterion"] == criterion:
            change(cell)
    path.write_text(dump_yaml(cells))


@pytest.mark.parametrize("criterion", ["throughput", "footprint"])
def test_measured_scores_follow_the_newest_lab_run(content, criterion):
    from advisor.content import labrule

    run = labrule.latest_run(content)
    measured = labrule.speed(run, "flask") if criterion == "throughput" else labrule.size(run, "flask")
    assert _cell(content, "flask", criterion)["score"] == measured.level
    wrong = 5 if measured.level != 5 else 4
    _rewrite_cell(content, "flask", criterion, lambda cell: cell.update(score=wrong))
    assert any(
        f"entry 'flask/{criterion}', field 'score'" in p and f"level {measured.level}" in p for p in problems(content)
    )


def test_a_measured_cell_must_cite_the_newest_run(content):
    from advisor.content import labrule

    run_source = "lab-" + labrule.latest_run(content)["slug"]

    def drop(cell):
        cell["evidence"] = [e for e in cell["evidence"] if e["source"] != run_source]

    _rewrite_cell(content, "bottle", "throughput", drop)
    assert any("entry 'bottle/throughput', field 'evidence'" in p and run_source in p for p in problems(content))


def test_lab_rule_arithmetic():
    from advisor.content import labrule

    def server(name: str, plaintext: int, json: int) -> dict:
        return {
            "server": name,
            "endpoints": [{"endpoint": "plaintext", "rps": plaintext}, {"endpoint": "json", "rps": json}],
        }

    run = {
        "slug": "t",
        "date": "2026-01-01",
        "apps": [
            {
                "slug": "raw",
                "baseline": True,
                "install_kib": 1000,
                "servers": [server("a", 1000, 800), server("b", 2000, 400)],
            },
            {
                "slug": "x",
                "framework": "x",
                "install_kib": 1600,
                "servers": [server("a", 500, 200), server("b", 100, 100)],
            },
        ],
    }
    # The reference is the fastest baseline per endpoint, whatever its server: 2000 (b) and 800 (a).
    assert labrule.reference(run, "plaintext") == ("raw", "b", 2000)
    assert labrule.reference(run, "json") == ("raw", "a", 800)
    speed = labrule.speed(run, "x")
    assert speed.server == "a" and speed.ratio == pytest.approx((0.25 + 0.25) / 2) and speed.level == 4
    assert labrule.size(run, "x").level == 3  # 1.6 times the servers alone
    assert [labrule.throughput_level(r) for r in (0.5, 0.49, 0.25, 0.1, 0.099)] == [5, 4, 4, 3, 2]
    assert [labrule.footprint_level(r) for r in (0.99, 1.0, 1.49, 1.5, 2.0)] == [5, 4, 4, 3, 2]
