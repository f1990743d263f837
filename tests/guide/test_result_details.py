"""The result's details, each said once and in plain words (issue #27): the breakdown states the model once
and lists each answer's effect once; pitfalls are the recommended frameworks' with near duplicates merged;
"See that result" goes to the result; the leaders have a comparison link; a changed permalink says what
moved first."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from advisor import result_details, snapshot
from advisor.models import Rating

pytestmark = pytest.mark.django_db

FASTAPI_API = {
    "project": "api-backend",
    "admin": "no",
    "auth": "basic",
    "data": "moderate",
    "load": "high",
    "workload": "io",
    "async": "strong",
    "api-docs": "essential",
    "html": "api",
}


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    snapshot.clear_cache()
    yield
    snapshot.clear_cache()


def page_for(client, answers) -> tuple[str, str]:
    location = client.post("/guide/", answers)["Location"]
    return location, client.get(location).content.decode()


def test_each_answer_effect_is_listed_once_and_the_model_is_stated_once(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    breakdown = html.split('<details class="breakdown">', 1)[1].split("</details>", 1)[0]
    # Async support is raised by three answers together: one row, under those answers, not one under each.
    assert breakdown.count('<span class="criterion-name">Async support</span> counts more') == 1
    assert "Your answers together:" in breakdown
    # The model is said once, at the top, before any group.
    assert breakdown.count("above (+) or below (−) the average of all the frameworks") == 1
    assert breakdown.index("How to read it") < breakdown.index('class="group"')
    assert breakdown.count("matter less than what you asked for") == 1


def test_visitor_facing_result_text_has_no_jargon(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r'<span class="print-only">.*?</span>', "", main)  # a printed record keeps the version
    for term in ("field average", "base weight", "engine 2", "content version"):
        assert term not in main, term


def test_pitfalls_are_the_recommended_frameworks_and_general_ones(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    leaders = re.findall(r'<li class="standing[^"]*">.*?href="/frameworks/([\w-]+)/"', html, re.S)[:3]
    caveats = html.split('<details class="caveats">', 1)[1].split("</details>", 1)[0]
    for other in ("sanic", "bottle", "aiohttp", "tornado", "quart"):
        assert other not in leaders
    assert "Address already in use" not in caveats and "Sanic" not in caveats
    assert "Bottle" not in caveats and "ClientSession" not in caveats
    assert "pitfalls of the recommended frameworks that your answers point at" in caveats


def test_near_duplicate_pitfalls_of_the_same_framework_are_merged():
    outcome = {
        "ranking": [{"framework": "django", "name": "Django"}, {"framework": "flask", "name": "Flask"}],
        "caveats": {
            "pitfalls": [
                {
                    "title": "Choosing Django for a simple API out of habit",
                    "frameworks": ["django"],
                    "fix": "For API-only services with no admin and simple data, start with FastAPI or Flask.",
                },
                {
                    "title": "A full Django stack for a handful of endpoints",
                    "frameworks": ["django"],
                    "fix": "For a plain API with no admin or complex data model, start with FastAPI (or Flask).",
                },
                {"title": "Sanic port in use", "frameworks": ["sanic"], "fix": "Stop the other process."},
                {"title": "Choosing on hype", "frameworks": [], "fix": "Measure your own workload."},
            ]
        },
    }
    found = result_details.pitfalls(outcome)
    assert [p["title"] for p in found] == ["Choosing Django for a simple API out of habit", "Choosing on hype"]
    assert [p["title"] for p in found[0]["also"]] == ["A full Django stack for a handful of endpoints"]
    assert found[0]["leaders"] == ["Django"]


def test_shipped_pitfalls_merge_only_the_known_twins(shipped_content):
    import yaml
    from django.conf import settings

    pitfalls = yaml.safe_load((settings.BASE_DIR / "content" / "pitfalls.yaml").read_text())
    outcome = {
        "ranking": [{"framework": s, "name": s} for s in ("django", "flask", "fastapi")],
        "caveats": {"pitfalls": [{**p, "frameworks": p.get("frameworks", [])} for p in pitfalls]},
    }
    merged = {p["slug"]: [q["slug"] for q in p["also"]] for p in result_details.pitfalls(outcome) if p["also"]}
    assert merged == {"django-for-simple-api": ["over-engineered-django-stack"]}


def test_see_that_result_goes_straight_to_the_result(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    flips = html.split('class="flips-box"', 1)[1].split("</section>", 1)[0]
    assert "Try it" not in flips
    href = re.search(r'<a href="([^"]+)">See that result', flips).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query)["finish"] == ["now"]
    response = client.get(href)
    assert response.status_code == 303 and response["Location"].startswith("/r/")


def test_the_more_changes_summary_is_a_whole_sentence(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    summary = re.search(r'<details class="more-flips"><summary>([^<]+)</summary>', html).group(1)
    assert summary.endswith("that would put another framework first")


def test_the_leaders_have_a_comparison_link(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    link = re.search(r'class="compare-leaders"><a href="(/compare/[\w-]+/)">Compare ([^<]+)</a>', html)
    assert link and link.group(2).endswith("criterion by criterion")
    assert link.group(1).count("-vs-") == 2
    assert client.get(link.group(1)).status_code == 200


def test_a_changed_permalink_says_first_that_nothing_moved(client, fixture_content):
    location = client.post("/guide/", {"project": "api", "admin": "essential"})["Location"]
    rating = Rating.objects.get(framework__slug="one", criterion__slug="admin")
    rating.label += " (reworded)"
    rating.save()  # the label is part of what results are computed on; the ranking is the same
    html = client.get(location).content.decode()
    assert "Nothing in this ranking has moved since it was made" in html
    assert "The guide has changed since" not in html


def test_a_reason_names_every_answer_behind_it_rather_than_n_more(client, shipped_content):
    _, html = page_for(client, FASTAPI_API)
    reasons = html.split('class="top-reasons"', 1)[1].split("</section>", 1)[0]
    assert not re.search(r"and \d+ more\)", reasons)
    assert "“Who consumes your responses?”" in reasons  # the fifth answer behind the use case
