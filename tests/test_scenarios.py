"""Worked examples from the seed articles: answering as the example implies ranks the article's pick first.

Each scenario names its source and the answers the example implies; the answers are written out here (not
read from the use cases' presets) so that a content edit cannot silently change what is being checked.
"""

import pytest

from advisor import engine, snapshot

SCENARIOS = [
    pytest.param(
        # 001's worked example: an analytics API fed by fast sensor streams, feeding a live dashboard: FastAPI.
        {"project": "realtime", "data": "moderate", "load": "high", "workload": "io", "html": "api"},
        "fastapi",
        id="001-realtime-sensor-analytics-api",
    ),
    pytest.param(
        # 001's worked example: multi-tenant SaaS with roles, reports, an admin portal and two API styles,
        # due soon: Django.
        {
            "project": "saas",
            "admin": "essential",
            "auth": "complex",
            "data": "complex",
            "deadline": "tight",
            "html": "both",
        },
        "django",
        id="001-multi-tenant-saas-tight-deadline",
    ),
    pytest.param(
        # 001's worked example: a small CRUD API over one table: Flask.
        {"project": "prototype", "admin": "no", "auth": "none", "data": "simple", "load": "low", "team": "solo"},
        "flask",
        id="001-simple-crud-single-table",
    ),
    pytest.param(
        # 000's hybrid scenario: the notification/webhook service goes to Flask, small and simple, needing
        # neither Django's batteries nor FastAPI's async model.
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
        id="000-webhook-notification-service",
    ),
    pytest.param(
        # 000 and 002: machine-learning model serving with automatic API documentation: FastAPI.
        {"project": "ai-api", "workload": "mixed", "api-docs": "essential", "html": "api"},
        "fastapi",
        id="000-002-ml-model-serving-with-docs",
    ),
    pytest.param(
        # 003: "a CMS with 20+ tables and a requirement for an admin": Django.
        {"project": "cms", "admin": "essential", "data": "complex", "html": "pages", "control": "conventions"},
        "django",
        id="003-cms-many-tables-admin",
    ),
    pytest.param(
        # 002 (best framework by project type) and 004: an e-commerce backend: Django.
        {"project": "commerce", "admin": "essential", "auth": "basic", "data": "complex", "html": "both"},
        "django",
        id="002-004-ecommerce-backend",
    ),
    pytest.param(
        # 001: students and newcomers learn the fundamentals best with Flask.
        {"project": "learning", "async": "none", "team": "solo", "deadline": "relaxed"},
        "flask",
        id="001-student-learning-web-development",
    ),
    pytest.param(
        # 004 (project type table): a high-performance REST API: FastAPI.
        {"project": "api-backend", "load": "high", "workload": "io", "api-docs": "essential", "html": "api"},
        "fastapi",
        id="004-high-performance-rest-api",
    ),
    pytest.param(
        # 004 (project type table): rapid prototyping: Flask.
        {"project": "prototype", "team": "solo", "deadline": "tight"},
        "flask",
        id="004-rapid-prototyping",
    ),
    pytest.param(
        # 003 (common mistakes): an enterprise app that needs authentication, admin and reporting: Django.
        {"admin": "essential", "auth": "complex", "data": "complex", "team": "large", "control": "conventions"},
        "django",
        id="003-enterprise-app-auth-admin-reporting",
    ),
    pytest.param(
        # 004 (project type table): a large monolithic web application: Django.
        {"project": "full-stack", "data": "complex", "team": "large", "html": "both", "control": "conventions"},
        "django",
        id="004-large-monolithic-web-app",
    ),
    pytest.param(
        # 000 (when not to use): avoid FastAPI when the team does not know async; 001: a simple REST API for a
        # small dataset: Flask.
        {"async": "none", "load": "low", "data": "simple", "team": "solo", "html": "api"},
        "flask",
        id="000-small-api-team-new-to-async",
    ),
]


_loaded: dict[str, engine.Content] = {}


@pytest.fixture
def content(db, request):
    """The shipped content (content/) as the engine's input. The engine is pure, so the snapshot taken by
    the first test is reused by the others instead of loading the whole content into the database again."""
    if "shipped" not in _loaded:
        request.getfixturevalue("shipped_content")
        snapshot.clear_cache()
        _loaded["shipped"] = snapshot.load("shipped")
    return _loaded["shipped"]


@pytest.mark.parametrize(("answers", "expected"), SCENARIOS)
def test_scenario_ranks_the_articles_pick_first(content, answers, expected):
    answers = engine.parse_answers(content, answers.items())  # the answers are valid questionnaire answers
    outcome = engine.recommend(content, answers)
    ranking = [(s.framework, s.score, s.missed) for s in outcome.ranking]
    assert outcome.winner == expected, ranking
    winner = outcome.ranking[0]
    assert winner.must_haves_met or not winner.must_haves, winner.must_haves
    assert any(r.effect > 0 for r in winner.reasons), "the winner's first place is explained by the answers"


def test_hybrid_scenario_admin_with_high_io_load(content):
    """000: a SaaS analytics platform keeps Django for the admin and adds FastAPI for the hot endpoints."""
    answers = {"project": "saas", "admin": "essential", "load": "high", "workload": "io", "html": "both"}
    outcome = engine.recommend(content, answers)
    assert outcome.winner == "django"
    assert outcome.hybrid is not None
    assert set(outcome.hybrid["frameworks"]) == {"django", "fastapi"}


def test_every_use_case_preset_is_valid_and_scored(content):
    for use_case in content.use_cases.values():
        answers = engine.parse_answers(content, use_case.preset.items())
        outcome = engine.recommend(content, answers, with_flips=False)
        assert len(outcome.ranking) == len(content.frameworks)


def test_every_choice_has_a_scoring_effect_or_is_neutral_by_design(content):
    """Curators see which choices do nothing; the neutral ones are the middle options and "unsure"."""
    neutral = {
        (q.slug, c.slug)
        for q in content.questions
        for c in q.choices
        if not c.weights and not c.must_haves and not c.use_case
    }
    assert neutral <= {
        ("async", "some"),
        ("team", "small"),
        ("deadline", "normal"),
        ("deadline", "relaxed"),
        ("control", "balanced"),
        ("deploy", "unsure"),
    }
