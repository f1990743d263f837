"""Scenarios the seed articles describe, as a table: what is built, for whom, under what load and deadline, the
framework the article recommends for it, and whether it suggests combining two frameworks. The engine must agree
with every row, on the shipped content: among Flask, FastAPI and Django (the frameworks the articles compare) the
article's choice ranks first. Where a framework the articles do not cover now leads, ``NOW_LED_BY`` says which and
why, and its place must rest on cited ratings.

The answers are written out here (not read from the use cases' presets) so that a content edit cannot silently
change what is being checked. The articles (``/work/shared/seeds/``, listed in ``content/sources.yaml``):

- 000: "Framework Showdown: Flask vs FastAPI vs Django in 2025" (when to use each, when not to, the production
  scenario that combines Django and FastAPI).
- 001: Alissa Nguyen, "FastAPI, Django, or Flask?" (2024; example use cases per framework).
- 002: Zestminds, "FastAPI vs Flask vs Django: Which Python Framework Should You Choose in 2026?" (best framework by
  project type).
- 003: Naren, TheCodeForge, "FastAPI vs Flask vs Django — When to Use Which" (2026; migration paths, the hybrid fix).
- 004: "Django vs Flask vs FastAPI" overview (project type table, when to choose each).
"""

import pytest

from advisor import engine, snapshot

# (article, what the article describes, the answers it implies, the framework it recommends, hybrid suggested)
SCENARIOS = [
    (
        "001",
        "real-time analytics API ingesting sensor data for a monitoring dashboard",
        {"project": "realtime", "data": "moderate", "load": "high", "workload": "io", "html": "api"},
        "fastapi",
        False,
    ),
    (
        "001",
        "multi-tenant SaaS with roles, reporting, an admin portal and two API styles, on a tight deadline",
        {
            "project": "saas",
            "admin": "essential",
            "auth": "complex",
            "data": "complex",
            "deadline": "tight",
            "html": "both",
        },
        "django",
        False,
    ),
    (
        "001",
        "a basic CRUD app over one database table",
        {"project": "prototype", "admin": "no", "auth": "none", "data": "simple", "load": "low", "team": "solo"},
        "flask",
        False,
    ),
    (
        "001",
        "a simple REST API for a small dataset",
        {"auth": "none", "data": "simple", "load": "low", "team": "solo", "html": "api"},
        "flask",
        False,
    ),
    (
        "001",
        "students learning web development fundamentals",
        {"project": "learning", "async": "none", "team": "solo", "deadline": "relaxed"},
        "flask",
        False,
    ),
    (
        "001",
        "high-performance async Python services",
        {"load": "high", "workload": "io", "async": "strong", "html": "api"},
        "fastapi",
        False,
    ),
    (
        "001",
        "a large full-featured web app with lots of CRUD and relational data",
        {"project": "full-stack", "data": "complex", "html": "pages", "admin": "nice"},
        "django",
        False,
    ),
    (
        "000",
        "a notification or webhook service beside the main product",
        {
            "project": "microservice",
            "admin": "no",
            "auth": "none",
            "data": "simple",
            "load": "low",
            "async": "none",
            "api-docs": "no",
            "html": "api",
            "control": "freedom",
        },
        "flask",
        False,
    ),
    ("000", "a tiny webhook receiver", {"project": "webhook", "data": "simple", "team": "solo"}, "flask", False),
    (
        "000",
        "machine-learning model serving with documented endpoints",
        {"project": "ai-api", "workload": "mixed", "api-docs": "essential", "html": "api"},
        "fastapi",
        False,
    ),
    (
        "000",
        "an async-heavy streaming / WebSocket service",
        {"project": "realtime", "load": "high", "workload": "io", "async": "strong", "html": "api"},
        "fastapi",
        False,
    ),
    (
        "000",
        "an internal tool whose staff manage data through an admin",
        {"project": "internal-tool", "admin": "essential", "load": "low", "html": "pages"},
        "django",
        False,
    ),
    (
        "000",
        "a full-stack web app with server-rendered pages alongside an API",
        {"project": "full-stack", "admin": "nice", "html": "both", "data": "moderate"},
        "django",
        False,
    ),
    (
        "000",
        "a small API where the team wants full control over the stack and does not know async",
        {"data": "simple", "load": "low", "async": "none", "html": "api", "control": "freedom"},
        "flask",
        False,
    ),
    (
        "000",
        "a mid-sized SaaS analytics platform: admin and user management now, hot mobile API endpoints later",
        {
            "project": "saas",
            "admin": "essential",
            "auth": "basic",
            "load": "high",
            "workload": "io",
            "team": "small",
            "html": "both",
        },
        "django",
        True,
    ),
    (
        "002",
        "an API-first product",
        {"project": "api-backend", "api-docs": "essential", "html": "api"},
        "fastapi",
        False,
    ),
    (
        "002",
        "an admin-heavy SaaS platform",
        {"project": "saas", "admin": "essential", "auth": "complex", "html": "both"},
        "django",
        False,
    ),
    (
        "002",
        "microservices with API contracts in containers",
        {"project": "microservice", "api-docs": "essential", "html": "api", "deploy": "containers"},
        "fastapi",
        False,
    ),
    (
        "002",
        "a simple MVP to validate an idea quickly",
        {"project": "prototype", "data": "simple", "deadline": "tight", "team": "small"},
        "flask",
        False,
    ),
    (
        "002",
        "an e-commerce backend",
        {"project": "commerce", "admin": "essential", "auth": "basic", "data": "complex", "html": "both"},
        "django",
        False,
    ),
    (
        "003",
        "a CMS with twenty-plus tables and an admin requirement",
        {"project": "cms", "admin": "essential", "data": "complex", "html": "pages", "control": "conventions"},
        "django",
        False,
    ),
    (
        "003",
        "an enterprise app needing auth, admin and reporting, built by several teams",
        {"admin": "essential", "auth": "complex", "data": "complex", "team": "large", "control": "conventions"},
        "django",
        False,
    ),
    (
        "003",
        "an app needing admin, auth and ORM that later needs high-performance documented APIs",
        {"admin": "essential", "auth": "basic", "data": "moderate", "load": "high", "api-docs": "essential"},
        "django",
        True,
    ),
    (
        "003",
        "an API that does not need Django's full stack",
        {"project": "api-backend", "admin": "no", "html": "api", "api-docs": "nice"},
        "fastapi",
        False,
    ),
    (
        "003",
        "a team with strong opinions about every library",
        {"control": "freedom", "team": "small", "html": "api", "data": "simple"},
        "flask",
        False,
    ),
    (
        "004",
        "a high-performance REST API",
        {"project": "api-backend", "load": "high", "workload": "io", "api-docs": "essential", "html": "api"},
        "fastapi",
        False,
    ),
    ("004", "rapid prototyping", {"project": "prototype", "team": "solo", "deadline": "tight"}, "flask", False),
    (
        "004",
        "a large monolithic web application",
        {"project": "full-stack", "data": "complex", "team": "large", "html": "both", "control": "conventions"},
        "django",
        False,
    ),
    ("004", "a real-time system", {"project": "realtime", "workload": "io", "html": "api"}, "fastapi", False),
]


