"""The questionnaire's words (issue #27): help text rendered, the ✘ mark explained beside the ranking rule,
and page descriptions that do not name only three of the fifteen frameworks."""

import re

import pytest

from advisor import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    snapshot.clear_cache()
    yield
    snapshot.clear_cache()


def test_question_help_shows_code_not_backticks(client, shipped_content):
    html = client.get("/guide/", {"step": "async"}).content.decode()
    help_text = html.split('id="question-help"', 1)[1].split("</p>", 1)[0]
    assert "`" not in help_text
    assert "<code>async def</code>" in help_text


def test_the_leader_box_explains_its_must_have_mark(client, shipped_content):
    # Admin essential makes the admin a must-have: frameworks without one carry the mark.
    html = client.get("/guide/", {"project": "api-backend", "admin": "essential", "step": "auth"}).content.decode()
    leader = html.split('id="leader"', 1)[1].split("</aside>", 1)[0]
    assert "✘" in leader.split('class="rule"', 1)[0]
    rule = leader.split('class="rule"', 1)[1]
    assert "Ranking rule" in rule and "misses one" in rule


@pytest.mark.parametrize("url", ["/guide/", "/pitfalls/", "/faq/", "/use-cases/api-backend/", "/"])
def test_descriptions_do_not_name_only_the_first_three_frameworks(client, shipped_content, url):
    html = client.get(url).content.decode()
    description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    assert "Flask, FastAPI and Django" not in description and "(Flask, FastAPI or Django)" not in description
