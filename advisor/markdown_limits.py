"""Bounds on curated Markdown, so that no field can break or stall a page.

Python-Markdown 3.11 recurses once per nesting level (a list nested 500 deep, ``- - - … x`` on one line, or 1,600
consecutive definition lines raise RecursionError) and its inline parser is quadratic in the ``[`` of a block
(12,000 nested brackets took longer than gunicorn's 30 s; 4,000 ``[a](b`` 9 s). Measured on the bench machine,
with the limits below the slowest input we found (10,000 characters of setext headings) renders in 0.8 s and
anything resembling real content (our longest Markdown field is under 1,700 characters, with at most 10
brackets) in milliseconds.

Four checks, cheapest first, where Markdown enters (admin forms, ``loadcontent``): limits on length, on lines
and on ``[`` (links and brackets) and a nesting limit computed from each line's prefix of indentation, list markers and
quote markers; then a trial render that must finish within :data:`RENDER_BUDGET` seconds of CPU time with
:data:`STACK_HEADROOM` frames of the stack already used, so that the page that renders the field later, deeper in
the template engine, has room to spare. Rendering on a page (:mod:`advisor.templatetags.advisor_tags`) applies the
cheap checks again and catches any failure: a field that fails degrades to escaped text, logged, never a 500.
"""

from __future__ import annotations

import logging
import re
import time
from functools import lru_cache

from django.db import models

logger = logging.getLogger(__name__)

MAX_LENGTH = 10_000  # characters per field
MAX_LINES = 300  # lines per field
MAX_BRACKETS = 100  # "[" per field
MAX_BRACKET_WORK = 100_000  # per paragraph, its "[" times its length: the inline parser's quadratic cost
MAX_NESTING = 16  # list and quote markers plus indentation (4 columns a level) in front of one line
RENDER_BUDGET = 1.0  # CPU seconds for the trial render (CPU time: a busy machine does not refuse good text)
STACK_HEADROOM = 300  # frames left unused by the trial render

#: Text fields that are not Markdown.
NOT_MARKDOWN = {("framework", "code_sample")}

_MARKER = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=\s|$)")


class MarkdownRefused(ValueError):
    """The text is over a limit; the message says which, for a curator."""


def markdown_fields(model: type[models.Model]) -> list[str]:
    """The model's curated Markdown fields: every text field but code samples."""
    name = model._meta.model_name
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.TextField) and (name, f.name) not in NOT_MARKDOWN
    ]


def nesting(line: str) -> int:
    """How deep a line sits: each list or quote marker in front of its text is a level, and so are each four
    columns of indentation (a tab is four)."""
    depth, columns, i = 0, 0, 0
    while i < len(line):
        char = line[i]
        if char == " ":
            columns, i = columns + 1, i + 1
        elif char == "\t":
            columns, i = columns + 4, i + 1
        elif match := _MARKER.match(line, i):
            depth, i = depth + 1, match.end()
        else:
            break
    return depth + columns // 4


def check_limits(text: str) -> None:
    """The cheap checks (linear in the text): raise :class:`MarkdownRefused` naming the limit."""
    if len(text) > MAX_LENGTH:
        raise MarkdownRefused(f"is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    lines = len(text.splitlines())
    if lines > MAX_LINES:
        raise MarkdownRefused(f"has {lines:,} lines; the limit is {MAX_LINES}")
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        raise MarkdownRefused(f"has {brackets:,} square brackets; the limit is {MAX_BRACKETS}")
    for block in text.split("\n\n"):
        if (count := block.count("[")) * len(block) > MAX_BRACKET_WORK:
            raise MarkdownRefused(
                f"has a paragraph of {len(block):,} characters with {count} square brackets: "
                "split it, or use fewer links or brackets in it"
            )
    deepest = max((nesting(line) for line in text.splitlines()), default=0)
    if deepest > MAX_NESTING:
        raise MarkdownRefused(f"nests lists, quotes or indentation {deepest} levels deep; the limit is {MAX_NESTING}")


def _with_headroom(frames: int, call):
    """``call()`` with ``frames`` more frames on the stack than now, so it fails where a deeper caller would."""
    if frames <= 0:
        return call()
    return _with_headroom(frames - 1, call)


def check_markdown(text: str) -> None:
    """Every check, the trial render included; raise :class:`MarkdownRefused` with a readable reason."""
    check_limits(text)
    _trial_render(text)


@lru_cache(maxsize=4096)
def _trial_render(text: str) -> None:
    """Render ``text`` as a page would, deeper in the stack and within the budget. The render is a function of the
    text alone, so a text that passed passes again: passes are remembered (``loadcontent`` checks every field of
    the content each time it runs), refusals are not (``lru_cache`` keeps no exceptions)."""
    from .templatetags.advisor_tags import convert  # the renderer the pages use

    started = time.process_time()
    try:
        _with_headroom(STACK_HEADROOM, lambda: convert(text))
    except RecursionError:
        raise MarkdownRefused("is nested too deeply to render (definition lists, lists or quotes)") from None
    except Exception as exc:  # any failure of the renderer refuses the text
        raise MarkdownRefused(f"could not be rendered ({type(exc).__name__})") from None
    elapsed = time.process_time() - started
    if elapsed > RENDER_BUDGET:
        raise MarkdownRefused(f"took {elapsed:.1f} s to render; the limit is {RENDER_BUDGET} s (simplify it)")


def refusals(obj: models.Model) -> dict[str, str]:
    """Field name -> the reason its Markdown is refused, for every Markdown field of ``obj`` that fails."""
    errors = {}
    for name in markdown_fields(type(obj)):
        value = getattr(obj, name)
        if not value:
            continue
        try:
            check_markdown(str(value))
        except MarkdownRefused as exc:
            errors[name] = f"This Markdown {exc}."
    return errors
