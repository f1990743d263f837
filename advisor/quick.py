"""Quick mode: the three questions that settle most results, and the measurement that chose them.

The measurement (``measure``) asks the engine, on a content snapshot, how often one answer decides the winner:
it draws random answer sets (each question answered with a random choice, or skipped, with equal chance per
option), and for every question tries each other option (every other choice, and skipping it) with the rest
unchanged. A question's **flip rate** is the share of those single changes that put another framework first.
The questions with the highest rates settle most results; ``QUICK_QUESTIONS`` holds the three that the shipped
content gives (``manage.py measurequick`` prints the table; ``tests/guide/test_quick_mode.py`` checks that the
constant still matches it).

The quick form asks those three on one page. It submits to the questionnaire itself (``/guide/``): with
``finish=now`` it stores the result and opens its permalink, like the full questionnaire; without it, it
continues at the first unanswered question with the three answers kept.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import engine

#: The three questions whose single answer changes the winner most often on the shipped content, in the order
#: the questionnaire asks them. ``measure(snapshot.current())`` gives them (see the module docstring).
QUICK_QUESTIONS = ("project", "admin", "api-docs")
SAMPLES = 400  # random answer sets; the first three are the same for every seed tried from 200 on
SEED = 27


@dataclass(frozen=True)
class Rate:
    question: str
    text: str
    flips: int
    tries: int

    @property
    def share(self) -> float:
        return self.flips / self.tries if self.tries else 0.0


def _winner(content: engine.Content, answers: dict[str, str]) -> str | None:
    found = engine.leader(content, answers)
    return found["ranking"][0]["slug"] if found else None


def measure(content: engine.Content, samples: int = SAMPLES, seed: int = SEED) -> list[Rate]:
    """Every question's flip rate on this content, highest first (ties in questionnaire order)."""
    draw = random.Random(seed)
    options = {q.slug: [None, *(c.slug for c in q.choices)] for q in content.questions}
    flips = dict.fromkeys(options, 0)
    tries = dict.fromkeys(options, 0)
    for _ in range(samples):
        answers = {q: draw.choice(opts) for q, opts in options.items()}
        given = {q: c for q, c in answers.items() if c is not None}
        winner = _winner(content, given)
        for question, opts in options.items():
            for other in opts:
                if other == answers[question]:
                    continue
                changed = {q: c for q, c in given.items() if q != question}
                if other is not None:
                    changed[question] = other
                tries[question] += 1
                flips[question] += _winner(content, changed) != winner
    order = [q.slug for q in content.questions]
    rates = [Rate(q.slug, q.text, flips[q.slug], tries[q.slug]) for q in content.questions]
    return sorted(rates, key=lambda r: (-r.share, order.index(r.question)))


def questions(content: engine.Content) -> list[engine.Question]:
    """The quick questions that the content still has, in questionnaire order."""
    return [q for q in content.questions if q.slug in QUICK_QUESTIONS]
