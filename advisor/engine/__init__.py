"""The recommendation engine: pure Python, no database, no English.

Input: the answers (``{question slug: choice slug}``) and a :class:`Content` snapshot of the published
content (built from the database by :mod:`advisor.snapshot`, or by hand in tests). Output: an
:class:`Outcome`, whose ``.as_dict()`` is what a result permalink stores and the templates phrase.

- :mod:`.types`: the input and output data, and :func:`parse_answers`.
- :mod:`.scoring`: weights, the selected use case, scores, must-haves and the ranking rule.
- :mod:`.explanation`: reasons, the headline, flips, unknowns, hybrids, caveats.
- :mod:`.recommend`: :func:`recommend` and :func:`leader`, the entry points.
"""

from .explanation import CLOSE_MARGIN, CLOSE_RACE
from .recommend import ENGINE_VERSION, leader, recommend
from .scoring import FIT_SHARE, KEEP_SHARE, rank, select_use_case
from .types import (
    FIT_SCORES,
    SCALE_MAX,
    AnswerError,
    Choice,
    Content,
    Criterion,
    Framework,
    Hybrid,
    HybridPart,
    Outcome,
    Pitfall,
    Question,
    Rating,
    Relation,
    Source,
    UseCase,
    parse_answers,
)

__all__ = [
    "CLOSE_MARGIN",
    "CLOSE_RACE",
    "ENGINE_VERSION",
    "FIT_SCORES",
    "FIT_SHARE",
    "KEEP_SHARE",
    "SCALE_MAX",
    "AnswerError",
    "Choice",
    "Content",
    "Criterion",
    "Framework",
    "Hybrid",
    "HybridPart",
    "Outcome",
    "Pitfall",
    "Question",
    "Rating",
    "Relation",
    "Source",
    "UseCase",
    "leader",
    "parse_answers",
    "rank",
    "recommend",
    "select_use_case",
]
