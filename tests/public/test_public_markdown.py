"""Curated Markdown is rendered and sanitised; nothing a curator types can run in a visitor's browser."""

import re

import pytest

from advisor.models import FAQ, Criterion, Evidence, Framework, Rating
from advisor.templatetags.advisor_tags import highlight, markdown_filter

NASTY = (
    "Hello **world** <script>alert('x')</script>\n\n"
    '<img src=x onerror="alert(1)"> [link](javascript:alert(2)) '
    '<a href="https://ok.example/" onclick="evil()">ok</a>\n\n'
    '<p style="color:red">styled</p> <iframe src="https://evil.example/"></iframe>'
)


def test_markdown_filter_sanitises():
    html = str(markdown_filter(NASTY))
    assert "<strong>world</strong>" in html
    for bad in ["<script", "onerror", "onclick", "javascript:", "style=", "<iframe", "<img"]:
        assert bad not in html, bad
    assert 'href="https://ok.example/"' in html
    assert markdown_filter("") == ""
    assert markdown_filter(None) == ""


def test_markdown_code_blocks_use_classes_not_styles():
    html = str(markdown_filter("```python\nimport os\n```"))
    assert '<div class="highlight" tabindex="0">' in html  # it may scroll sideways: the keyboard can reach it
    assert "style=" not in html


def test_highlight_filter():
    html = str(highlight("def f():\n    return '<b>'", "python"))
    assert html.startswith('<div class="highlight" tabindex="0">') and "style=" not in html
    assert "<b>" not in html  # the code is escaped
    plain = highlight("<b>", "no-such-language")
    assert plain.startswith('<div class="highlight" tabindex="0">') and "&lt;b&gt;" in plain


@pytest.mark.parametrize(
    "url", ["/frameworks/one/", "/criteria/async/", "/faq/", "/sources/alpha-article/", "/compare/one-vs-two/"]
)
def test_script_in_content_never_reaches_the_page(client, fixture_content, url):
    Framework.objects.filter(slug="one").update(summary=NASTY, strengths=NASTY, history=NASTY)
    Criterion.objects.filter(slug="async").update(description=NASTY)
    Rating.objects.filter(criterion__slug="async").update(explanation=NASTY, label="<script>alert(3)</script>")
    Evidence.objects.update(claim=NASTY)
    FAQ.objects.update(answer=NASTY, question="<script>alert(4)</script>")
    html = client.get(url).content.decode()
    assert "<script>alert" not in html  # Markdown fields are cleaned, plain text fields escaped
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html)  # no event handler attribute on any tag
    assert 'href="javascript:' not in html
    assert "<iframe" not in html and "<img" not in html
