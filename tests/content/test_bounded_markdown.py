"""Finding 4: curated Markdown could break or stall public pages. A list nested 500 deep made the criterion page
and search answer 500 (RecursionError); 12,000 nested brackets took longer than the worker timeout. Both are now
refused where they enter (admin forms and loadcontent, naming the field), and text that got in another way is
shown as escaped text instead of failing the page."""

import contextlib
import inspect
import sys
import time

import markdown
import pytest
import yaml
from django.core.management import CommandError
from django.urls import reverse

from advisor import markdown_limits
from advisor.markdown_limits import MarkdownRefused, check_markdown
from advisor.models import Framework, Rating
from advisor.templatetags import advisor_tags
from advisor.templatetags.advisor_tags import render_markdown
from tests.support.adminforms import form_data
from tests.support.contentfiles import load

NESTED_LIST = "".join("    " * i + "- x\n" for i in range(500))
NESTED_INLINE = "- " * 500 + "x"
BRACKETS = "[" * 12_000 + "]" * 12_000
DEFINITIONS = "a\n: b\n" * 1600
HOSTILE = {
    "nested list": NESTED_LIST,
    "inline markers": NESTED_INLINE,
    "brackets": BRACKETS,
    "definitions": DEFINITIONS,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_pathological_markdown_renders_fast_as_escaped_text(text):
    render_markdown.cache_clear()
    started = time.perf_counter()
    html = render_markdown(text)
    assert time.perf_counter() - started < 3
    assert "<li>" not in html and "<dd>" not in html  # shown as text, not rendered


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_pathological_markdown_is_refused_with_a_reason(text):
    with pytest.raises(MarkdownRefused):
        check_markdown(text)


# Inputs at the limits: each is accepted or refused, within the budget (never a stall). Measured worst case on
# the bench machine: about 0.1 s.
AT_THE_LIMITS = {
    "brackets then text": "[" * 100 + "x" * 900 + "\n\n" + "y" * 8000,
    "links in a paragraph": "[a](b " * 90,
    "emphasis runs": "*a _b **c __d " * 700,
    "deep but allowed": "".join("    " * i + "- x\n" for i in range(4)) * 70,
    "definition lines": "a\n: b\n" * 150,
    "fences": "```\n" * 300,
    "setext headings": ("a" * 60 + "\n=\n") * 100,
    "a long table": "|a" * 1000 + "\n" + "|-" * 1000 + "\n" + ("|b" * 1000 + "\n") * 2,
}


@pytest.mark.parametrize("text", AT_THE_LIMITS.values(), ids=AT_THE_LIMITS.keys())
def test_the_worst_accepted_input_is_checked_quickly(text):
    markdown_limits._trial_render.cache_clear()  # a pass is remembered: time the render itself
    started = time.process_time()
    with contextlib.suppress(MarkdownRefused):
        check_markdown(text)
    assert time.process_time() - started < 1.0


def test_a_passed_text_is_not_rendered_again_and_a_refused_one_is_refused_each_time(monkeypatch):
    markdown_limits._trial_render.cache_clear()
    rendered = []

    def convert(text):
        rendered.append(text)
        if text == "breaks the renderer":
            raise ValueError(text)
        return text

    monkeypatch.setattr(advisor_tags, "convert", convert)
    for _ in range(2):
        check_markdown("A *fine* paragraph.")
        with pytest.raises(MarkdownRefused, match="could not be rendered"):
            check_markdown("breaks the renderer")
    assert rendered == ["A *fine* paragraph.", "breaks the renderer", "breaks the renderer"]


def test_the_reused_renderer_renders_as_a_new_one_even_after_a_failure():
    """The renderer is reused from text to text (``reset()`` between them); after a render that failed half-way the
    next text still renders exactly as a renderer of its own would."""
    texts = ["Footnote[^1].\n\n[^1]: Here.", "*[API]: Interface\n\nAn API.", "```python\nx = 1\n```", "*one*"]

    def fresh(text):
        html = markdown.markdown(
            text, extensions=advisor_tags.MARKDOWN_EXTENSIONS, extension_configs=advisor_tags.MARKDOWN_CONFIG
        )
        return advisor_tags.focusable_code(advisor_tags.sanitize(html))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)  # a list 100 deep then fails as 500 deep does, in less time
    try:
        with pytest.raises(RecursionError):
            advisor_tags.convert("".join("    " * i + "- x\n" for i in range(100)))
    finally:
        sys.setrecursionlimit(limit)
    assert [advisor_tags.convert(text) for text in texts * 2] == [fresh(text) for text in texts * 2]


@pytest.mark.parametrize(("name", "text"), [("nested list", NESTED_LIST), ("brackets", BRACKETS)])
def test_loadcontent_refuses_it_naming_file_entry_and_field(db, content_dir, name, text):
    path = content_dir / "frameworks" / "one.yaml"
    data = yaml.safe_load(path.read_text())
    data["summary"] = text
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CommandError) as excinfo:
        load(content_dir)
    message = str(excinfo.value)
    assert "frameworks/one.yaml, entry 'one': summary: This Markdown" in message
    assert len(message) < 300
    assert not Framework.objects.exists()


def test_loadcontent_refuses_it_in_a_rating_explanation(db, content_dir):
    path = content_dir / "ratings" / "one.yaml"
    data = yaml.safe_load(path.read_text())
    data[0]["explanation"] = NESTED_INLINE
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CommandError, match=r"ratings/one.yaml, entry 'async': explanation: This Markdown nests"):
        load(content_dir)


def test_the_admin_refuses_it_naming_the_field(admin_client, fixture_content):
    rating = Rating.objects.first()
    url = reverse("admin:advisor_rating_change", args=[rating.pk])
    data = form_data(admin_client.get(url))
    data["explanation"] = NESTED_INLINE
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "nests lists, quotes or indentation" in str(response.context["adminform"].form.errors["explanation"])
    rating.refresh_from_db()
    assert rating.explanation != NESTED_INLINE


@pytest.mark.parametrize("text", [NESTED_LIST[:9000], NESTED_INLINE, BRACKETS, DEFINITIONS])
def test_pages_and_search_answer_200_when_such_text_is_stored_anyway(client, fixture_content, text):
    render_markdown.cache_clear()
    rating = Rating.objects.select_related("criterion", "framework").first()
    Rating.objects.filter(pk=rating.pk).update(explanation=text)
    Framework.objects.filter(pk=rating.framework_id).update(summary=text)
    for url in [
        rating.criterion.get_absolute_url(),
        rating.framework.get_absolute_url(),
        reverse("advisor:search") + "?q=x",
    ]:
        started = time.perf_counter()
        assert client.get(url).status_code == 200, url
        assert time.perf_counter() - started < 5, url
