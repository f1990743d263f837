"""Template filters for curated text: Markdown rendered and sanitised, code highlighted.

Curated text is Markdown written by curators in the admin. It is rendered with Python-Markdown, then
cleaned by nh3 (an allow-list HTML sanitiser), and only then marked safe. Both steps are pure
functions of the text, so results are memoised: the same paragraph is rendered once per process.
Code is highlighted by Pygments with CSS classes (styles live in static/advisor/code.css; CSP forbids
inline styles). A code block scrolls sideways when its lines are wider than the screen, so it is made
focusable: keyboard users can then scroll it too (axe-core: scrollable-region-focusable).
"""

import logging
import threading
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from ..markdown_limits import check_limits

register = template.Library()
logger = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "codehilite"]
MARKDOWN_CONFIG = {"codehilite": {"css_class": "highlight", "guess_lang": False}}


def sanitize(html: str) -> str:
    """Allow-list clean: no scripts, no event handlers, no style attributes, safe link schemes only."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def focusable_code(html: str) -> str:
    """The code blocks in ``html`` (Markdown's and Pygments' ``div.highlight``) made keyboard-focusable; applied
    after the allow-list, which drops any tabindex a curator writes."""
    return html.replace('<div class="highlight">', '<div class="highlight" tabindex="0">')


_renderers = threading.local()


def _renderer() -> markdown_lib.Markdown:
    """This thread's Markdown instance, reset for a new text. Building one loads every extension (most of the
    cost of a short field); Python-Markdown supports reusing an instance after ``reset()``, not sharing it."""
    renderer = getattr(_renderers, "markdown", None)
    if renderer is None:
        renderer = markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
        _renderers.markdown = renderer
    return renderer.reset()


def convert(text: str) -> str:
    """Markdown to sanitised HTML, unguarded: :func:`render_markdown` for pages, the trial render for checks."""
    try:
        html = _renderer().convert(text)
    except BaseException:
        _renderers.markdown = None  # a render that failed half-way leaves its state: the next text gets a new one
        raise
    return focusable_code(sanitize(html))


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Curated Markdown as sanitised HTML; text over the limits of :mod:`advisor.markdown_limits` (stored before
    they existed, or written around the admin and ``loadcontent``), or that the renderer fails on, is shown as
    escaped paragraphs instead and logged: a page never fails because of one field."""
    try:
        check_limits(text)
        return convert(text)
    except Exception as exc:  # over a limit, RecursionError, anything: degrade
        logger.warning("Curated Markdown shown as plain text (%s: %s), starting %r", type(exc).__name__, exc, text[:60])
        return linebreaks(escape(text))


@register.filter(name="markdown")
def markdown_filter(value) -> str:
    """Curated Markdown → sanitised HTML. Empty input renders nothing."""
    if not value:
        return ""
    return mark_safe(render_markdown(str(value)))  # sanitised by nh3 above


@register.filter(name="markdown_inline")
def markdown_inline(value) -> str:
    """Like ``markdown`` for one short line: the wrapping <p> is dropped."""
    html = markdown_filter(value)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = mark_safe(html[3:-4])  # still the sanitised output, minus its wrapper
    return html


@lru_cache(maxsize=512)
def render_code(code: str, language: str, line_numbers: bool = False) -> str:
    """``line_numbers``: each line starts with its number (Pygments' inline numbers, ``span.linenos``)."""
    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        return focusable_code(f'<div class="highlight"><pre><code>{escape(code)}</code></pre></div>')
    formatter = HtmlFormatter(cssclass="highlight", wrapcode=True, linenos="inline" if line_numbers else False)
    return focusable_code(pygments_highlight(code, lexer, formatter))


@register.filter
def highlight(code, language="python") -> str:
    """Highlight a code sample with Pygments (classes only; Pygments escapes the code)."""
    if not code:
        return ""
    return mark_safe(render_code(str(code), str(language)))


@register.filter
def web_url(value) -> str:
    """The address if it is an absolute http(s) URL, else "" (so ``{% if %}`` hides the link).

    The admin and ``loadcontent`` refuse other schemes, but a value set through the ORM or the shell is not
    validated: templates link curated addresses only through this filter, so ``javascript:`` never becomes a
    live link."""
    text = str(value or "").strip()
    scheme, _, rest = text.partition(":")
    return text if scheme.lower() in {"http", "https"} and rest.startswith("//") and len(rest) > 2 else ""
