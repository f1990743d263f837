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
    # Since issue 24 the lab measures all fifteen: for high-performance async services Litestar, measured at about
    # twice FastAPI's requests per second on the same servers (throughput 4 against 3), with the same async model
    # and typed validation, leads; the two other async-API scenarios still go to FastAPI.
    "high-performance async Python services": (
        "litestar",
        "our lab measures it about twice as fast as FastAPI on the same servers, with the same async model",
    ),
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
    stack = outcome.headline["stack"]
    close = outcome.headline["close"]
    if stack and leader in (stack["host"], stack["addon"]):
        # An add-on and its host are one stack (issue 26): "Django with Django Ninja for the API" is Django.
        assert outcome.winner in (stack["host"], stack["addon"]), ranking
    elif close and close["framework"] == leader:
        # A close race (issue 26): the article's choice is the named alternative, "either is a sound choice".
        assert close["margin"] <= engine.CLOSE_RACE, close
    else:
        assert outcome.winner == leader, ranking
    winner = outcome.ranking[0]
    assert winner.must_haves_met or not winner.must_haves, winner.must_haves
    assert any(r.effect > 0 for r in winner.reasons), "the winner's first place is explained by the answers"
    if leader != expected and outcome.winner == leader:
        # the new leader outscores the article's choice on ratings that cite their sources
        assert winner.score > seeds[0].score and winner.missed <= seeds[0].missed
        for reason in outcome.top_reasons:
            if reason["kind"] == "criterion":
                assert content.ratings[(leader, reason["criterion"])].sources, reason
            else:
                assert outcome.use_cases and content.use_cases[outcome.use_cases[0]["slug"]].sources
    assert (outcome.hybrid is not None) == hybrid, (outcome.hybrid, ranking)
    if hybrid:
        # an add-on leading its host is named by its host in a hybrid ("Django with FastAPI")
        first = stack["host"] if stack and outcome.winner == stack["addon"] else outcome.winner
        assert outcome.hybrid["frameworks"][0] == first and len(outcome.hybrid["frameworks"]) == 2
        assert first == leader or (stack and leader in (stack["host"], stack["addon"]))


def test_every_new_leader_is_a_scenario_of_the_table():
    assert set(NOW_LED_BY) <= {row[1] for row in SCENARIOS}


# Issue 26: the principles an experienced engineer applies, checked on answer sets a new user would give. Each row:
# (the principle, the answers, what must hold). Sources: content/relations.yaml (Django Ninja runs inside Django,
# django-ninja-docs; Quart follows Flask's API, quart-docs) and content/migrations.yaml (flask-to-quart, from Quart's
# own migration docs).
ADDON_HOST = [
    # no API asked for: Django leads, Django Ninja beside it, never above it
    ({}, "django"),
    ({"admin": "essential"}, "django"),
    ({"project": "cms"}, "django"),
    ({"project": "commerce", "admin": "essential"}, "django"),
    ({"team": "large", "html": "pages"}, "django"),
    ({"project": "full-stack", "html": "pages", "data": "complex"}, "django"),
    # a typed, documented API asked for: the stack, led by the add-on
    ({"codebase": "django", "project": "api-backend", "api-docs": "essential"}, "django-ninja"),
    ({"project": "saas", "admin": "essential", "load": "high", "api-docs": "essential"}, "django-ninja"),
]


@pytest.mark.parametrize(("answers", "leads"), ADDON_HOST, ids=[str(a) for a, _ in ADDON_HOST])
def test_an_addon_is_recommended_with_its_host(content, answers, leads):
    """Django Ninja never ranks above Django unless the answers ask for a typed API, and the two rank side by
    side as one stack."""
    outcome = engine.recommend(content, engine.parse_answers(content, answers.items()), with_flips=False)
    order = [s.framework for s in outcome.ranking]
    assert abs(order.index("django") - order.index("django-ninja")) == 1, order
    assert outcome.winner == leads, order
    stack = outcome.headline["stack"]
    assert stack == {**stack, "host": "django", "addon": "django-ninja", "leads": leads}
    assert bool(stack["asked"]) == (leads == "django-ninja")
    assert outcome.ranking[0].stacked_with["framework"] == ({"django", "django-ninja"} - {leads}).pop()


