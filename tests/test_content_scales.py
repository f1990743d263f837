"""Every rating agrees with the scale level it claims.

Two tables, both reviewed by hand against ``content/criteria.yaml`` and ``content/ratings/*.yaml``:

- ``REVIEWED`` pins each cell's score. Changing a score in the content without reviewing it here fails.
- ``LEVELS`` says, for each (criterion, level) in use, what an explanation at that level must say
  (``needs``: at least one pattern matches) and what it must not say (``not``: phrases that belong to
  another level of the same scale). So a score moved to another level fails unless its explanation is
  rewritten to that level's terms, and an explanation that describes a different level fails too.

Each level used must also be defined by the criterion's scale text ("3:" or a range such as "1-2:").
The checks read the YAML files directly: no database is needed.
"""

import re
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parent.parent / "content"
FRAMEWORKS = ["flask", "fastapi", "django"]

# (framework, criterion) -> score, as reviewed against the scale text.
REVIEWED = {
    "async": (2, 5, 3),
    "api-docs": (3, 5, 3),
    "validation": (2, 5, 3),
    "data-contracts": (1, 5, 3),
    "orm": (3, 2, 5),
    "migrations": (3, 2, 5),
    "admin": (2, 1, 5),
    "auth": (2, 2, 5),
    "throughput": (3, 3, 2),
    "concurrency": (2, 5, 3),
    "realtime": (2, 5, 3),
    "html-forms": (3, 2, 5),
    "learning-curve": (5, 3, 2),
    "batteries": (2, 3, 5),
    "time-to-first-version": (5, 4, 4),
    "flexibility": (5, 4, 2),
    "structure": (2, 3, 5),
    "large-teams": (2, 3, 5),
    "routing": (4, 4, 5),
    "ecosystem": (4, 4, 5),
    "deployment": (4, 4, 5),
    "footprint": (5, 5, 3),
    "configuration": (3, 2, 2),
    "background-jobs": (2, 3, 4),
    "observability": (2, 3, 2),
    "security-defaults": (2, 2, 5),
    "testing": (3, 4, 5),
    "typing": (3, 5, 2),
    "serverless": (3, 3, 3),
    "release-policy": (3, 2, 5),
    "python-versions": (5, 4, 3),
}

