"""The questionnaire: the POST contract of QUESTIONNAIRE.md, the wizard with and without HTMX, presets."""

import threading

import pytest
from django.db import connection
from django.test import Client

from advisor import results, snapshot, versioning
from advisor.models import Choice, Question, Result, UseCase
from advisor.results import make_slug

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    snapshot.clear_cache()
    yield
    snapshot.clear_cache()


def test_post_answers_303_to_a_permalink(fixture_content, client):
    response = client.post("/guide/", {"project": "api", "admin": "essential"})
    assert response.status_code == 303
    result = Result.objects.get()
    assert response["Location"] == f"/r/{result.slug}/"
    assert 8 <= len(result.slug) <= 12
    assert result.answers == {"project": "api", "admin": "essential"}
    assert results.outcome_of(result)["winner"] == "one"
    assert client.get(response["Location"]).status_code == 200


def test_same_answers_same_slug_no_duplicate(fixture_content, client):
    first = client.post("/guide/", {"project": "api", "admin": "essential"})
    second = client.post("/guide/", {"admin": "essential", "project": "api"})
    assert first["Location"] == second["Location"]
    assert Result.objects.count() == 1
    other = client.post("/guide/", {"project": "site"})
    assert other["Location"] != first["Location"]
    assert Result.objects.count() == 2


def test_slug_depends_on_content_version():
    answers = {"project": "api"}
    assert make_slug(answers, "v1") == make_slug(dict(answers), "v1")
    assert make_slug(answers, "v1") != make_slug(answers, "v2")