SEED_FRAMEWORKS = ("flask", "fastapi", "django")

# Scenarios a framework added in issue 15 now leads, and why (the result page makes the same case from the ratings).
NOW_LED_BY = {
    # Litestar led the three async-API scenarios while its throughput was scored from its own suite's chart;
    # since issue 25 throughput follows our lab only, where Litestar is not yet measured, so the articles'
    # FastAPI leads them again.
    "an app needing admin, auth and ORM that later needs high-performance documented APIs": (
        "django-ninja",
        "it is Django (admin, auth, ORM) with typed, documented endpoints, so the article's Django stays the base",
    ),
}


_loaded: dict[str, engine.Content] = {}


@pytest.fixture
def content(db, request):
    """The shipped content (content/) as the engine's input, loaded once for this module (the engine is pure)."""
    if "shipped" not in _loaded:
        request.getfixturevalue("shipped_content")
        snapshot.clear_cache()
        _loaded["shipped"] = snapshot.load("shipped")
    return _loaded["shipped"]


def test_the_table_has_at_least_twenty_scenarios_from_every_article():
    assert len(SCENARIOS) >= 20
    assert {row[0] for row in SCENARIOS} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize(
    ("article", "described", "answers", "expected", "hybrid"),
    SCENARIOS,
    ids=[f"{row[0]}-{row[1][:48]}" for row in SCENARIOS],
)
def test_the_engine_agrees_with_the_article(content, article, described, answers, expected, hybrid):
    answers = engine.parse_answers(content, answers.items())
    outcome = engine.recommend(content, answers, with_flips=False)
    ranking = [(s.framework, s.score, s.missed) for s in outcome.ranking]
    seeds = [s for s in outcome.ranking if s.framework in SEED_FRAMEWORKS]
    assert seeds[0].framework == expected, ranking  # the article's choice among the frameworks it compares
    leader = NOW_LED_BY.get(described, (expected, ""))[0]
    assert outcome.winner == leader, ranking
    winner = outcome.ranking[0]
    assert winner.must_haves_met or not winner.must_haves, winner.must_haves
    assert any(r.effect > 0 for r in winner.reasons), "the winner's first place is explained by the answers"
    if leader != expected:
        # the new leader outscores the article's choice on ratings that cite their sources
        assert winner.score > seeds[0].score and winner.missed <= seeds[0].missed
        for reason in outcome.top_reasons:
            if reason["kind"] == "criterion":
                assert content.ratings[(leader, reason["criterion"])].sources, reason
            else:
                assert outcome.use_cases and content.use_cases[outcome.use_cases[0]["slug"]].sources
    assert (outcome.hybrid is not None) == hybrid, (outcome.hybrid, ranking)
    if hybrid:
        assert outcome.hybrid["frameworks"][0] == leader and len(outcome.hybrid["frameworks"]) == 2


def test_every_new_leader_is_a_scenario_of_the_table():
    assert set(NOW_LED_BY) <= {row[1] for row in SCENARIOS}