# Issue 15's frameworks: (framework) -> {criterion: score}, reviewed against the scale text by the lead.
REVIEWED_MORE: dict[str, dict[str, int | None]] = {
    "litestar": {
        "async": 5,
        "api-docs": 5,
        "validation": 5,
        "data-contracts": 5,
        "orm": 3,
        "migrations": 3,
        "admin": 1,
        "auth": 2,
        "throughput": 5,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 3,
        "learning-curve": 3,
        "batteries": 3,
        "time-to-first-version": 4,
        "testing": 4,
        "flexibility": 4,
        "structure": 3,
        "large-teams": 3,
        "typing": 5,
        "routing": 4,
        "ecosystem": 3,
        "release-policy": 5,
        "python-versions": 5,
        "deployment": 4,
        "footprint": 3,
        "configuration": 2,
        "background-jobs": 3,
        "observability": 3,
        "security-defaults": 2,
        "serverless": 3,
    },
    "starlette": {
        "async": 5,
        "api-docs": 2,
        "validation": 2,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 2,
        "auth": 2,
        "throughput": 5,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 3,
        "learning-curve": 3,
        "batteries": 2,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 5,
        "structure": 1,
        "large-teams": 2,
        "typing": 3,
        "routing": 3,
        "ecosystem": 3,
        "release-policy": 3,
        "python-versions": 4,
        "deployment": 4,
        "footprint": 5,
        "configuration": 3,
        "background-jobs": 3,
        "observability": 3,
        "security-defaults": 2,
        "serverless": 3,
    },
    "django-ninja": {
        "async": 3,
        "api-docs": 5,
        "validation": 5,
        "data-contracts": 5,
        "orm": 5,
        "migrations": 5,
        "admin": 5,
        "auth": 5,
        "throughput": 3,
        "concurrency": 3,
        "realtime": 3,
        "html-forms": 5,
        "learning-curve": 2,
        "batteries": 5,
        "time-to-first-version": 4,
        "testing": 5,
        "flexibility": 2,
        "structure": 5,
        "large-teams": 5,
        "typing": 5,
        "routing": 5,
        "ecosystem": 4,
        "release-policy": 3,
        "python-versions": 3,
        "deployment": 5,
        "footprint": 3,
        "configuration": 2,
        "background-jobs": 4,
        "observability": 2,
        "security-defaults": 5,
        "serverless": 3,
    },
    "quart": {
        "async": 5,
        "api-docs": 3,
        "validation": 2,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 0,
        "auth": 2,
        "throughput": 3,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 3,
        "learning-curve": 3,
        "batteries": 2,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 5,
        "structure": 2,
        "large-teams": 2,
        "typing": 3,
        "routing": 4,
        "ecosystem": 3,
        "release-policy": 2,
        "python-versions": 2,
        "deployment": 4,
        "footprint": 5,
        "configuration": 3,
        "background-jobs": 3,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "sanic": {
        "async": 5,
        "api-docs": 3,
        "validation": 2,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 1,
        "auth": 2,
        "throughput": 3,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 2,
        "learning-curve": 3,
        "batteries": 3,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 4,
        "structure": 2,
        "large-teams": 2,
        "typing": 3,
        "routing": 4,
        "ecosystem": 3,
        "release-policy": 5,
        "python-versions": 5,
        "deployment": 4,
        "footprint": 3,
        "configuration": 3,
        "background-jobs": 3,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "falcon": {
        "async": 5,
        "api-docs": 2,
        "validation": 3,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 0,
        "auth": 2,
        "throughput": 3,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 1,
        "learning-curve": 5,
        "batteries": 2,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 5,
        "structure": 2,
        "large-teams": 2,
        "typing": 3,
        "routing": 3,
        "ecosystem": 3,
        "release-policy": 3,
        "python-versions": 5,
        "deployment": 5,
        "footprint": 5,
        "configuration": 2,
        "background-jobs": 3,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "aiohttp": {
        "async": 5,
        "api-docs": 2,
        "validation": 2,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 1,
        "auth": 2,
        "throughput": 3,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 2,
        "learning-curve": 3,
        "batteries": 2,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 5,
        "structure": 2,
        "large-teams": 2,
        "typing": 3,
        "routing": 4,
        "ecosystem": 3,
        "release-policy": 3,
        "python-versions": 5,
        "deployment": 4,
        "footprint": 5,
        "configuration": 2,
        "background-jobs": 3,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "tornado": {
        "async": 5,
        "api-docs": 0,
        "validation": 0,
        "data-contracts": 0,
        "orm": 2,
        "migrations": 2,
        "admin": 0,
        "auth": 2,
        "throughput": 3,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 3,
        "learning-curve": 3,
        "batteries": 3,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 4,
        "structure": 2,
        "large-teams": 2,
        "typing": 3,
        "routing": 3,
        "ecosystem": 3,
        "release-policy": 3,
        "python-versions": 4,
        "deployment": 4,
        "footprint": 5,
        "configuration": 3,
        "background-jobs": 3,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "pyramid": {
        "async": 0,
        "api-docs": 2,
        "validation": 2,
        "data-contracts": 1,
        "orm": 3,
        "migrations": 3,
        "admin": 1,
        "auth": 2,
        "throughput": 3,
        "concurrency": 2,
        "realtime": 2,
        "html-forms": 3,
        "learning-curve": 2,
        "batteries": 2,
        "time-to-first-version": 3,
        "testing": 3,
        "flexibility": 5,
        "structure": 3,
        "large-teams": 3,
        "typing": 1,
        "routing": 4,
        "ecosystem": 3,
        "release-policy": 3,
        "python-versions": 5,
        "deployment": 4,
        "footprint": 5,
        "configuration": 3,
        "background-jobs": 2,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "bottle": {
        "async": 0,
        "api-docs": 0,
        "validation": 0,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 0,
        "auth": 2,
        "throughput": 3,
        "concurrency": 2,
        "realtime": 2,
        "html-forms": 3,
        "learning-curve": 5,
        "batteries": 2,
        "time-to-first-version": 5,
        "testing": 1,
        "flexibility": 5,
        "structure": 1,
        "large-teams": 2,
        "typing": 1,
        "routing": 4,
        "ecosystem": 2,
        "release-policy": 2,
        "python-versions": 5,
        "deployment": 4,
        "footprint": 5,
        "configuration": 3,
        "background-jobs": 2,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 3,
    },
    "blacksheep": {
        "async": 5,
        "api-docs": 5,
        "validation": 5,
        "data-contracts": 5,
        "orm": 2,
        "migrations": 2,
        "admin": 1,
        "auth": 2,
        "throughput": 5,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 3,
        "learning-curve": 3,
        "batteries": 3,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 4,
        "structure": 3,
        "large-teams": 3,
        "typing": 5,
        "routing": 4,
        "ecosystem": 2,
        "release-policy": 2,
        "python-versions": 4,
        "deployment": 4,
        "footprint": 3,
        "configuration": 2,
        "background-jobs": 2,
        "observability": 3,
        "security-defaults": 2,
        "serverless": 3,
    },
    "robyn": {
        "async": 4,
        "api-docs": 5,
        "validation": 5,
        "data-contracts": 1,
        "orm": 2,
        "migrations": 2,
        "admin": 0,
        "auth": 2,
        "throughput": None,
        "concurrency": 5,
        "realtime": 5,
        "html-forms": 2,
        "learning-curve": 3,
        "batteries": 3,
        "time-to-first-version": 4,
        "testing": 3,
        "flexibility": 4,
        "structure": 2,
        "large-teams": 2,
        "typing": 3,
        "routing": 3,
        "ecosystem": 2,
        "release-policy": 2,
        "python-versions": None,
        "deployment": 3,
        "footprint": 3,
        "configuration": 2,
        "background-jobs": 2,
        "observability": 2,
        "security-defaults": 2,
        "serverless": 1,
    },
}

# (criterion, level) -> {"needs": patterns of which one must match, "not": patterns that must not match}
LEVELS = {
    ("async", 2): {
        "needs": [r"synchronous core", r"in a thread"],
        "not": [r"async from the server", r"runs? natively on the event loop"],
    },
    ("async", 3): {"needs": [r"sync_to_async", r"synchronous (database layer|code)"], "not": [r"end to end"]},
    ("async", 5): {"needs": [r"event loop"], "not": [r"in a thread with its own event loop"]},
    ("api-docs", 3): {
        "needs": [r"reads? (your )?(serializers|schemas)", r"from (the )?(marshmallow )?schemas", r"from serializers"],
        "not": [r"generated by the framework itself"],
    },
    ("api-docs", 5): {"needs": [r"generated from"], "not": [r"add-on"]},
    ("validation", 2): {"needs": [r"marshmallow|add-on|wrapper"], "not": [r"built[- ]in validation"]},
    ("validation", 3): {
        "needs": [r"not (derived from|driven by) type hints", r"not type-hint driven"],
        "not": [r"type hints are the validation"],
    },
    ("validation", 5): {"needs": [r"type-hinted|type hints"], "not": [r"add-on"]},
    ("data-contracts", 1): {"needs": [r"dictionar"], "not": [r"published as the openapi"]},
    ("data-contracts", 3): {"needs": [r"serializers"], "not": [r"loose dictionar"]},
    ("data-contracts", 5): {"needs": [r"pydantic models|typed models"], "not": [r"loose dictionar"]},
    ("orm", 2): {"needs": [r"no data layer|no integration layer"], "not": [r"built in"]},
    ("orm", 3): {"needs": [r"flask-sqlalchemy"], "not": [r"part of the framework"]},
    ("orm", 5): {"needs": [r"part of the framework"], "not": [r"no orm"]},
    ("migrations", 2): {"needs": [r"alembic"], "not": [r"makemigrations"]},
    ("migrations", 3): {"needs": [r"flask-migrate"], "not": [r"makemigrations"]},
    ("migrations", 5): {"needs": [r"makemigrations"], "not": [r"extension"]},
    ("admin", 1): {"needs": [r"young third-party"], "not": [r"generated from (your )?models, respects"]},
    ("admin", 2): {"needs": [r"flask-admin"], "not": [r"no admin\b"]},
    ("admin", 5): {"needs": [r"generated from models"], "not": [r"third-party"]},
    ("auth", 2): {
        "needs": [r"no user model|for a user model you write|roles and permissions need"],
        "not": [r"groups and model permissions are built in"],
    },
    ("auth", 5): {"needs": [r"built in and used by the admin"], "not": [r"add-on for sign-in"]},
    ("throughput", 2): {"needs": [r"below flask"], "not": [r"fastest"]},
    ("throughput", 3): {"needs": [r"typical synchronous framework"], "not": [r"fastest of the three"]},
    ("concurrency", 2): {"needs": [r"holds a worker|each waiting request holds"], "not": [r"event loop serves many"]},
    ("concurrency", 3): {"needs": [r"possible, well behind", r"stay synchronous"], "not": [r"designed for it"]},
    ("concurrency", 5): {"needs": [r"one event loop serves many"], "not": [r"holds a worker"]},
    ("realtime", 2): {"needs": [r"no websocket support"], "not": [r"in the framework itself"]},
    ("realtime", 3): {"needs": [r"channels"], "not": [r"no websocket"]},
    ("realtime", 5): {"needs": [r"in the framework itself"], "not": [r"add-on"]},
    ("html-forms", 2): {"needs": [r"not its focus|not rendering pages|no forms library"], "not": [r"are all part of"]},
    ("html-forms", 3): {"needs": [r"flask-wtf"], "not": [r"are all part of"]},
    ("html-forms", 5): {"needs": [r"are all part of"], "not": [r"extension"]},
    ("learning-curve", 2): {"needs": [r"steeper"], "not": [r"easiest"]},
    ("learning-curve", 3): {"needs": [r"basics are quick"], "not": [r"easiest"]},
    ("learning-curve", 5): {"needs": [r"easiest"], "not": [r"steep"]},
    ("batteries", 2): {"needs": [r"small core"], "not": [r"routing and requests only"]},
    ("batteries", 3): {"needs": [r"focused set"], "not": [r"complete toolkit"]},
    ("batteries", 5): {"needs": [r"orm, migrations, admin, auth"], "not": [r"extension"]},
    ("time-to-first-version", 4): {"needs": [r"quickly|fast when"], "not": [r"weeks of setup"]},
    ("time-to-first-version", 5): {"needs": [r"quickest start"], "not": [r"weeks of setup"]},
    ("flexibility", 2): {"needs": [r"fights the framework"], "not": [r"your choice; no source"]},
    ("flexibility", 4): {"needs": [r"are fixed"], "not": [r"every piece"]},
    ("flexibility", 5): {"needs": [r"every piece"], "not": [r"fixed"]},
    ("structure", 2): {"needs": [r"nothing (steers|enforces)"], "not": [r"one layout"]},
    ("structure", 3): {"needs": [r"nudge|steer"], "not": [r"one layout"]},
    ("structure", 5): {"needs": [r"one layout"], "not": [r"imposes no"]},
    ("large-teams", 2): {"needs": [r"defines patterns|discipline"], "not": [r"safe choice"]},
    ("large-teams", 3): {"needs": [r"pydantic models keep interfaces"], "not": [r"safe choice"]},
    ("large-teams", 5): {"needs": [r"safe choice"], "not": [r"without them"]},
    ("routing", 4): {"needs": [r"prefix"], "not": [r"reusable apps that carry their own models"]},
    ("routing", 5): {"needs": [r"reusable apps"], "not": [r"stop short"]},
    ("ecosystem", 4): {"needs": [r"large but uneven|not 5"], "not": [r"deep and mature"]},
    ("ecosystem", 5): {"needs": [r"two decades"], "not": [r"uneven"]},
    ("deployment", 4): {"needs": [r"one (clear|standard)"], "not": [r"both server models"]},
    ("deployment", 5): {"needs": [r"wsgi\)? or .*asgi"], "not": [r"one clear"]},
    ("footprint", 3): {"needs": [r"52 mb"], "not": [r"small next to"]},
    ("footprint", 5): {"needs": [r"small next to"], "not": [r"2-3 times the size of a fastapi one"]},
    ("configuration", 2): {
        "needs": [r"one `settings.py`|no configuration system of its own"],
        "not": [r"validated at start-up, built in"],
    },
    ("configuration", 3): {"needs": [r"config classes or files"], "not": [r"nothing built in"]},
    ("background-jobs", 2): {"needs": [r"nothing built in"], "not": [r"tasks api"]},
    ("background-jobs", 3): {"needs": [r"backgroundtasks"], "not": [r"nothing built in"]},
    ("background-jobs", 4): {"needs": [r"tasks api"], "not": [r"nothing built in"]},
    ("observability", 2): {
        "needs": [r"added with libraries|libraries such as|instrumentation you add|logging"],
        "not": [r"out of the box"],
    },
    ("observability", 3): {"needs": [r"opentelemetry"], "not": [r"out of the box"]},
    ("security-defaults", 2): {"needs": [r"level 2"], "not": [r"on by default and a deployment check"]},
    ("security-defaults", 5): {"needs": [r"check --deploy"], "not": [r"extension"]},
    ("testing", 3): {"needs": [r"test[ _]client"], "not": [r"rolled back"]},
    ("testing", 4): {"needs": [r"dependency_overrides"], "not": [r"rolled back"]},
    ("testing", 5): {"needs": [r"rolled back"], "not": [r"isolation is yours"]},
    ("typing", 2): {"needs": [r"django-stubs"], "not": [r"ships (its own|inline) type hints"]},
    ("typing", 3): {"needs": [r"py\.typed"], "not": [r"typed end to end", r"stubs"]},
    ("typing", 5): {"needs": [r"typed end to end"], "not": [r"stubs"]},
    ("serverless", 3): {"needs": [r"adapter"], "not": [r"built into the framework"]},
    ("release-policy", 2): {"needs": [r"0\.x"], "not": [r"long-term support"]},
    ("release-policy", 3): {"needs": [r"only the latest release"], "not": [r"long-term support"]},
    ("release-policy", 5): {"needs": [r"long-term support"], "not": [r"0\.x"]},
    ("python-versions", 3): {"needs": [r"5\.2 lts"], "not": [r"every python still maintained"]},
    ("python-versions", 4): {"needs": [r"every version still maintained"], "not": [r"older ones back to"]},
    ("python-versions", 5): {"needs": [r"older ones back to"], "not": [r"cannot use the current release"]},
}


# Every framework the guide rates: the three above, and those added in issue 15.
ALL_FRAMEWORKS = sorted(path.stem for path in (CONTENT / "ratings").glob("*.yaml"))


def ratings(frameworks=FRAMEWORKS):
    for fw in frameworks:
        for rating in yaml.safe_load((CONTENT / "ratings" / f"{fw}.yaml").read_text(encoding="utf-8")):
            yield fw, rating


def scales() -> dict[str, str]:
    data = yaml.safe_load((CONTENT / "criteria.yaml").read_text(encoding="utf-8"))
    return {c["slug"]: c["scale"] for c in data["criteria"]}


def defined_levels(scale: str) -> set[int]:
    levels: set[int] = set()
    for low, high in re.findall(r"(?:^|\s)(\d)(?:-(\d))?:", scale):
        levels.update(range(int(low), int(high or low) + 1))
    return levels


def test_every_cell_is_reviewed():
    shipped = {(fw, r["criterion"]): r["score"] for fw, r in ratings(ALL_FRAMEWORKS)}
    reviewed = {(fw, crit): scores[i] for crit, scores in REVIEWED.items() for i, fw in enumerate(FRAMEWORKS)}
    reviewed |= {(fw, crit): score for fw, row in REVIEWED_MORE.items() for crit, score in row.items()}
    assert shipped == reviewed


@pytest.mark.parametrize(
    ("framework", "rating"),
    [(fw, r) for fw, r in ratings(ALL_FRAMEWORKS) if fw not in FRAMEWORKS],
    ids=lambda v: v if isinstance(v, str) else v["criterion"],
)
def test_every_other_framework_uses_its_scales_levels(framework, rating):
    """The frameworks added later: each score is a level the scale defines, and no explanation uses the terms of
    another level of the same scale (the ``not`` patterns, which describe other levels). An unknown (empty)
    score says so."""
    criterion, score = rating["criterion"], rating["score"]
    text = " ".join(rating["explanation"].split()).lower()
    if score is None:
        assert "unknown" in (rating["label"] + " " + text).lower() or "could not" in text, (framework, criterion)
        return
    assert score in defined_levels(scales()[criterion]), f"{framework}/{criterion}: the scale does not define {score}"
    level = LEVELS.get((criterion, score))
    if level and (framework, criterion) not in MENTIONS_ANOTHER_LEVEL:
        clashes = [p for p in level["not"] if _affirmed(p, text)]
        assert not clashes, f"{framework}/{criterion}: the explanation describes another level ({clashes})"


# Cells whose explanation names another level's term on purpose, and why (reviewed by hand).
MENTIONS_ANOTHER_LEVEL = {
    ("django-ninja", "typing"): "the API layer is typed end to end; it says the Django underneath needs stubs",
    ("aiohttp", "realtime"): "WebSockets and streaming are built in; only server-sent events come from an add-on",
}
NEGATION = re.compile(r"\b(no|not|nor|without|never|rather than|instead of)\b[^.;:]{0,30}$")


def _affirmed(pattern: str, text: str) -> bool:
    """Whether the text uses another level's term other than to deny it ("no long-term support", "not end to
    end", "an integration rather than part of the framework"), or for something beside the framework (a
    small add-on for one extra)."""
    return any(not NEGATION.search(text[: m.start()]) for m in re.finditer(pattern, text))


@pytest.mark.parametrize(
    ("framework", "rating"), list(ratings()), ids=lambda v: v if isinstance(v, str) else v["criterion"]
)
def test_explanation_matches_its_level(framework, rating):
    criterion, score = rating["criterion"], rating["score"]
    assert score in defined_levels(scales()[criterion]), f"{criterion}: the scale does not define level {score}"
    level = LEVELS[(criterion, score)]
    text = " ".join(rating["explanation"].split()).lower()
    assert any(re.search(p, text) for p in level["needs"]), (
        f"{framework}/{criterion}: nothing in the explanation says level {score}"
    )
    clashes = [p for p in level["not"] if re.search(p, text)]
    assert not clashes, f"{framework}/{criterion}: the explanation describes another level ({clashes})"


def test_every_level_in_the_table_is_used():
    used = {(r["criterion"], r["score"]) for _, r in ratings()}
    assert set(LEVELS) == used


def test_level_parser():
    assert defined_levels("0: a. 2: b. 3-4: c. 5: d") == {0, 2, 3, 4, 5}
    assert defined_levels("Relative among the three: 5 is the fastest, 2-3 a typical one") == set()
