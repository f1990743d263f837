"""The Correction model: its constraints refuse what no form may store, and the open-target query."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from corrections.models import Correction, Kind, Status

BASE = {"claim": "c", "content_version": "v", "text": "wrong", "source_url": "https://example.org/", "sender": "s"}
RATING = {"kind": Kind.RATING, "framework_slug": "one", "entry_slug": "async"}


def make(**fields):
    return Correction.objects.create(**{**BASE, **RATING, **fields})


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "table"},
        {"status": "maybe"},
        {"kind": Kind.RATING, "framework_slug": ""},  # a rating names its framework
        {"kind": Kind.PITFALL, "framework_slug": "one"},  # a pitfall does not
        {"entry_slug": ""},
        {"text": ""},
        {"text": "x" * 2001},
        {"source_url": "javascript:alert(1)"},
        {"source_url": "ftp://example.org/"},
        {"status": Status.ACCEPTED},  # closed without saying when
        {"decided_at": timezone.now()},  # open but decided
    ],
    ids=lambda f: "-".join(f"{k}={str(v)[:12]}" for k, v in f.items()),
)
def test_constraints_refuse(db, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(**fields)


def test_a_good_correction_is_stored_and_names_its_page(db):
    correction = make(text="x" * 2000)
    assert correction.status == Status.NEW and correction.is_open
    assert correction.get_absolute_url() == "/criteria/async/#fw-one"
    assert correction.suggest_url() == "/correct/rating/one/async/"
    assert str(correction) == "Rating one × async: new"
    pitfall = make(kind=Kind.PITFALL, framework_slug="", entry_slug="slow-pages")
    assert pitfall.get_absolute_url() == "/pitfalls/#slow-pages"
    fit = make(kind=Kind.FIT, framework_slug="two", entry_slug="api-backend")
    assert fit.suggest_url() == "/correct/fit/api-backend/two/"


def test_targets_lists_open_corrections_only_in_one_query(db, django_assert_num_queries):
    make()
    make()  # the same claim twice: one target
    make(framework_slug="two")
    make(entry_slug="admin", status=Status.REJECTED, decided_at=timezone.now())
    make(kind=Kind.FAQ, framework_slug="", entry_slug="which-is-fastest")
    with django_assert_num_queries(1):
        targets = Correction.objects.targets((Kind.RATING,), entry_slug="async")
    assert targets == {("rating", "one", "async"), ("rating", "two", "async")}
    assert Correction.objects.targets((Kind.RATING, Kind.FIT), framework_slug="one") == {("rating", "one", "async")}
    assert Correction.objects.targets((Kind.FAQ,)) == {("faq", "", "which-is-fastest")}