# (answers, the framework the kept code puts first, the frameworks that may still rank above it). With ``None``, a
# rewrite is acceptable: the kept code counts for nothing and the framework it would favour does not lead.
EXISTING_CODE = [
    # keeping Flask code while moving to async: Quart (Flask's API on asyncio), unless a rewrite is acceptable
    ({"project": "flask-async", "async": "some"}, "quart", ()),
    # The same team building a real-time service: FastAPI may lead it, on the real-time use case it fits best and
    # the only measured throughput of the two (since issue 25 throughput follows our lab only: FastAPI's is 4,
    # Quart's unknown, which earns nothing), against a moderate migration path. The kept code still puts Quart
    # above every other framework, Litestar included, which outranks it once a rewrite is acceptable (next row).
    ({"codebase": "flask", "project": "realtime", "async": "some", "workload": "io"}, "quart", ("fastapi",)),
    (
        {"codebase": "flask", "rewrite": "open", "project": "realtime", "async": "some", "workload": "io"},
        None,
        ("quart",),
    ),
    # a Django team adding an API: Django Ninja inside Django
    ({"project": "django-api"}, "django-ninja", ()),
    ({"codebase": "django", "project": "api-backend"}, "django-ninja", ()),
    # a team on a smaller framework keeps it
    ({"codebase": "tornado", "project": "realtime"}, "tornado", ()),
    ({"codebase": "aiohttp", "project": "realtime"}, "aiohttp", ()),
    ({"codebase": "sanic", "project": "realtime"}, "sanic", ()),
    ({"codebase": "pyramid", "project": "full-stack", "control": "freedom"}, "pyramid", ()),
    ({"codebase": "bottle", "project": "webhook"}, "bottle", ()),
    ({"codebase": "blacksheep", "project": "api-backend"}, "blacksheep", ()),
    ({"codebase": "falcon", "project": "microservice"}, "falcon", ()),
]


@pytest.mark.parametrize(("answers", "leads", "above_ok"), EXISTING_CODE, ids=[str(a) for a, *_ in EXISTING_CODE])
def test_the_code_the_team_keeps_counts(content, answers, leads, above_ok):
    outcome = engine.recommend(content, engine.parse_answers(content, answers.items()), with_flips=False)
    order = [(s.framework, s.score) for s in outcome.ranking[:4]]
    if leads is None:  # a rewrite is acceptable: the kept code does not count at all
        assert outcome.existing_code is None
        assert outcome.winner not in above_ok, order
        return
    names = [s.framework for s in outcome.ranking]
    assert set(names[: names.index(leads)]) <= set(above_ok), order
    assert outcome.existing_code is not None
    kept = [r for r in outcome.ranking[names.index(leads)].reasons if r.kind == "existing_code"]
    assert kept and kept[0].effect > 0, kept
    if above_ok:  # what ranks it above the rest is the kept code: open to a rewrite, it falls behind them
        rewrite = engine.recommend(
            content, engine.parse_answers(content, {**answers, "rewrite": "open"}.items()), with_flips=False
        )
        after = [s.framework for s in rewrite.ranking]
        assert after.index(leads) > names.index(leads), after[:6]


