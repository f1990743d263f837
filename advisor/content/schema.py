"""What each kind of content entry may hold, declared once, and checking an entry against it.

A :class:`Kind` names the model, the scalar fields an entry writes (in the order the exporter writes them),
the keys that name other entries by slug (foreign keys and many-to-many lists) and the keys that hold
nested collections. Checking an entry needs no database: the field types are checked as written (YAML's
``2.5``, ``"3"`` or ``true`` in a whole-number field is an error, never converted), then each field is
cleaned by Django's own field validation (lengths, choices, URLs, validators). Slugs are resolved by the
loader from maps it builds once; table constraints are left to the database, whose refusal the loader
traces back to the entry.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from ..models import (
    FAQ,
    BenchmarkFigure,
    Category,
    Choice,
    Criterion,
    Evidence,
    Family,
    Fit,
    Framework,
    Hybrid,
    HybridPart,
    Incident,
    MigrationPath,
    MustHave,
    Pitfall,
    Question,
    Rating,
    Relation,
    Source,
    UseCase,
    Verdict,
    Weight,
)

_SHORT = reprlib.Repr(maxlevel=2, maxdict=4, maxlist=4, maxtuple=4, maxset=4, maxstring=100, maxother=100)


def shown(value) -> str:
    """A value for a message: its repr, cut short (a value built from a hostile file may be huge)."""
    text = _SHORT.repr(value)  # bounded work: a few items of a few levels, however large the value
    return text if len(text) <= 120 else text[:117] + "..."


class ContentError(Exception):
    """A content file is wrong; the message names the file and the entry."""

    def __init__(self, path: str, entry: str | None, message: str):
        self.path, self.entry = path, entry
        where = f"{path}, entry {shown(entry)}" if entry else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Ref:
    """An entry key holding the slug of another entry (a foreign key) or a list of slugs (many-to-many)."""

    field: str  # the model field it sets
    model: type[models.Model]  # the model the slugs name
    what: str  # how messages name it


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    fields: tuple[str, ...]  # scalar fields, in the order the exporter writes them
    refs: dict[str, Ref] = field(default_factory=dict)  # foreign keys by slug, in export order
    many: dict[str, Ref] = field(default_factory=dict)  # many-to-many slug lists, in export order
    nested: tuple[str, ...] = ()  # keys holding collections the loader reads itself
    required: tuple[str, ...] = ()  # keys that must hold a value
    positioned: bool = False  # position comes from the order of entries, or from "position" where it differs
    order_only: bool = False  # position comes from the order alone (it is part of the row's key)

    @property
    def keys(self) -> set[str]:
        explicit = {"position"} if self.positioned and not self.order_only else set()
        return {*self.fields, *self.refs, *self.many, *self.nested, *explicit}

    def check(self, rel: str, label, entry: dict) -> None:
        """Unknown keys and missing required values."""
        unknown = set(entry) - self.keys
        if unknown:
            raise ContentError(rel, label, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        required = self.required + tuple(
            key for key, ref in self.refs.items() if not self.model._meta.get_field(ref.field).null
        )
        missing = [key for key in dict.fromkeys(required) if entry.get(key) in (None, "")]
        if missing:
            raise ContentError(rel, label, f"missing required field(s): {', '.join(missing)}")

    def build(self, rel: str, label, entry: dict, **attrs) -> models.Model:
        """An unsaved, validated instance from the entry's scalar fields and the given attributes (ids of
        the entries it points at, its parent, its position)."""
        values = {}
        for name in self.fields:
            model_field = self.model._meta.get_field(name)
            values[model_field.attname] = scalar(model_field, entry, name, rel, label)
        obj = self.model(**values, **attrs)
        clean(obj, rel, label)
        return obj


def scalar(model_field: models.Field, entry: dict, name: str, rel: str, label) -> Any:
    """One scalar value as written, its type checked; absent or null means the field's default."""
    is_text = isinstance(model_field, (models.CharField, models.TextField))
    value = entry.get(name)
    if value is None:
        if name in entry and model_field.null:
            return None
        return "" if is_text and name in entry else model_field.get_default()
    if is_text:
        if not isinstance(value, str):
            # YAML reads unquoted No, Yes, On, 1.0 or dates as other types: insist on text.
            raise ContentError(rel, label, f"{name} must be text, not {shown(value)} (quote it in the YAML)")
        return value.replace("\r\n", "\n")
    if isinstance(model_field, models.BooleanField) and not isinstance(value, bool):
        raise ContentError(rel, label, f"{name} must be true or false, not {shown(value)}")
    check_number(model_field, value, rel, label, name)
    return value


def check_number(model_field: models.Field, value, rel: str, label, name: str) -> None:
    """Numbers are taken as written: 2.5, "3" or true in a whole-number field (or "3" or true in a number
    field) is an error, never converted."""
    if isinstance(model_field, models.IntegerField) and (isinstance(value, bool) or not isinstance(value, int)):
        raise ContentError(rel, label, f"{name} must be a whole number, not {shown(value)}")
    if isinstance(model_field, models.FloatField) and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ContentError(rel, label, f"{name} must be a number, not {shown(value)}")


def clean(obj: models.Model, rel: str, label) -> None:
    """Django's field validation (types, lengths, choices, validators), without the checks that query the
    database: related entries come from the loader's slug maps, uniqueness and table constraints from the
    database itself."""
    related = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.clean_fields(exclude=related)
    except ValidationError as exc:
        raise ContentError(rel, label, messages(exc)) from None
    except (TypeError, ValueError) as exc:
        raise ContentError(rel, label, str(exc)) from None


