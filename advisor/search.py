"""Site search over published frameworks, criteria, use cases, pitfalls and FAQ entries, grouped by kind.

On PostgreSQL it is full-text search (``django.contrib.postgres.search``): one weighted document per entry
(name or title A, tagline/summary/question B, body text C) matched with ``websearch_to_tsquery`` (quotes
for phrases, ``-word`` to exclude, ``or``), ranked first by how many of the words the name holds, then by
``ts_rank``; a title that contains the typed text as it stands also matches, so a half-typed name ("fla")
finds Flask while the visitor types. On any other database (SQLite) it falls back to case-insensitive
containment: every word must occur in one of the same fields, and entries whose name holds more of the
words come first, then those whose summary does.

Either way it runs one query per kind (five in all, whatever the amount of content), each returning at most
``PER_KIND`` rows plus the kind's total count (a window function). The query text is cleaned first: control
characters removed, whitespace collapsed, cut to ``MAX_QUERY_LENGTH`` characters (the page says so when it
cut), and the fallback looks at the first ``MAX_WORDS`` words only.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import Length
from django.utils.html import strip_tags

from .models import FAQ, Criterion, Framework, Pitfall, UseCase
from .templatetags.advisor_tags import render_markdown

MAX_QUERY_LENGTH = 100  # characters; a longer query is cut to this (and the page says so)
MAX_WORDS = 8  # the SQLite fallback's words; PostgreSQL parses the whole (cut) query itself
PER_KIND = 8  # hits shown per kind; the count says how many matched in all
SNIPPET_LENGTH = 180  # characters of context around the first matching word
SEARCH_CONFIG = "english"  # PostgreSQL text-search configuration: stems "scaling" and "scale" alike

WORD = re.compile(r"\w[\w+#.-]*\w|\w", re.UNICODE)
# Words that join what a visitor compares ("fastapi vs django") and that no entry needs to contain.
JOINING_WORDS = {"vs", "v", "versus", "compared", "against"}
# A hyphen between letters joins the parts of a name ("django-ninja" is Django Ninja's slug).
INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@dataclass(frozen=True)
class Kind:
    """One kind of entry: its model and which fields weigh how much (A the name, B the summary, C the body)."""

    key: str
    label: str
    model: type
    title: str
    summary: tuple[str, ...]
    body: tuple[str, ...]
    plural: str = ""  # how a sentence names several hits: "frameworks", "FAQ entries"

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.title, *self.summary, *self.body)


KINDS = (
    Kind(
        "frameworks",
        "Frameworks",
        Framework,
        "name",
        ("tagline", "best_for", "summary"),
        ("history", "strengths", "limitations", "when_to_use", "when_not_to_use", "scaling_risk"),
        "frameworks",
    ),
    Kind("criteria", "Criteria", Criterion, "name", ("question",), ("description", "scale"), "criteria"),
    Kind("use_cases", "Use cases", UseCase, "name", ("summary",), ("description",), "use cases"),
    Kind("pitfalls", "Pitfalls", Pitfall, "title", ("symptom",), ("cause", "fix"), "pitfalls"),
    Kind("faq", "FAQ", FAQ, "question", (), ("answer",), "FAQ entries"),
)


@dataclass(frozen=True)
class Query:
    """The visitor's text, cleaned: ``text`` is what is searched, ``cut`` says whether it was shortened."""

    text: str
    cut: bool = False

    @property
    def searched(self) -> str:
        """The text as searched: hyphenated names split into their words, comparison words dropped."""
        words = INNER_HYPHEN.sub(" ", self.text).split(" ")
        return " ".join(w for w in words if w.lower() not in JOINING_WORDS)

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.searched)[:MAX_WORDS]