def test_empty_values_are_skipped_questions(fixture_content, client):
    response = client.post("/guide/", {"project": "api", "admin": ""})
    assert response.status_code == 303
    assert Result.objects.get().answers == {"project": "api"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("project=api&colour=blue", "no question"),
        ("project=spaceship", "not a choice"),
        ("project=api&project=site", "more than once"),
        ("project=api&project=api", "more than once"),
    ],
)
def test_bad_input_is_a_readable_400_and_nothing_is_stored(fixture_content, client, data, message):
    response = client.post("/guide/", data, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "<main" in body and "site.css" in body  # a styled page, not a bare error
    assert Result.objects.count() == 0


def test_oversized_body_is_a_400(fixture_content, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/guide/", "project=api&x=" + "a" * 5000, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert Result.objects.count() == 0


def test_missing_csrf_token_is_403(fixture_content):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/guide/", {"project": "api"})
    assert response.status_code == 403
    assert Result.objects.count() == 0


def test_csrf_token_from_the_form_is_accepted(fixture_content):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/guide/?project=api&step=review")
    token = page.context["csrf_token"]
    response = client.post("/guide/", {"csrfmiddlewaretoken": str(token), "project": "api", "admin": "no"})
    assert response.status_code == 303


def test_other_methods_are_refused(fixture_content, client):
    assert client.put("/guide/").status_code == 405


def test_wizard_without_htmx_full_pages(fixture_content, client):
    first = client.get("/guide/")
    assert first.status_code == 200
    html = first.content.decode()
    assert "<html" in html and "Question 1 of 2" in html and "What are you building?" in html
    assert "Pick the closest." in html  # help text
    assert 'name="step" value="admin"' in html  # the Next button goes to the next question
    assert 'action="/guide/"' in html and 'method="get"' in html
    # Answer the first question (a plain GET form), land on the second.
    second = client.get("/guide/", {"project": "api", "step": "admin"})
    html = second.content.decode()
    assert "Question 2 of 2" in html and "Do you need an admin?" in html
    assert 'type="hidden" name="project" value="api"' in html
    assert "/guide/?project=api&amp;step=project" in html  # back keeps the answers
    assert "Leading so far" in html and "One" in html
    # The last Next goes to the review step, whose form POSTs the answers.
    review = client.get("/guide/", {"project": "api", "admin": "essential", "step": "review"})
    html = review.content.decode()
    assert "Review your answers" in html and 'method="post"' in html
    assert 'name="admin" value="essential"' in html
    done = client.post("/guide/", {"project": "api", "admin": "essential"})
    assert done.status_code == 303


def test_wizard_with_htmx_returns_the_step_partial(fixture_content, client):
    response = client.get("/guide/?project=api&step=admin", **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and '<section id="wizard"' in html
    # The step brings its own <title>, which htmx moves into the document head when it swaps.
    assert html.lstrip().startswith("<title>Question 2 of 2: Do you need an admin? · Framework Advisor</title>")
    assert "Question 2 of 2" in html
    assert 'hx-push-url="true"' in html
    assert "HX-Request" in response["Vary"]
    # A history restore (back button with an empty htmx history cache) needs the full page.
    restore = client.get("/guide/?project=api&step=admin", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX)
    assert "<html" in restore.content.decode()


def test_wizard_finish_inside_htmx_redirects_the_client(fixture_content, client):
    response = client.post("/guide/", {"project": "api"}, **HX)
    assert response.status_code == 200
    result = Result.objects.get()
    assert response["HX-Redirect"] == f"/r/{result.slug}/"


def test_skip_and_see_result_now(fixture_content, client):
    html = client.get("/guide/?step=project").content.decode()
    assert 'href="/guide/?step=admin"' in html  # skip: next question, no answer
    assert "See my result now" in html
    response = client.post("/guide/", {})  # nothing answered yet: still a result (base weights)
    assert response.status_code == 303
    assert Result.objects.get().answers == {}


def test_default_step_is_the_first_unanswered_question(fixture_content, client):
    assert client.get("/guide/?project=api").context["question"].slug == "admin"
    assert client.get("/guide/?project=api&admin=no").context["review"] is True


def test_wizard_rejects_bad_state_with_400(fixture_content, client):
    assert client.get("/guide/?project=nope").status_code == 400
    assert client.get("/guide/?step=nowhere").status_code == 400
    assert client.get("/guide/?project=api&project=site").status_code == 400


def test_preset_prefills_from_the_use_case(fixture_content, client):
    response = client.get("/guide/?preset=api-backend")
    assert response.status_code == 302
    assert response["Location"] == "/guide/?project=api&step=admin"
    assert client.get("/guide/?preset=nothing").status_code == 400


def test_preset_with_the_shipped_shape(fixture_content, client):
    use_case = UseCase.objects.get(slug="api-backend")
    use_case.preset.add(Choice.objects.get(question__slug="admin", slug="no"))
    snapshot.clear_cache()
    response = client.get("/guide/?preset=api-backend")
    assert response["Location"] == "/guide/?project=api&admin=no&step=review"


def test_scoring_a_submission_runs_a_constant_number_of_queries(fixture_content, client, django_assert_max_num_queries):
    client.get("/guide/")  # warm the session / CSRF machinery
    # The first submission on a content version also stores that content once (ContentSnapshot).
    snapshot.clear_cache()
    with django_assert_max_num_queries(33) as first:
        client.post("/guide/", {"project": "api", "admin": "essential"})
    # More content (another question with choices) does not add queries.
    question = Question.objects.create(slug="extra", text="Extra?", position=9)
    for i in range(5):
        Choice.objects.create(question=question, slug=f"c{i}", label=f"C{i}", position=i)
    versioning.current_digest()  # computed and shared once per change (on commit), not per submission
    snapshot.clear_cache()
    with django_assert_max_num_queries(len(first.captured_queries)) as second:
        client.post("/guide/", {"project": "site", "extra": "c3"})
    assert len(second.captured_queries) == len(first.captured_queries)
    # With the snapshot cached for this content version, a submission needs only a handful.
    with django_assert_max_num_queries(8):
        client.post("/guide/", {"project": "api", "extra": "c1"})
    assert Result.objects.count() == 3


def test_snapshot_loads_in_a_constant_number_of_queries(fixture_content, django_assert_num_queries):
    """One query more since issue 15: the relations (with what they inherit)."""
    with django_assert_num_queries(22):
        snapshot.load("x")
    question = Question.objects.create(slug="extra", text="Extra?", position=9)
    for i in range(5):
        Choice.objects.create(question=question, slug=f"c{i}", label=f"C{i}", position=i)
    with django_assert_num_queries(22):
        content = snapshot.load("x")
    assert len(content.question_map["extra"].choices) == 5


def test_a_slug_collision_takes_a_longer_slug_and_each_answer_set_keeps_its_own(fixture_content, client, monkeypatch):
    from advisor import results

    def colliding(answers, version, length=results.SLUG_LENGTH):
        return "collision0" if length == results.SLUG_LENGTH else make_slug(answers, version, length)

    monkeypatch.setattr(results, "make_slug", colliding)
    first = client.post("/guide/", {"project": "api"})["Location"]
    second = client.post("/guide/", {"project": "site"})["Location"]
    assert first == "/r/collision0/"
    assert second != first and len(second.strip("/").split("/")[-1]) == results.SLUG_LENGTH + 1
    assert Result.objects.get(slug="collision0").answers == {"project": "api"}
    # Submitting either again finds its own row; nothing new is stored.
    assert client.post("/guide/", {"project": "site"})["Location"] == second
    assert client.post("/guide/", {"project": "api"})["Location"] == first
    assert Result.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_submissions_make_one_row(transactional_db):
    from django.core.management import call_command

    from tests.conftest import FIXTURE_CONTENT

    call_command("loadcontent", str(FIXTURE_CONTENT), verbosity=0)
    snapshot.clear_cache()
    Client().get("/guide/")  # compute the content digest once, before the race
    barrier = threading.Barrier(10)
    locations, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            response = Client().post("/guide/", {"project": "api", "admin": "essential"})
            locations.append((response.status_code, response.get("Location")))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(locations) == 10
    assert {status for status, _ in locations} == {303}
    assert len({location for _, location in locations}) == 1
    assert Result.objects.count() == 1
