"""Load the content files into the database: all or nothing, in bulk, matching entries by slug.

Each collection is read whole; every entry is checked against its :mod:`schema` kind and the slugs it
names are resolved from maps built once per model; then the rows are written in bulk (:mod:`write`): a
few queries per table, whatever the number of entries. The content version moves once, and only if the
content changed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.db import models, transaction

from .. import versioning
from ..lab import content as labcontent
from ..models import (
    FAQ,
    BenchmarkFigure,
    Category,
    Choice,
    Criterion,
    Family,
    Framework,
    Hybrid,
    Incident,
    MigrationPath,
    Pitfall,
    Question,
    Rating,
    Relation,
    Source,
    UseCase,
    Verdict,
)
from . import write
from .export import INCOMPLETE, export_data
from .files import read_yaml
from .schema import (
    CATEGORY,
    CHOICE,
    CRITERION,
    EFFECTS,
    EVIDENCE,
    FIT,
    FRAMEWORK,
    HYBRID,
    PART,
    QUESTION,
    RATING,
    SIMPLE,
    SOURCE,
    USE_CASE,
    ContentError,
    Kind,
    check_number,
    clean,
    shown,
)
from .write import Row

# Pruning deletes what no file mentions, entries that point at others first.
PRUNE_ORDER = (
    Relation,
    Family,
    Verdict,
    Hybrid,
    Incident,
    BenchmarkFigure,
    FAQ,
    MigrationPath,
    Pitfall,
    Question,
    UseCase,
    Framework,
    Criterion,
    Category,
    Source,
)


class Loader:
    def __init__(self, root: Path, prune: bool):
        self.root = root
        self.prune = prune
        self.seen: dict[type[models.Model], set[str]] = {}
        self.written: Counter[str] = Counter()
        self._ids: dict[type[models.Model], dict[str, int]] = {}

    # -- shapes --------------------------------------------------------------------------------

    def entries(self, rel: str, data, key: str | None = None) -> list[tuple[str, int, dict]]:
        """A file's entries (under ``key`` of a mapping, or the whole file), as (file, position, entry)."""
        if key is not None:
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise ContentError(rel, None, "expected a mapping at the top level")
            data = data.get(key)
        if data is None:
            return []
        if not isinstance(data, list):
            raise ContentError(rel, None, f"expected a list of entries{f' under {key!r}' if key else ''}")
        for i, entry in enumerate(data):
            if not isinstance(entry, dict):
                raise ContentError(rel, f"#{i + 1}", "each entry must be a mapping of field: value")
        return [(rel, i, entry) for i, entry in enumerate(data)]

    def mapping(self, row: Row, key: str, message: str) -> dict:
        value = row.entry.get(key) or {}
        if not isinstance(value, dict):
            raise ContentError(row.rel, row.label, message)
        return value

    # -- slugs ---------------------------------------------------------------------------------

    def ids(self, model: type[models.Model]) -> dict[str, int]:
        """Slug -> id for every row of ``model`` (a choice's slug is ``question/choice``): one query per
        model, again only after the loader wrote to it."""
        if model not in self._ids:
            if model is Choice:
                rows = Choice.objects.values_list("question__slug", "slug", "pk")
                self._ids[model] = {f"{question}/{slug}": pk for question, slug, pk in rows}
            else:
                self._ids[model] = dict(model.objects.values_list("slug", "pk"))
        return self._ids[model]

    def id_of(self, model: type[models.Model], slug, rel: str, label, what: str) -> int:
        if not isinstance(slug, str):
            raise ContentError(rel, label, f"{what} must be a slug, not {shown(slug)}")
        try:
            return self.ids(model)[slug]
        except KeyError:
            raise ContentError(rel, label, f"unknown {what} {shown(slug)}") from None

    def ids_of(self, model: type[models.Model], slugs, rel: str, label, what: str) -> list[int]:
        if slugs is None:
            return []
        if not isinstance(slugs, list):
            raise ContentError(rel, label, f"{what} must be a list of slugs")
        return [self.id_of(model, slug, rel, label, what) for slug in slugs]

    # -- rows ----------------------------------------------------------------------------------

    def row(self, kind: Kind, rel: str, label, entry: dict, position: int, **attrs) -> Row:
        """An entry checked against its kind, the slugs it names resolved, as an unsaved row."""
        kind.check(rel, label, entry)
        for key, ref in kind.refs.items():
            value = entry.get(key)
            column = kind.model._meta.get_field(ref.field).attname
            attrs[column] = None if value is None else self.id_of(ref.model, value, rel, label, ref.what)
        if kind.positioned:
            # Written only where it differs from the entry's place (ties and gaps a curator made in the admin).
            explicit = entry.get("position") if not kind.order_only else None
            if explicit is not None:
                check_number(kind.model._meta.get_field("position"), explicit, rel, label, "position")
            attrs["position"] = position if explicit is None else explicit
        return Row(None, kind.build(rel, label, entry, **attrs), rel, label, entry)

    def children(self, parent: Row, key: str, what: str, kind: Kind, label, **attrs) -> list[Row]:
        """The rows of a nested list of entries; ``label(position, item)`` names each in messages."""
        items = parent.entry.get(key) or []
        if not isinstance(items, list):
            raise ContentError(parent.rel, parent.label, f"{key} must be a list")
        rows = []
        for position, item in enumerate(items):
            name = label(position, item if isinstance(item, dict) else {})
            if not isinstance(item, dict):
                raise ContentError(parent.rel, name, f"each {what} must be a mapping")
            rows.append(self.row(kind, parent.rel, name, item, position, **attrs))
        return rows

    def book(self, what: str, count: int) -> None:
        if count:
            self.written[what] += count

    def saved(self, kind: Kind, rows: list[Row], result: tuple[dict, int]) -> dict:
        """Book a write, forget the model's slug map, and set the rows' many-to-many links."""
        saved, written = result
        if written:
            self.book(kind.model.__name__, written)
            self._ids.pop(kind.model, None)
        for key, ref in kind.many.items():
            links = {
                saved[row.key].pk: self.ids_of(ref.model, row.entry.get(key), row.rel, row.label, ref.what)
                for row in rows
            }
            self.book(f"{kind.model.__name__}.{ref.field}", write.set_links(kind.model, ref.field, links))
        return saved

    def save_entries(self, kind: Kind, entries: list[tuple[str, int, dict]]) -> tuple[list[Row], dict]:
        """Top-level entries, matched by slug; returns their rows and slug -> saved object."""
        seen = self.seen.setdefault(kind.model, set())
        rows = []
        for rel, position, entry in entries:
            slug = entry.get("slug")
            if not isinstance(slug, str) or not slug:
                label = entry.get("name") or entry.get("title") or None
                raise ContentError(rel, label, "missing required field(s): slug")
            if slug in seen:
                raise ContentError(rel, slug, "duplicate slug")
            seen.add(slug)
            row = self.row(kind, rel, slug, entry, position)
            row.key = slug
            rows.append(row)
        existing = {obj.slug: obj for obj in kind.model.objects.filter(slug__in=[row.key for row in rows])}
        return rows, self.saved(kind, rows, write.save(kind, rows, existing))

    def replace_children(self, kind: Kind, parent: str, parents: dict, rows: list[Row], key, duplicate: str) -> dict:
        ids = [obj.pk for obj in parents.values()]
        return self.saved(kind, rows, write.replace_children(kind, parent, ids, rows, key, duplicate))

    # -- collections ---------------------------------------------------------------------------

    def load(self) -> None:
        if not self.root.is_dir():
            raise ContentError(str(self.root), None, "content folder not found")
        self.check_complete()
        self.save_entries(SOURCE, self.read("sources.yaml"))
        lab_sources, written = labcontent.load_sources(self.root, ContentError)  # before the ratings citing them
        self.seen.setdefault(Source, set()).update(lab_sources)
        self.book("Source", written)
        criteria = read_yaml(self.root, "criteria.yaml")
        self.save_entries(CATEGORY, self.entries("criteria.yaml", criteria, "categories"))
        self.save_entries(CRITERION, self.entries("criteria.yaml", criteria, "criteria"))
        self.load_frameworks()
        self.book("LabRun", labcontent.load_runs(self.root, self.prune, ContentError))
        use_cases = self.load_use_cases()
        self.load_questions()
        self.load_presets(*use_cases)
        for rel, kind in SIMPLE:
            self.save_entries(kind, self.read(rel))
        self.load_hybrids()
        if self.prune:
            self.prune_missing()
        self.check_inherited()

    def check_complete(self) -> None:
        """Refuse a folder an export left half-written: its marker, or a temporary file anywhere in it."""
        if (self.root / INCOMPLETE).exists():
            raise ContentError(INCOMPLETE, None, "this folder holds an export that stopped part-way; export again")
        stray = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.tmp"))
        if stray:
            message = "a temporary file left by an interrupted write; remove it or export again"
            raise ContentError(stray[0], None, message)

    def read(self, rel: str) -> list[tuple[str, int, dict]]:
        return self.entries(rel, read_yaml(self.root, rel))

    def load_frameworks(self):
        folder = self.root / "frameworks"
        entries = []
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            rel = f"frameworks/{path.name}"
            entry = read_yaml(self.root, rel)
            if not isinstance(entry, dict):
                raise ContentError(rel, None, "expected a mapping of field: value")
            if entry.get("slug") != path.stem:
                raise ContentError(rel, entry.get("slug"), f"the slug must match the file name ({path.stem!r})")
            entries.append((rel, 0, entry))
        _, frameworks = self.save_entries(FRAMEWORK, entries)

        ratings = []
        for slug, framework in frameworks.items():
            for rel, _, entry in self.read(f"ratings/{slug}.yaml"):
                ratings.append(self.row(RATING, rel, entry.get("criterion"), entry, 0, framework_id=framework.pk))
        key, duplicate = ("framework_id", "criterion_id"), "duplicate rating for this criterion"
        saved = self.replace_children(RATING, "framework", frameworks, ratings, key, duplicate)
        evidence = [
            child
            for row in ratings
            for child in self.children(
                row,
                "evidence",
                "evidence item",
                EVIDENCE,
                lambda j, _, n=row.label: f"{n} evidence #{j + 1}",
                rating_id=saved[row.key].pk,
            )
        ]
        self.replace_children(EVIDENCE, "rating", saved, evidence, ("rating_id", "position"), "duplicate evidence")

    def load_use_cases(self) -> tuple[list[Row], dict]:
        rows, use_cases = self.save_entries(USE_CASE, self.read("use-cases.yaml"))
        fits = [
            child
            for row in rows
            for child in self.children(
                row,
                "fits",
                "fit",
                FIT,
                lambda _, item, s=row.key: f"{s} fit {item.get('framework', '?')}",
                use_case_id=use_cases[row.key].pk,
            )
        ]
        key, duplicate = ("use_case_id", "framework_id"), "duplicate fit for this framework"
        self.replace_children(FIT, "use_case", use_cases, fits, key, duplicate)
        return rows, use_cases

    def load_questions(self):
        rows, questions = self.save_entries(QUESTION, self.read("questions.yaml"))
        choices = [
            child
            for row in rows
            for child in self.children(
                row,
                "choices",
                "choice",
                CHOICE,
                lambda _, item, s=row.key: f"{s}/{item.get('slug', '?')}",
                question_id=questions[row.key].pk,
            )
        ]
        key = ("question_id", "slug")
        saved = self.replace_children(CHOICE, "question", questions, choices, key, "duplicate choice slug")
        for name, kind in EFFECTS.items():
            (attr,) = kind.fields
            effects = []
            for row in choices:
                values = self.mapping(row, name, f"{name} must be a mapping of criterion: value")
                for slug, value in values.items():
                    criterion = self.id_of(Criterion, slug, row.rel, row.label, "criterion")
                    check_number(kind.model._meta.get_field(attr), value, row.rel, row.label, f"{name}.{slug}")
                    obj = kind.model(choice_id=saved[row.key].pk, criterion_id=criterion, **{attr: value})
                    label = f"{row.label} {name}.{slug}"
                    clean(obj, row.rel, label)
                    effects.append(Row(None, obj, row.rel, label, {}))
            key = ("choice_id", "criterion_id")
            self.replace_children(kind, "choice", saved, effects, key, "duplicate criterion")

    def load_presets(self, rows: list[Row], use_cases: dict):
        links = {}
        for row in rows:
            preset = self.mapping(row, "preset", "preset must be a mapping of question: choice")
            links[use_cases[row.key].pk] = [
                self.id_of(Choice, f"{q}/{c}", row.rel, row.label, "preset answer") for q, c in preset.items()
            ]
        self.book("UseCase.preset", write.set_links(UseCase, "preset", links))

    def load_hybrids(self):
        rows, hybrids = self.save_entries(HYBRID, self.read("hybrids.yaml"))
        parts = [
            child
            for row in rows
            for child in self.children(
                row, "parts", "part", PART, lambda j, _, s=row.key: f"{s} part #{j + 1}", hybrid_id=hybrids[row.key].pk
            )
        ]
        key, duplicate = ("hybrid_id", "framework_id"), "duplicate part for this framework"
        self.replace_children(PART, "hybrid", hybrids, parts, key, duplicate)

    def check_inherited(self):
        """A criterion a relation inherits is the other framework's own feature: both ratings must agree."""
        scores = {(f, c): s for f, c, s in Rating.objects.values_list("framework__slug", "criterion__slug", "score")}
        pairs = Relation.objects.values_list("slug", "framework__slug", "other__slug", "inherits__slug")
        for slug, framework, other, criterion in pairs:
            if criterion is None:
                continue
            mine, theirs = scores.get((framework, criterion)), scores.get((other, criterion))
            if mine != theirs:
                raise ContentError(
                    "relations.yaml",
                    slug,
                    f"inherits {criterion!r} from {other}, but {framework} is rated {mine} there and {other} {theirs}",
                )

    def prune_missing(self):
        for model in PRUNE_ORDER:
            try:
                deleted, _ = model.objects.exclude(slug__in=self.seen.get(model, set())).delete()
            except models.ProtectedError as exc:
                names = ", ".join(sorted(str(o) for o in exc.protected_objects)[:5])
                raise ContentError(
                    str(self.root), None, f"cannot prune {model._meta.verbose_name}: still used by {names}"
                ) from None
            self.book(f"{model.__name__} pruned", deleted)


def load_content(root: Path, prune: bool = False) -> dict[str, Any]:
    """Load ``root`` into the database in one transaction; on any error nothing changes.

    Returns a summary: how many rows were written (inserted, changed or deleted) per model and links per
    many-to-many field, whether the content changed, and its digest. Only changed rows are written, so the
    content changed exactly when something was written: then the version moves, once.
    """
    root = Path(root)
    try:
        with transaction.atomic(), versioning.suspended():
            loader = Loader(root, prune)
            loader.load()
            changed = bool(loader.written)
            if changed:
                digest = versioning.digest_of(export_data())
                versioning.bump(digest=digest)
            else:
                digest = versioning.current().digest
    except write.Refused as refused:
        raise write.explain(refused) from refused.error
    return {"changed": changed, "written": dict(loader.written), "digest": digest}
