"""The domain model: constraints, the unknown state, querysets and URLs."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from advisor.models import (
    BenchmarkFigure,
    Category,
    Criterion,
    Fit,
    Framework,
    MigrationPath,
    Rating,
    Result,
    Source,
    Status,
    UseCase,
)


@pytest.fixture
def framework(db):
    return Framework.objects.create(
        slug="flask", name="Flask", tagline="Micro", summary="Small.", server_interface="wsgi"
    )


@pytest.fixture
def criterion(db):
    category = Category.objects.create(slug="api", name="APIs")
    return Criterion.objects.create(slug="async", name="Async", category=category, question="Async?")


def test_a_cell_is_unique(framework, criterion):
    Rating.objects.create(framework=framework, criterion=criterion, score=3, label="Add-on")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(framework=framework, criterion=criterion, score=4, label="Again")


@pytest.mark.parametrize("score", [-1, 6, 100])
def test_scores_outside_the_scale_are_rejected_by_the_database(framework, criterion, score):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(framework=framework, criterion=criterion, score=score, label="Bad")


def test_scores_outside_the_scale_are_rejected_by_validation(framework, criterion):
    rating = Rating(framework=framework, criterion=criterion, score=7, label="Bad")
    with pytest.raises(ValidationError) as excinfo:
        rating.full_clean()
    assert "score" in excinfo.value.message_dict


def test_an_empty_score_is_unknown_not_zero(framework, criterion):
    rating = Rating.objects.create(framework=framework, criterion=criterion, score=None, label="Unknown")
    rating.refresh_from_db()
    assert rating.score is None
    Rating.objects.filter(pk=rating.pk).update(score=0)
    rating.refresh_from_db()
    assert rating.score == 0 and rating.score is not None


def test_enumerations_are_enforced(framework, db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Framework.objects.create(slug="x", name="X", tagline="x", summary="x", server_interface="cgi")
    use_case = UseCase.objects.create(slug="api", name="API", summary="APIs")
    with pytest.raises(IntegrityError), transaction.atomic():
        Fit.objects.create(use_case=use_case, framework=framework, level="perfect", reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(slug="s", title="S", author="A", status="hidden")


def test_a_framework_may_serve_http_itself(db):
    """aiohttp, Tornado and Robyn run their own servers; their interface is neither WSGI nor ASGI."""
    own = Framework.objects.create(slug="own", name="Own", tagline="x", summary="x", server_interface="own")
    own.full_clean()
    assert own.get_server_interface_display() == "Its own server"


def test_slugs_are_unique_and_validated(framework):
    with pytest.raises(IntegrityError), transaction.atomic():
        Framework.objects.create(slug="flask", name="Flask 2", tagline="x", summary="x", server_interface="wsgi")
    bad = Framework(slug="not a slug!", name="Bad", tagline="x", summary="x", server_interface="wsgi")
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_a_migration_path_joins_two_different_frameworks(framework):
    with pytest.raises(IntegrityError), transaction.atomic():
        MigrationPath.objects.create(
            slug="self", from_framework=framework, to_framework=framework, difficulty="easy", summary="x", strategy="x"
        )


def test_a_figure_range_is_ordered(framework, db):
    source = Source.objects.create(slug="s", title="S", author="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        BenchmarkFigure.objects.create(slug="f", metric="rps", value=5, value_max=3, unit="x", source=source)


def test_result_slugs_are_short_and_url_safe(db):
    Result.objects.create(slug="abcDEF12", content_version="v", engine=2)
    for slug in ["short", "far-too-long-for-a-link", "has space!"]:
        # PostgreSQL refuses the long one for its column length (DataError), SQLite for the check.
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():
            Result.objects.create(slug=slug, content_version="v", engine=2)


def test_a_result_names_its_engine_or_keeps_its_outcome(db):
    Result.objects.create(slug="oldstyle1", content_version="v", outcome={"engine": 1, "ranking": []})
    with pytest.raises(IntegrityError, match="result_engine_or_outcome"), transaction.atomic():
        Result.objects.create(slug="neither12", content_version="v")


def test_published_excludes_drafts(framework, db):
    Framework.objects.create(
        slug="draft", name="Draft", tagline="x", summary="x", server_interface="asgi", status=Status.DRAFT
    )
    assert list(Framework.objects.published()) == [framework]


def test_every_model_says_what_it_is(fixture_content):
    from advisor.models import CONTENT_MODELS

    for model in CONTENT_MODELS:
        obj = model.objects.first()
        assert obj is not None, model
        assert str(obj), model
        assert model._meta.ordering, model


@pytest.mark.django_db
def test_stored_result_lookup_reads_back_answers_and_version():
    from advisor.models import Result

    made = Result.objects.create(
        slug="abcdEFGH12", answers={"project": "api", "admin": "no"}, content_version="v1", engine=2
    )
    found = Result.objects.stored("abcdEFGH12")
    assert (found.pk, found.slug, found.answers, found.content_version) == (
        made.pk, "abcdEFGH12", {"project": "api", "admin": "no"}, "v1"
    )  # fmt: skip
    assert found.get_absolute_url() == "/r/abcdEFGH12/"
    assert Result.objects.stored("missing123") is None


@pytest.mark.django_db
def test_stored_outcomes_compress_with_lz4_on_postgresql():
    """Migration 0007 (part of the squashed 0001 on a new database): a fresh-answers POST stores about 50 KB of
    JSON; LZ4 compresses it faster than pglz."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on PostgreSQL too)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        if cursor.fetchone() is None:
            pytest.skip("this PostgreSQL was built without LZ4")
        cursor.execute(
            "SELECT attcompression FROM pg_attribute"
            " WHERE attrelid = 'advisor_result'::regclass AND attname = 'outcome'"
        )
        assert cursor.fetchone()[0] == "l"
