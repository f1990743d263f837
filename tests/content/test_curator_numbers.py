"""Finding 7: curator input that broke every page. A criterion weight of 1e308 was accepted and every
questionnaire POST, step page and permalink answered 500 (NaN); five simultaneous admin adds of one rating gave a
500 on PostgreSQL; a right-to-left override in a source's host was accepted and linked."""

import math
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from advisor.engine.types import Choice, ContentValueError, Criterion
from advisor.models import BenchmarkFigure, Framework, LabMeasurement, Rating, Source, Weight
from advisor.models import Criterion as CriterionRow
from tests.support.adminforms import form_data


def change_url(obj) -> str:
    return reverse(f"admin:advisor_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("weight", ["1e308", "11", "-0.5", "nan", "inf"])
def test_the_admin_refuses_a_criterion_weight_out_of_range(admin_client, fixture_content, weight):
    criterion = CriterionRow.objects.first()
    data = form_data(admin_client.get(change_url(criterion)))
    data["weight"] = weight
    response = admin_client.post(change_url(criterion), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["weight"]
    criterion.refresh_from_db()
    assert math.isfinite(criterion.weight) and criterion.weight <= 10


def test_after_a_refused_weight_the_guide_still_answers(admin_client, client, fixture_content):
    criterion = CriterionRow.objects.first()
    data = form_data(admin_client.get(change_url(criterion)))
    data["weight"] = "1e308"
    admin_client.post(change_url(criterion), data)
    assert client.get(reverse("advisor:guide")).status_code == 200


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (CriterionRow, "weight", 1e308),
        (Weight, "delta", float("nan")),
        (BenchmarkFigure, "value", float("inf")),
        (LabMeasurement, "rps", 1e308),
    ],
)
def test_models_refuse_non_finite_and_huge_numbers(fixture_content, model, field, value):
    obj = model.objects.first()
    setattr(obj, field, value)
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    assert field in excinfo.value.message_dict


@pytest.mark.parametrize("value", [1e308, float("inf")])
def test_the_database_refuses_a_weight_out_of_range_written_around_the_forms(fixture_content, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionRow.objects.filter(pk=CriterionRow.objects.first().pk).update(weight=value)


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), 1e308, "2"])
def test_the_engine_refuses_numbers_it_cannot_reason_with(weight):
    with pytest.raises(ContentValueError, match="weight"):
        Criterion(slug="orm", name="ORM", weight=weight)
    with pytest.raises(ContentValueError, match="choice api, criterion orm"):
        Choice(slug="api", label="API", weights={"orm": weight})


@pytest.mark.parametrize(
    "url",
    [
        "https://docs.example.com\u202e/gro.elpmaxe",  # right-to-left override
        "https://exa\u2066mple.com/",  # isolate
        "https://example.com/\u200fpath",  # mark
        "https://example.com/a\x07b",  # control character
        "javascript:alert(1)",
        "ftp://example.com/file",
    ],
)
def test_source_and_framework_addresses_refuse_hidden_characters_and_other_schemes(fixture_content, url):
    source = Source.objects.first()
    source.url = url
    with pytest.raises(ValidationError) as excinfo:
        source.full_clean()
    assert "url" in excinfo.value.message_dict
    framework = Framework.objects.first()
    framework.docs_url = url
    with pytest.raises(ValidationError):
        framework.full_clean()


def test_the_admin_refuses_a_bidi_override_in_a_source_host(admin_client, fixture_content):
    source = Source.objects.exclude(lab_run__isnull=False).first()
    data = form_data(admin_client.get(change_url(source)))
    data["url"] = "https://example.com\u202e/moc.live"
    response = admin_client.post(change_url(source), data)
    assert response.status_code == 200
    assert "U+202E" in response.content.decode()


def test_an_add_of_an_existing_rating_is_a_form_error(admin_client, fixture_content):
    rating = Rating.objects.first()
    data = {"framework": rating.framework_id, "criterion": rating.criterion_id, "score": "3", "label": "Again"}
    data |= {"evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}
    response = admin_client.post(reverse("admin:advisor_rating_add"), data)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers: the adds cannot race")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_adds_of_one_rating_give_one_row_and_form_errors(fixture_content, admin_user):
    rating = Rating.objects.first()
    framework, criterion = rating.framework_id, rating.criterion_id
    rating.delete()
    data = {"framework": framework, "criterion": criterion, "score": "3", "label": "Added"}
    data |= {"evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}
    url = reverse("admin:advisor_rating_add")
    barrier, statuses = threading.Barrier(5), []

    def add():
        client = Client()
        client.force_login(admin_user)
        barrier.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 200, 200, 302]
    assert Rating.objects.filter(framework_id=framework, criterion_id=criterion).count() == 1


def test_a_unique_clash_the_forms_do_not_see_is_a_message_not_a_500(admin_client, fixture_content):
    """Two curators adding the same new slug at once: the insert that loses raises IntegrityError after the form
    validated. The admin runs the view again once, then reports it."""
    from unittest import mock

    from advisor.admin import SourceAdmin

    calls = []

    def clash(self, request, obj, form, change):
        calls.append(1)
        raise IntegrityError("duplicate key value violates unique constraint")

    data = {"title": "New", "author": "Someone", "slug": "new-source", "kind": "article", "status": "published"}
    with mock.patch.object(SourceAdmin, "save_model", clash):
        response = admin_client.post(reverse("admin:advisor_source_add"), data)
    assert response.status_code == 302 and len(calls) == 2
    assert not Source.objects.filter(slug="new-source").exists()
    assert "Not saved" in admin_client.get(response.url).content.decode()
