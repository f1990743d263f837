"""The shipped content (content/) is complete, cited and consistent.

Loads content/ into the empty test database (the ``shipped_content`` fixture) and checks what the
content issue promises: a rating for every published framework on every published criterion, evidence
behind every rating, sources behind every fit and figure, choice effects that name real criteria and
use cases, the questionnaire of QUESTIONNAIRE.md (slugs and order), Markdown that renders to
something, and an export that reproduces content/ byte for byte.
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models
from django.utils.html import strip_tags

from advisor.content.files import read_yaml
from advisor.models import (
    CONTENT_MODELS,
    FAQ,
    BenchmarkFigure,
    Choice,
    Criterion,
    Evidence,
    Fit,
    Framework,
    Hybrid,
    Incident,
    MigrationPath,
    MustHave,
    Pitfall,
    Question,
    Rating,
    Source,
    UseCase,
    Verdict,
    Weight,
)
from advisor.templatetags.advisor_tags import render_markdown
from tests.conftest import ROOT, SHIPPED_CONTENT

# The public contract of QUESTIONNAIRE.md: question slugs and their choice slugs, in order.
QUESTIONNAIRE = [
    (
        "project",
        [
            "api-backend",
            "full-stack",
            "saas",
            "ai-api",
            "commerce",
            "cms",
            "internal-tool",
            "microservice",
            "webhook",
            "django-api",
            "flask-async",
            "asgi-service",
            "realtime",
            "prototype",
            "learning",
        ],
    ),
    ("admin", ["essential", "nice", "no"]),
    ("auth", ["complex", "basic", "none"]),
    ("data", ["complex", "moderate", "simple"]),
    ("load", ["high", "moderate", "low"]),
    ("workload", ["io", "cpu", "mixed"]),
    ("async", ["strong", "some", "none"]),
    ("team", ["solo", "small", "large"]),
    ("deadline", ["tight", "normal", "relaxed"]),
    ("api-docs", ["essential", "nice", "no"]),
    ("html", ["pages", "api", "both"]),
    ("control", ["conventions", "balanced", "freedom"]),
    ("deploy", ["containers", "servers", "unsure"]),
    (
        "codebase",
        [
            "none",
            "flask",
            "django",
            "fastapi",
            "litestar",
            "starlette",
            "quart",
            "sanic",
            "falcon",
            "aiohttp",
            "tornado",
            "pyramid",
            "bottle",
            "blacksheep",
            "robyn",
            "other",
        ],
    ),
    ("rewrite", ["keep", "open"]),
]
QUESTIONNAIRE_MD = ROOT / "docs" / "QUESTIONNAIRE.md"

SEED_SOURCES = {"showdown-2025", "nguyen-2024", "zestminds-2026", "codeforge-2026", "comparison-mtv"}
FRAMEWORKS = [
    "flask",
    "fastapi",
    "django",
    "litestar",
    "starlette",
    "django-ninja",
    "quart",
    "sanic",
    "falcon",
    "aiohttp",
    "tornado",
    "pyramid",
    "bottle",
    "blacksheep",
    "robyn",
]


def published_pairs():
    # drafts too: a framework is complete before a curator publishes it
    frameworks = list(Framework.objects.all())
    criteria = list(Criterion.objects.published())
    return frameworks, criteria


@pytest.mark.usefixtures("shipped_content")
def test_every_published_framework_is_rated_on_every_published_criterion():
    assert list(Framework.objects.published().values_list("slug", flat=True)) == FRAMEWORKS
    frameworks, criteria = published_pairs()
    assert len(criteria) >= 24
    rated = set(Rating.objects.values_list("framework__slug", "criterion__slug"))
    missing = [(f.slug, c.slug) for f in frameworks for c in criteria if (f.slug, c.slug) not in rated]
    assert missing == []


@pytest.mark.usefixtures("shipped_content")
def test_every_rating_has_a_label_an_explanation_and_evidence():
    bare = Rating.objects.annotate(n=models.Count("evidence")).filter(n=0)
    assert [str(r) for r in bare] == []
    assert not Rating.objects.filter(label="").exists()
    assert not Rating.objects.filter(explanation="").exists()
    assert not Evidence.objects.filter(claim="").exists()


@pytest.mark.usefixtures("shipped_content")
def test_disputed_ratings_show_both_sides():
    """A disputed cell has evidence supporting at least two different scores."""
    disputed = Rating.objects.filter(disputed=True).prefetch_related("evidence")
    assert disputed.exists()
    for rating in disputed:
        scores = {e.supports_score for e in rating.evidence.all() if e.supports_score is not None}
        assert len(scores) >= 2, f"{rating} is disputed but its evidence agrees"
    # the disagreements the seeds README names
    assert Rating.objects.get(framework__slug="flask", criterion__slug="throughput").disputed
    assert Rating.objects.get(framework__slug="django", criterion__slug="throughput").disputed
    assert Rating.objects.get(framework__slug="fastapi", criterion__slug="learning-curve").disputed
    microservices = UseCase.objects.get(slug="microservices")
    assert "disagree" in microservices.description


@pytest.mark.usefixtures("shipped_content")
def test_every_use_case_has_a_cited_fit_for_every_framework():
    frameworks = set(Framework.objects.values_list("slug", flat=True))
    for use_case in UseCase.objects.published().prefetch_related("fits__framework"):
        assert {fit.framework.slug for fit in use_case.fits.all()} >= frameworks, use_case.slug
    uncited = Fit.objects.annotate(n=models.Count("sources")).filter(n=0)
    assert [str(f) for f in uncited] == []
    assert not Fit.objects.filter(reason="").exists()


@pytest.mark.usefixtures("shipped_content")
def test_every_figure_cites_a_source_and_carries_a_caveat():
    assert BenchmarkFigure.objects.count() >= 4
    for figure in BenchmarkFigure.objects.select_related("source"):
        assert figure.source_id and Source.objects.filter(pk=figure.source_id).exists()
        assert figure.caveat.strip(), f"{figure.slug} has no caveat"
    # the figures the seeds give
    values = {f.slug: (f.value, f.value_max) for f in BenchmarkFigure.objects.all()}
    assert values["fastapi-rps-codeforge"] == (10000, None)
    assert values["flask-rps-codeforge"] == (3000, None)
    assert values["django-rps-codeforge"] == (4000, None)
    assert values["fastapi-vs-sync-showdown"] == (3, 5)


@pytest.mark.usefixtures("shipped_content")
def test_every_curated_entry_cites_a_source_and_every_seed_is_cited():
    for model in [Pitfall, MigrationPath, FAQ, Incident, Hybrid, UseCase]:
        uncited = model.objects.annotate(n=models.Count("sources")).filter(n=0)
        assert [o.slug for o in uncited] == [], model.__name__
    assert set(Source.objects.values_list("slug", flat=True)) >= SEED_SOURCES
    for slug in SEED_SOURCES:
        assert Evidence.objects.filter(source__slug=slug).exists(), slug
        assert Verdict.objects.filter(source__slug=slug).exists(), slug


@pytest.mark.usefixtures("shipped_content")
def test_choice_effects_name_existing_criteria_and_use_cases():
    criteria = set(Criterion.objects.published().values_list("slug", flat=True))
    use_cases = set(UseCase.objects.published().values_list("slug", flat=True))
    for effect in [*Weight.objects.select_related("criterion"), *MustHave.objects.select_related("criterion")]:
        assert effect.criterion.slug in criteria, str(effect)
    for choice in Choice.objects.filter(use_case__isnull=False).select_related("use_case"):
        assert choice.use_case.slug in use_cases, str(choice)
    # the file itself, as curators and the scoring work edit it
    for question in read_yaml(SHIPPED_CONTENT, "questions.yaml"):
        for choice in question["choices"]:
            where = f"{question['slug']}/{choice['slug']}"
            assert set(choice.get("weights") or {}) <= criteria, where
            assert set(choice.get("must_haves") or {}) <= criteria, where
            assert choice.get("use_case") in use_cases | {None}, where
    # every project type selects a use case; presets answer each question at most once
    project = Question.objects.get(slug="project")
    assert [c.slug for c in project.choices.filter(use_case__isnull=True)] == []
    for use_case in UseCase.objects.prefetch_related("preset__question"):
        questions = [c.question.slug for c in use_case.preset.all()]
        assert len(questions) == len(set(questions)), use_case.slug


@pytest.mark.usefixtures("shipped_content")
def test_questionnaire_is_exactly_the_contract():
    shipped = [
        (q.slug, list(q.choices.values_list("slug", flat=True)))
        for q in Question.objects.published().prefetch_related("choices")
    ]
    assert shipped == QUESTIONNAIRE
    for question in Question.objects.prefetch_related("choices"):
        assert question.text.strip() and question.help.strip(), question.slug
        for choice in question.choices.all():
            assert choice.label.strip() and choice.help.strip(), str(choice)


def test_contract_constant_matches_questionnaire_md():
    rows = re.findall(r"^\| \d+ \| `([a-z-]+)` \| [^|]+ \| (.+) \|$", QUESTIONNAIRE_MD.read_text(), re.M)
    parsed = [(slug, re.findall(r"`([a-z-]+)`", choices)) for slug, choices in rows]
    assert parsed == QUESTIONNAIRE


def markdown_fields(model) -> list[str]:
    return [
        f.name for f in model._meta.get_fields() if isinstance(f, models.TextField) and "Markdown" in str(f.help_text)
    ]


@pytest.mark.usefixtures("shipped_content")
def test_no_markdown_field_renders_empty():
    checked = 0
    for model in CONTENT_MODELS:
        names = markdown_fields(model)
        for obj in model.objects.all() if names else []:
            for name in names:
                value = getattr(obj, name)
                if not value and model._meta.get_field(name).blank:
                    continue
                text = strip_tags(render_markdown(value)).strip()
                assert text, f"{model.__name__} {obj}: {name} renders empty"
                checked += 1
    assert checked > 300


@pytest.mark.usefixtures("shipped_content")
def test_framework_profiles_are_complete():
    required = [
        "tagline",
        "best_for",
        "summary",
        "history",
        "creators",
        "license",
        "servers",
        "homepage_url",
        "docs_url",
        "repository_url",
        "code_sample",
        "strengths",
        "limitations",
        "when_to_use",
        "when_not_to_use",
        "extensions",
        "configuration",
        "scaling_risk",
    ]
    for framework in Framework.objects.all():
        assert framework.first_release_year, framework.slug
        for name in required:
            assert str(getattr(framework, name)).strip(), f"{framework.slug}: {name} is empty"
        for name in ["strengths", "limitations", "when_to_use", "when_not_to_use"]:
            assert "<li>" in render_markdown(getattr(framework, name)), f"{framework.slug}: {name} is not a list"
        compile(framework.code_sample, f"<{framework.slug} sample>", "exec")


@pytest.mark.usefixtures("shipped_content")
def test_pitfalls_incident_hybrids_and_verdicts_are_present():
    assert Pitfall.objects.filter(kind=Pitfall.Kind.DEBUG).count() >= 4
    assert Pitfall.objects.filter(kind=Pitfall.Kind.MISTAKE).count() >= 8
    assert Incident.objects.exists() and Hybrid.objects.exists()
    pairs = set()
    for verdict in Verdict.objects.prefetch_related("frameworks"):
        slugs = sorted(f.slug for f in verdict.frameworks.all())
        if len(slugs) == 2:
            pairs.add(tuple(slugs))
    assert pairs >= {("fastapi", "flask"), ("django", "fastapi"), ("django", "flask")}


@pytest.mark.usefixtures("shipped_content")
def test_export_reproduces_content_byte_for_byte(tmp_path):
    call_command("exportcontent", str(tmp_path), verbosity=0)

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}

    exported, shipped = files(tmp_path), files(SHIPPED_CONTENT)
    assert sorted(exported) == sorted(shipped)
    for name in shipped:
        assert exported[name] == shipped[name], f"{name} differs from what exportcontent writes"