def messages(exc: ValidationError) -> str:
    return "; ".join(f"{key}: {' '.join(values)}" for key, values in exc.message_dict.items())


SOURCE = Kind(Source, ("slug", "title", "author", "url", "date", "kind", "summary", "status"))
CATEGORY = Kind(Category, ("slug", "name", "description"), positioned=True)
CRITERION = Kind(
    Criterion,
    ("slug", "name", "question", "description", "scale", "low_label", "high_label", "weight", "status"),
    refs={"category": Ref("category", Category, "category")},
    positioned=True,
)
FRAMEWORK = Kind(
    Framework,
    (
        "slug",
        "name",
        "tagline",
        "best_for",
        "summary",
        "history",
        "creators",
        "first_release_year",
        "license",
        "server_interface",
        "servers",
        "homepage_url",
        "docs_url",
        "repository_url",
        "code_language",
        "code_sample",
        "strengths",
        "limitations",
        "when_to_use",
        "when_not_to_use",
        "extensions",
        "configuration",
        "scaling_risk",
        "position",
        "status",
    ),
    many={"sources": Ref("sources", Source, "source")},
)
RATING = Kind(
    Rating,
    ("score", "label", "explanation", "disputed"),
    refs={"criterion": Ref("criterion", Criterion, "criterion")},
    nested=("evidence",),
    required=("criterion", "label"),
)
EVIDENCE = Kind(
    Evidence,
    ("claim", "supports_score", "locator"),
    refs={"source": Ref("source", Source, "source")},
    required=("source", "claim"),
    positioned=True,
    order_only=True,
)
USE_CASE = Kind(
    UseCase,
    ("slug", "name", "summary", "description", "status"),
    many={"sources": Ref("sources", Source, "source")},
    nested=("fits", "preset"),
    positioned=True,
)
FIT = Kind(
    Fit,
    ("level", "reason"),
    refs={"framework": Ref("framework", Framework, "framework")},
    many={"sources": Ref("sources", Source, "source")},
    required=("framework", "level", "reason"),
)
QUESTION = Kind(Question, ("slug", "text", "help", "status"), nested=("choices",), positioned=True)
CHOICE = Kind(
    Choice,
    ("slug", "label", "help"),
    refs={"use_case": Ref("use_case", UseCase, "use case")},
    nested=("weights", "must_haves"),
    required=("slug", "label"),
    positioned=True,
)
# A choice's effects: under each key, a mapping of criterion slug to the kind's one field.
EFFECTS = {"weights": Kind(Weight, ("delta",)), "must_haves": Kind(MustHave, ("minimum",))}
HYBRID = Kind(
    Hybrid,
    ("slug", "name", "summary", "when", "status"),
    many={"sources": Ref("sources", Source, "source")},
    nested=("parts",),
    positioned=True,
)
PART = Kind(
    HybridPart,
    ("role",),
    refs={"framework": Ref("framework", Framework, "framework")},
    required=("framework", "role"),
    positioned=True,
)

# Single-file collections of top-level entries, in load order: file name and kind.
SIMPLE: list[tuple[str, Kind]] = [
    (
        "pitfalls.yaml",
        Kind(
            Pitfall,
            ("slug", "title", "kind", "symptom", "cause", "fix", "status"),
            many={
                "frameworks": Ref("frameworks", Framework, "framework"),
                "choices": Ref("choices", Choice, "choice"),
                "sources": Ref("sources", Source, "source"),
            },
            positioned=True,
        ),
    ),
    (
        "migrations.yaml",
        Kind(
            MigrationPath,
            ("slug", "difficulty", "summary", "strategy", "status"),
            refs={"from": Ref("from_framework", Framework, "from"), "to": Ref("to_framework", Framework, "to")},
            many={"sources": Ref("sources", Source, "source")},
        ),
    ),
    (
        "faq.yaml",
        Kind(
            FAQ,
            ("slug", "question", "answer", "status"),
            many={"sources": Ref("sources", Source, "source")},
            positioned=True,
        ),
    ),
    (
        "figures.yaml",
        Kind(
            BenchmarkFigure,
            ("slug", "metric", "value", "value_max", "unit", "conditions", "caveat", "lab_measure", "status"),
            refs={
                "framework": Ref("framework", Framework, "framework"),
                "compared_to": Ref("compared_to", Framework, "compared to"),
                "source": Ref("source", Source, "source"),
            },
            positioned=True,
        ),
    ),
    (
        "incidents.yaml",
        Kind(
            Incident,
            ("slug", "title", "summary", "symptom", "cause", "fix", "lesson", "status"),
            many={"frameworks": Ref("frameworks", Framework, "framework"), "sources": Ref("sources", Source, "source")},
            positioned=True,
        ),
    ),
    (
        "families.yaml",
        Kind(
            Family,
            ("slug", "name", "summary", "status"),
            many={"frameworks": Ref("frameworks", Framework, "framework")},
            positioned=True,
        ),
    ),
    (
        "relations.yaml",
        Kind(
            Relation,
            ("slug", "kind", "summary", "status"),
            refs={"framework": Ref("framework", Framework, "framework"), "other": Ref("other", Framework, "other")},
            many={"inherits": Ref("inherits", Criterion, "criterion"), "sources": Ref("sources", Source, "source")},
        ),
    ),
    (
        "verdicts.yaml",
        Kind(
            Verdict,
            ("slug", "title", "summary", "status"),
            refs={"source": Ref("source", Source, "source")},
            many={"frameworks": Ref("frameworks", Framework, "framework")},
            positioned=True,
        ),
    ),
]