# Every framework leads at least one realistic answer set (with the reason), here or in the tables above. The frameworks
# that no use case puts first lead for a team that already runs them (their own code kept); Robyn only then, and only
# for a small typed service: its throughput and footprint are unrated (since issue 25 only our lab rates them), which
# its page says (advisor/cases.py; tests/public/test_public_pages.py).
EVERY_FRAMEWORK_LEADS = {
    "flask": {"project": "webhook", "data": "simple", "team": "solo"},  # 000: a tiny webhook receiver
    "fastapi": {"project": "ai-api"},  # 002: AI/ML APIs
    "django": {"project": "cms"},  # 002: content-heavy sites
    # Litestar's case was speed (a high-load real-time service), scored from its own suite's chart; since issue 25
    # throughput follows our lab only, where it is not yet measured, and FastAPI leads that case. Its honest case
    # today: a team already running it keeps its code for that same service.
    "litestar": {"codebase": "litestar", "project": "realtime", "load": "high", "async": "strong"},
    # the toolkit use case for a lean async site that serves pages: nothing asks for FastAPI's typed, documented
    # API, and Starlette is the more flexible toolkit (with "html": "api" FastAPI now edges it, on a footprint and
    # throughput our lab measured for FastAPI only; Starlette's are unknown until it does)
    "starlette": {"project": "asgi-service", "html": "pages", "control": "freedom"},
    "django-ninja": {"codebase": "django", "api-docs": "essential", "project": "api-backend"},  # drf-to-django-ninja
    "quart": {"project": "flask-async", "async": "some"},  # flask-to-quart, quart-same-api-flask
    "sanic": {"codebase": "sanic", "project": "realtime"},
    "falcon": {"codebase": "falcon", "project": "microservice"},
    "aiohttp": {"codebase": "aiohttp", "project": "realtime"},
    "tornado": {"codebase": "tornado", "project": "realtime"},
    "pyramid": {"codebase": "pyramid", "project": "full-stack", "control": "freedom"},
    "bottle": {"codebase": "bottle", "project": "webhook"},
    "blacksheep": {"codebase": "blacksheep", "project": "api-backend"},
    # the microservices use case's own answers, for a team already running Robyn
    "robyn": {
        "codebase": "robyn",
        "project": "microservice",
        "data": "simple",
        "api-docs": "essential",
        "html": "api",
        "deploy": "containers",
    },
}
NEVER_LEADS: dict[str, str] = {}


def test_every_framework_has_a_case_or_says_why_not(content):
    assert set(EVERY_FRAMEWORK_LEADS) | set(NEVER_LEADS) == {fw.slug for fw in content.frameworks}
    for slug, answers in EVERY_FRAMEWORK_LEADS.items():
        outcome = engine.recommend(content, engine.parse_answers(content, answers.items()), with_flips=False)
        assert outcome.winner == slug, (slug, [s.framework for s in outcome.ranking[:3]])


# Answer sets where a framework must not reach the top three (an experienced engineer rules it out).
RULED_OUT = [
    ({"project": "api-backend", "team": "small", "deadline": "tight"}, {"robyn", "bottle", "tornado"}),
    ({"project": "saas", "admin": "essential", "auth": "complex"}, {"bottle", "robyn", "starlette", "falcon"}),
    ({"project": "learning"}, {"robyn", "blacksheep", "tornado", "django-ninja"}),
    ({"project": "realtime", "load": "high", "async": "strong"}, {"bottle", "pyramid", "django", "flask"}),
    ({"project": "cms"}, {"bottle", "robyn", "falcon", "starlette", "fastapi"}),
    ({}, {"robyn", "blacksheep", "bottle"}),
]


@pytest.mark.parametrize(("answers", "excluded"), RULED_OUT, ids=[str(a) for a, _ in RULED_OUT])
def test_what_an_engineer_rules_out_stays_out_of_the_top_three(content, answers, excluded):
    outcome = engine.recommend(content, engine.parse_answers(content, answers.items()), with_flips=False)
    top = {s.framework for s in outcome.ranking[:3]}
    assert not top & excluded, [s.framework for s in outcome.ranking[:5]]


def test_a_close_race_names_what_separates_the_two(content):
    # An API for a SPA or mobile app: FastAPI (the API-first use case, async) and Django Ninja (admin, release
    # policy) within two points. The AI-API case was close while Litestar's throughput was scored from its own
    # suite; since issue 25 it is unknown, and FastAPI leads that case by far.
    outcome = engine.recommend(content, {"project": "api-backend"}, with_flips=False)
    close = outcome.headline["close"]
    assert close is not None and close["margin"] <= engine.CLOSE_RACE
    assert close["framework"] == outcome.ranking[1].framework
    assert close["winner_ahead_on"] or close["rival_ahead_on"]
    far = engine.recommend(content, {"project": "cms"}, with_flips=False)
    assert far.headline["close"] is None
