"""Families group the frameworks on the home page and the index; relations say what a framework is built on,
runs inside or copies, and which of its ratings are the other framework's own feature."""

import re

import pytest
from django.db import IntegrityError, transaction

from advisor.models import Family, FamilyMember, Framework, Relation, Status


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.usefixtures("fixture_content")
@pytest.mark.parametrize("url", ["/", "/frameworks/"])
def test_frameworks_are_listed_under_their_family(client, url):
    page = text(client.get(url))
    heading = page.index("Small frameworks")
    assert heading < page.index(">One<") < page.index(">Two<")


@pytest.mark.usefixtures("fixture_content")
def test_a_framework_in_no_family_is_listed_after_the_families(client):
    Framework.objects.filter(slug="one").update(position=2)
    Framework.objects.filter(slug="two").update(position=1)  # first in the framework order
    FamilyMember.objects.filter(framework__slug="two").delete()
    page = text(client.get("/frameworks/"))
    assert page.index("Small frameworks") < page.index(">One<") < page.index("Other frameworks") < page.index(">Two<")


@pytest.mark.usefixtures("fixture_content")
def test_a_draft_family_does_not_group_the_public_index(client):
    Family.objects.update(status=Status.DRAFT)
    page = text(client.get("/frameworks/"))
    assert "Small frameworks" not in page and "Other frameworks" in page


@pytest.mark.usefixtures("fixture_content")
def test_a_relation_shows_on_both_frameworks_and_marks_inherited_ratings(client):
    two = text(client.get("/frameworks/two/"))
    assert "Related frameworks" in two
    assert re.search(r"<h3>Two runs inside <a href=\"/frameworks/one/\">One</a></h3>", two)
    assert "Those ratings are One's." in two
    admin_item = two[two.index('href="/criteria/admin/#fw-two"') :][:600]
    assert "One's own" in admin_item
    async_item = two[two.index('href="/criteria/async/#fw-two"') :][:600]
    assert "One's own" not in async_item
    one = text(client.get("/frameworks/one/"))
    assert re.search(r"<h3><a href=\"/frameworks/two/\">Two</a> runs inside One</h3>", one)
    assert "One's own" not in one


@pytest.mark.usefixtures("fixture_content")
def test_a_relation_to_a_draft_framework_is_hidden_from_the_public(client, admin_client):
    Framework.objects.filter(slug="two").update(status=Status.DRAFT)
    assert "Related frameworks" not in text(client.get("/frameworks/one/"))
    assert "Related frameworks" in text(admin_client.get("/frameworks/one/?preview=1"))


@pytest.mark.usefixtures("fixture_content")
def test_relation_and_family_constraints():
    one, two = Framework.objects.get(slug="one"), Framework.objects.get(slug="two")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(slug="self", framework=one, other=one, kind="built-on", summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(slug="odd", framework=one, other=two, kind="inspired-by", summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(slug="again", framework=two, other=one, kind="runs-inside", summary="x")
    other = Family.objects.create(slug="other", name="Other", summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyMember.objects.create(family=other, framework=one)


@pytest.mark.usefixtures("fixture_content")
@pytest.mark.parametrize("model", ["family", "relation"])
def test_curators_edit_families_and_relations_in_the_admin(client, curator, model):
    client.force_login(curator)
    assert client.get(f"/admin/advisor/{model}/").status_code == 200
    obj = (Family if model == "family" else Relation).objects.first()
    assert client.get(f"/admin/advisor/{model}/{obj.pk}/change/").status_code == 200


@pytest.mark.usefixtures("fixture_content")
def test_the_home_page_links_each_family_side_by_side(client):
    page = text(client.get("/"))
    assert 'Within each family</h3> <ul class="pairs"><li><a href="/compare/one-vs-two/">One vs Two</a>' in page
    assert client.get("/compare/one-vs-two/").status_code == 200