def clean_query(raw: str) -> Query:
    """Drop control and unassigned characters (PostgreSQL refuses NUL), collapse spaces, cut to the limit."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", raw) if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return Query(text[:MAX_QUERY_LENGTH].rstrip(), cut=True)
    return Query(text)


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: list[tuple[str, bool]]  # (text, matched) pieces; the template marks the matched ones


@dataclass
class Group:
    kind: Kind
    hits: list[Hit] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.hits)


@dataclass
class Results:
    query: Query
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def full_text(using: str = "default") -> bool:
    """Whether the database does full-text search (PostgreSQL), rather than the containment fallback."""
    return connections[using].vendor == "postgresql"


def kind_named(key: str) -> Kind | None:
    return next((kind for kind in KINDS if kind.key == key), None)


def search(query: Query, using: str = "default", only: Kind | None = None) -> Results:
    """Search every kind (one query each), at most ``PER_KIND`` hits of each; or, with ``only``, that kind
    alone with all its hits (the "show all" link of a group). A query with nothing searchable in it finds
    nothing, with no query."""
    postgres = full_text(using)
    groups = []
    for kind in KINDS if only is None else (only,):
        group = Group(kind)
        if query.words:
            queryset = kind.model.objects.using(using).published().only("slug", *kind.fields)
            ranked = _postgres(queryset, kind, query) if postgres else _fallback(queryset, kind, query)
            ranked = ranked.annotate(total=Window(Count("pk")))
            rows = list(ranked if only else ranked[:PER_KIND])
            group.total = rows[0].total if rows else 0
            group.hits = [_hit(kind, row, query.words) for row in rows]
        groups.append(group)
    return Results(query, groups)


def _postgres(queryset: QuerySet, kind: Kind, query: Query) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vectors = [SearchVector(kind.title, weight="A", config=SEARCH_CONFIG)]
    vectors += [SearchVector(name, weight="B", config=SEARCH_CONFIG) for name in kind.summary]
    vectors += [SearchVector(name, weight="C", config=SEARCH_CONFIG) for name in kind.body]
    document = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    tsquery = SearchQuery(query.searched, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.alias(
            document=document,
            # Normalisation 1 divides by the log of the length, so a long profile does not win on volume alone.
            rank=SearchRank(document, tsquery, normalization=Value(1)),
            title_hits=_word_hits((kind.title,), query.words),
            title_extra=_title_extra(kind),
        )
        .filter(Q(document=tsquery) | Q(**{f"{kind.title}__icontains": query.searched}))
        .order_by(F("title_hits").desc(), "title_extra", F("rank").desc(), kind.title)
    )


def _fallback(queryset: QuerySet, kind: Kind, query: Query) -> QuerySet:
    for word in query.words:
        anywhere = Q()
        for name in kind.fields:
            anywhere |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(anywhere)
    return queryset.alias(
        title_hits=_word_hits((kind.title,), query.words),
        title_extra=_title_extra(kind),
        summary_hits=_word_hits(kind.summary, query.words),
    ).order_by(F("title_hits").desc(), "title_extra", F("summary_hits").desc(), kind.title)


def _title_extra(kind: Kind):
    """Among titles holding the same number of the words, the shorter holds fewer others: "Django" before
    "Django Ninja" for "django admin". Titles holding none of the words are left to the text's rank."""
    return Case(When(title_hits__gt=0, then=Length(kind.title)), default=Value(0), output_field=IntegerField())


def _word_hits(names: tuple[str, ...], words: list[str]):
    """How many of the words occur (case-insensitively) in at least one of these fields, as an expression."""
    total = Value(0)
    if not names:
        return total
    for word in words:
        in_any = Q()
        for name in names:
            in_any |= Q(**{f"{name}__icontains": word})
        total = total + Case(When(in_any, then=Value(1)), default=Value(0), output_field=IntegerField())
    return total


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: rendered, tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(render_markdown(markdown))).split())


def _hit(kind: Kind, row, words: list[str]) -> Hit:
    texts = [plain_text(getattr(row, name) or "") for name in (*kind.summary, *kind.body)]
    return Hit(str(getattr(row, kind.title)), row.get_absolute_url(), snippet(texts, words))


def snippet(texts: list[str], words: list[str], length: int = SNIPPET_LENGTH) -> list[tuple[str, bool]]:
    """About ``length`` characters from the first text that holds one of the words (else the first text),
    centred on that word, cut at word boundaries, split into pieces with the matching words marked."""
    texts = [t for t in texts if t]
    if not texts:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    text, found = texts[0], None
    for candidate in texts:
        found = pattern.search(candidate)
        if found:
            text = candidate
            break
    start = max(0, found.start() - length // 3) if found else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (found.start() if found else len(text)) else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
    pieces, at = [], 0
    for match in pattern.finditer(excerpt) if words else ():
        if match.start() > at:
            pieces.append((excerpt[at : match.start()], False))
        pieces.append((match.group(), True))
        at = match.end()
    if at < len(excerpt):
        pieces.append((excerpt[at:], False))
    return pieces
