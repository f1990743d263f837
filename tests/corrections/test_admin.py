"""The curators' queue: counts on the index, the list and its filters, the change page (claim beside
suggestion), accepting and rejecting (who and when), and what curators may not do (add, delete)."""

import pytest
from django.urls import reverse

from corrections.models import Correction, Kind, Status

CHANGELIST = reverse("admin:corrections_correction_changelist")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> **bold** [link](javascript:alert(2))'


def change_url(correction):
    return reverse("admin:corrections_correction_change", args=[correction.pk])


@pytest.fixture
def queue(correction):
    Correction.objects.create(
        kind=Kind.FAQ, entry_slug="which-is-fastest", claim="q", content_version="v", text="Old news.",
        source_url="https://example.org/faq", sender="s2", status=Status.REJECTED, decided_at="2026-01-01T00:00Z",
    )  # fmt: skip
    return correction


@pytest.mark.parametrize("who", ["admin_client", "curator_client"])
def test_index_counts_and_the_queue(request, queue, who, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Readers' corrections" in html
    assert f'href="{CHANGELIST}?status__exact=new">1 new</a> (the queue)' in html and ">1 rejected</a>" in html
    with django_assert_max_num_queries(15):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert [c.status for c in rows] == ["new", "rejected"]  # open first
    assert "It is not native." in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [("status__exact=new", ["It is not native."]), ("status__exact=rejected", ["Old news."]),
     ("framework=one", ["It is not native."]), ("kind__exact=faq", ["Old news."]), ("framework=two", [])],
)  # fmt: skip
def test_filters(curator_client, queue, query, expected):
    response = curator_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert [c.text for c in response.context["cl"].result_list] == expected


@pytest.mark.parametrize("who", ["admin_client", "curator_client"])
def test_change_page_sets_claim_beside_suggestion(request, correction, who):
    client = request.getfixturevalue(who)
    response = client.get(change_url(correction))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The claim now" in html and "The reader's suggestion" in html
    assert "5 of 5: Native" in html and "It is async from the ground up." in html  # the claim and its sources
    rating_admin = reverse("admin:advisor_rating_change", args=[response.context["current"].entry.pk])
    assert f'href="{rating_admin}"' in html and "Edit this rating" in html
    assert "It is not native." in html and 'href="https://example.org/one"' in html
    assert "Changed since the reader saw it" in html  # the stored snapshot is shorter than the claim now


def test_hostile_text_is_escaped_everywhere(admin_client, client, fixture_content):
    client.post(
        "/correct/rating/one/async/",
        {"text": HOSTILE, "source_url": "https://example.org/?q=<b>x</b>", "email": "a@example.org"},
    )
    correction = Correction.objects.get()
    for page in [change_url(correction), CHANGELIST]:
        html = admin_client.get(page).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<strong>bold" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    for page in ["/criteria/async/", "/frameworks/one/"]:
        assert "alert" not in client.get(page).content.decode()  # the public pages never show the text


@pytest.mark.parametrize(
    "address, link",
    [("https://example.org/a", True), ("HTTP://example.org/b", True), ("javascript:alert(1)", False),
     ("data:text/html,<b>x</b>", False), ("//evil.example/x", False)],
)  # fmt: skip
def test_the_source_is_a_link_only_when_it_is_http(address, link):
    """The constraint keeps other schemes out of the table; the template does not rely on it."""
    from django.template.loader import render_to_string

    correction = Correction(text="t", source_url=address, kind=Kind.FAQ, entry_slug="x")
    html = render_to_string("admin/corrections/correction/_suggestion.html", {"correction": correction})
    assert ("<a href=" in html) is link
    assert "<b>x</b>" not in html


@pytest.mark.parametrize("who", ["admin_client", "curator_client"])
def test_accept_from_the_change_page_records_who_and_when(request, correction, who):
    client = request.getfixturevalue(who)
    response = client.post(change_url(correction), {"status": "accepted", "curator_note": "Fixed the rating."})
    assert response.status_code == 302, response.content.decode()[:2000]
    correction.refresh_from_db()
    assert correction.status == Status.ACCEPTED and correction.curator_note == "Fixed the rating."
    assert correction.decided_by.username == ("admin" if who == "admin_client" else "curator")
    assert correction.decided_at is not None
    client.post(change_url(correction), {"status": "new", "curator_note": "Reopened."})
    correction.refresh_from_db()
    assert correction.status == Status.NEW and correction.decided_by is None and correction.decided_at is None


@pytest.mark.parametrize(
    "action, status", [("accept", "accepted"), ("reject", "rejected"), ("mark_duplicate", "duplicate")]
)
def test_actions_record_who_and_when(curator_client, curator, queue, action, status):
    response = curator_client.post(CHANGELIST, {"action": action, "_selected_action": [queue.pk]})
    assert response.status_code == 302
    queue.refresh_from_db()
    assert queue.status == status and queue.decided_by == curator and queue.decided_at is not None


def test_the_reader_fields_cannot_be_changed(admin_client, correction):
    admin_client.post(change_url(correction), {"status": "new", "text": "Rewritten.", "source_url": "https://x.org"})
    correction.refresh_from_db()
    assert correction.text == "It is not native." and correction.source_url == "https://example.org/one"


def test_curators_may_not_delete_or_add(curator_client, curator, correction):
    assert not curator.has_perm("corrections.delete_correction")
    assert curator.has_perm("corrections.change_correction") and curator.has_perm("corrections.view_correction")
    delete = reverse("admin:corrections_correction_delete", args=[correction.pk])
    assert curator_client.get(delete).status_code == 403
    assert curator_client.post(delete, {"post": "yes"}).status_code == 403
    response = curator_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [correction.pk]})
    assert Correction.objects.filter(pk=correction.pk).exists()
    assert curator_client.get(reverse("admin:corrections_correction_add")).status_code == 403
    assert response.status_code in (200, 302)


def test_the_migration_gave_the_group_triage_rights(db):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Curators").permissions.values_list("codename", flat=True))
    assert {"view_correction", "change_correction"} <= codenames
    assert not {"add_correction", "delete_correction"} & codenames


def test_a_claim_that_is_gone_is_said_so(admin_client, correction):
    from advisor.models import Rating

    Rating.objects.filter(framework__slug="one", criterion__slug="async").delete()
    html = admin_client.get(change_url(correction)).content.decode()
    assert "no longer published under this address (one × async)" in html
    assert "It is not native." in html  # the suggestion and the claim as sent stay


def test_corrections_are_site_data_not_content(correction, tmp_path):
    """exportcontent (the content's backup) leaves them out; saving one does not move the content version."""
    from django.core.management import call_command

    from advisor import versioning

    version = versioning.current()
    correction.curator_note = "Seen."
    correction.save()
    assert versioning.current().counter == version.counter
    call_command("exportcontent", str(tmp_path), verbosity=0)
    exported = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    assert exported and "It is not native." not in exported
