"""Curated content as files: load ``content/`` into the database and export it back.

Layout (all YAML, long text as block scalars, lists in display order):

- ``sources.yaml``         sources
- ``criteria.yaml``        ``categories`` and ``criteria``
- ``frameworks/<slug>.yaml`` one framework each
- ``ratings/<slug>.yaml``  one framework's ratings, each with its evidence
- ``use-cases.yaml``       use cases with their fits and questionnaire presets
- ``questions.yaml``       questions, their choices and each choice's scoring effects
- ``pitfalls.yaml``, ``migrations.yaml``, ``faq.yaml``, ``figures.yaml``, ``incidents.yaml``,
  ``hybrids.yaml``, ``verdicts.yaml``
- ``lab/<run>.yaml``        one lab run each, with its measurements (advisor/labcontent.py)

Entries are matched by slug, so loading is idempotent. A field left out of an entry takes its
default; the exporter leaves out fields that hold their default, so a load followed by an export
reproduces the files byte for byte. Positions come from the order of entries in a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from . import labcontent, versioning
from .models import (
    FAQ,
    BenchmarkFigure,
    Category,
    Choice,
    Criterion,
    Evidence,
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
    Source,
    UseCase,
    Verdict,
    Weight,
)


class ContentError(Exception):
    """A content file is wrong; the message names the file and the entry."""

    def __init__(self, path: str, entry: str | None, message: str):
        self.path, self.entry = path, entry
        where = f"{path}, entry {entry!r}" if entry else path
        super().__init__(f"{where}: {message}")


# Scalar fields per model, in the order they are written. Slug first; "position" is implied by
# order and never written (frameworks, one file each, carry theirs); many-to-many and child
# collections are handled per collection.
FIELDS: dict[type[models.Model], list[str]] = {
    Source: ["slug", "title", "author", "url", "date", "kind", "summary", "status"],
    Category: ["slug", "name", "description"],
    Criterion: ["slug", "name", "question", "description", "scale", "low_label", "high_label", "weight", "status"],
    Framework: [
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
    ],
    Rating: ["score", "label", "explanation", "disputed"],
    Evidence: ["claim", "supports_score", "locator"],
    UseCase: ["slug", "name", "summary", "description", "status"],
    Fit: ["level", "reason"],
    Question: ["slug", "text", "help", "status"],
    Choice: ["slug", "label", "help"],
    Pitfall: ["slug", "title", "kind", "symptom", "cause", "fix", "status"],
    MigrationPath: ["slug", "difficulty", "summary", "strategy", "status"],
    FAQ: ["slug", "question", "answer", "status"],
    BenchmarkFigure: ["slug", "metric", "value", "value_max", "unit", "conditions", "caveat", "lab_measure", "status"],
    Incident: ["slug", "title", "summary", "symptom", "cause", "fix", "lesson", "status"],
    Hybrid: ["slug", "name", "summary", "when", "status"],
    Verdict: ["slug", "title", "summary", "status"],
}

# Single-file collections of top-level entities: file name, model, foreign keys, many-to-many.
SIMPLE = [
    ("pitfalls.yaml", Pitfall, {}, {"frameworks": Framework, "choices": Choice, "sources": Source}),
    (
        "migrations.yaml",
        MigrationPath,
        {"from": ("from_framework", Framework), "to": ("to_framework", Framework)},
        {"sources": Source},
    ),
    ("faq.yaml", FAQ, {}, {"sources": Source}),
    (
        "figures.yaml",
        BenchmarkFigure,
        {
            "framework": ("framework", Framework),
            "compared_to": ("compared_to", Framework),
            "source": ("source", Source),
        },
        {},
    ),
    ("incidents.yaml", Incident, {}, {"frameworks": Framework, "sources": Source}),
    ("verdicts.yaml", Verdict, {"source": ("source", Source)}, {"frameworks": Framework}),
]


# ---------------------------------------------------------------------------------------------
# Reading and writing YAML


#: libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one; both
#: resolve the same YAML 1.1 types.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def read_yaml(root: Path, rel: str):
    path = root / rel
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise ContentError(rel, None, f"not UTF-8 text ({exc})") from exc
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise ContentError(rel, None, f"malformed YAML: {exc}") from exc


def _choice_key(choice: Choice) -> str:
    return f"{choice.question.slug}/{choice.slug}"


# ---------------------------------------------------------------------------------------------
# Export


def _scalars(obj: models.Model, names: list[str]) -> dict[str, Any]:
    out = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        default = field.get_default()
        if value == default or (value in ("", None) and field.blank):
            continue
        out[name] = value
    return out


def _slugs(objs) -> list[str]:
    return [o.slug for o in objs]


def export_data() -> dict[str, Any]:
    """The whole curated content as {relative file path: data}, deterministically ordered."""
    files: dict[str, Any] = {}
    sources = Source.objects.filter(lab_run__isnull=True).order_by("title", "slug")  # a lab run's is in its file
    files["sources.yaml"] = [_scalars(s, FIELDS[Source]) for s in sources]

    criteria = []
    for c in Criterion.objects.select_related("category").order_by("category__position", "position", "slug"):
        entry = _scalars(c, FIELDS[Criterion])
        entry = {"slug": entry.pop("slug"), "category": c.category.slug, **entry}
        criteria.append(entry)
    files["criteria.yaml"] = {
        "categories": [_scalars(c, FIELDS[Category]) for c in Category.objects.order_by("position", "slug")],
        "criteria": criteria,
    }

    frameworks = list(Framework.objects.prefetch_related("sources").order_by("position", "slug"))
    ratings_by_fw: dict[int, list] = {f.pk: [] for f in frameworks}
    ratings = (
        Rating.objects.select_related("criterion__category")
        .prefetch_related(
            models.Prefetch("evidence", Evidence.objects.select_related("source").order_by("position", "id"))
        )
        .order_by("criterion__category__position", "criterion__position", "criterion__slug")
    )
    for r in ratings:
        entry = {"criterion": r.criterion.slug, "score": r.score, **_scalars(r, FIELDS[Rating])}
        entry["evidence"] = [{"source": e.source.slug, **_scalars(e, FIELDS[Evidence])} for e in r.evidence.all()]
        ratings_by_fw[r.framework_id].append(entry)
    for f in frameworks:
        entry = _scalars(f, FIELDS[Framework])
        if srcs := _slugs(f.sources.order_by("slug")):
            entry["sources"] = srcs
        files[f"frameworks/{f.slug}.yaml"] = entry
        files[f"ratings/{f.slug}.yaml"] = ratings_by_fw[f.pk]

    use_cases = []
    fits = (
        Fit.objects.select_related("framework")
        .prefetch_related("sources")
        .order_by("framework__position", "framework__slug")
    )
    for u in UseCase.objects.prefetch_related(
        "sources", models.Prefetch("fits", fits), models.Prefetch("preset", Choice.objects.select_related("question"))
    ).order_by("position", "slug"):
        entry = _scalars(u, FIELDS[UseCase])
        if srcs := _slugs(sorted(u.sources.all(), key=lambda s: s.slug)):
            entry["sources"] = srcs
        preset = sorted(u.preset.all(), key=lambda c: (c.question.position, c.question.slug))
        if preset:
            entry["preset"] = {c.question.slug: c.slug for c in preset}
        entry["fits"] = []
        for fit in u.fits.all():
            item = {"framework": fit.framework.slug, **_scalars(fit, FIELDS[Fit])}
            if srcs := _slugs(sorted(fit.sources.all(), key=lambda s: s.slug)):
                item["sources"] = srcs
            entry["fits"].append(item)
        use_cases.append(entry)
    files["use-cases.yaml"] = use_cases

    questions = []
    choices = Choice.objects.select_related("use_case").prefetch_related(
        models.Prefetch("weights", Weight.objects.select_related("criterion").order_by("criterion__slug")),
        models.Prefetch("must_haves", MustHave.objects.select_related("criterion").order_by("criterion__slug")),
    )
    for q in Question.objects.prefetch_related(
        models.Prefetch("choices", choices.order_by("position", "slug"))
    ).order_by("position", "slug"):
        entry = _scalars(q, FIELDS[Question])
        entry["choices"] = []
        for c in q.choices.all():
            item = _scalars(c, FIELDS[Choice])
            if c.use_case_id:
                item["use_case"] = c.use_case.slug
            if weights := {w.criterion.slug: w.delta for w in c.weights.all()}:
                item["weights"] = weights
            if musts := {m.criterion.slug: m.minimum for m in c.must_haves.all()}:
                item["must_haves"] = musts
            entry["choices"].append(item)
        questions.append(entry)
    files["questions.yaml"] = questions

    for name, model, fks, m2ms in SIMPLE:
        qs = model.objects.all()
        if fks:
            qs = qs.select_related(*(field for field, _ in fks.values()))
        if m2ms:
            qs = qs.prefetch_related(*(m2m if m2m != "choices" else "choices__question" for m2m in m2ms))
        order = ["position", "slug"] if any(f.name == "position" for f in model._meta.fields) else ["slug"]
        entries = []
        for obj in qs.order_by(*order):
            entry = _scalars(obj, FIELDS[model])
            entry = (
                {"slug": entry.pop("slug")}
                | {key: getattr(obj, field).slug for key, (field, _) in fks.items() if getattr(obj, field) is not None}
                | entry
            )
            for key in m2ms:
                related = getattr(obj, key).all()
                values = sorted(_choice_key(c) for c in related) if key == "choices" else sorted(_slugs(related))
                if values:
                    entry[key] = values
            entries.append(entry)
        files[name] = entries

    hybrids = []
    for h in Hybrid.objects.prefetch_related("sources", "parts__framework").order_by("position", "slug"):
        entry = _scalars(h, FIELDS[Hybrid])
        entry["parts"] = [
            {"framework": p.framework.slug, "role": p.role} for p in sorted(h.parts.all(), key=lambda p: p.position)
        ]
        if srcs := sorted(_slugs(h.sources.all())):
            entry["sources"] = srcs
        hybrids.append(entry)
    files["hybrids.yaml"] = hybrids
    files.update(labcontent.export_files())
    return files


def export_content(root: Path) -> list[str]:
    """Write the database's content to ``root``; returns the files written. Stale files go."""
    data = export_data()
    root.mkdir(parents=True, exist_ok=True)
    for sub in ("frameworks", "ratings", labcontent.FOLDER):
        folder = root / sub
        if folder.is_dir():
            for stale in folder.glob("*.yaml"):
                if f"{sub}/{stale.name}" not in data:
                    stale.unlink()
    for rel, content in data.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dump_yaml(content)
        tmp = path.with_suffix(".yaml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return sorted(data)


# ---------------------------------------------------------------------------------------------
# Load


class _Loader:
    def __init__(self, root: Path, prune: bool):
        self.root = root
        self.prune = prune
        self.seen: dict[type, set[str]] = {}
        self.stats: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------------

    def entries(self, rel: str, data, key: str | None = None) -> list[dict]:
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
        return data

    def check_keys(self, rel: str, name: str, entry: dict, allowed: set[str]) -> None:
        unknown = set(entry) - allowed
        if unknown:
            raise ContentError(rel, name, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")

    def require(self, rel: str, name: str, entry: dict, *keys: str) -> None:
        missing = [k for k in keys if entry.get(k) in (None, "")]
        if missing:
            raise ContentError(rel, name, f"missing required field(s): {', '.join(missing)}")

    def lookup(self, rel: str, name: str, model, slug, what: str):
        if not isinstance(slug, str):
            raise ContentError(rel, name, f"{what} must be a slug, not {slug!r}")
        try:
            if model is Choice:
                question, _, choice = slug.partition("/")
                return Choice.objects.select_related("question").get(question__slug=question, slug=choice)
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise ContentError(rel, name, f"unknown {what} {slug!r}") from None

    def lookup_many(self, rel: str, name: str, model, slugs, what: str) -> list:
        if slugs is None:
            return []
        if not isinstance(slugs, list):
            raise ContentError(rel, name, f"{what} must be a list of slugs")
        return [self.lookup(rel, name, model, s, what) for s in slugs]

    def assign(self, obj: models.Model, fields: list[str], entry: dict, rel: str, label) -> None:
        for name in fields:
            if name == "slug" and obj.pk:
                continue
            field = obj._meta.get_field(name)
            if name in entry:
                value = entry[name]
                is_text = isinstance(field, (models.CharField, models.TextField))
                if value is None and not field.null:
                    value = "" if is_text else field.get_default()
                if is_text and value is not None and not isinstance(value, str):
                    # YAML reads unquoted No, Yes, On, 1.0 or dates as other types: insist on text.
                    raise ContentError(rel, label, f"{name} must be text, not {value!r} (quote it in the YAML)")
                if isinstance(field, models.BooleanField) and not isinstance(value, bool):
                    raise ContentError(rel, label, f"{name} must be true or false, not {value!r}")
                if isinstance(value, str):
                    value = value.replace("\r\n", "\n")
            else:
                value = field.get_default()
            setattr(obj, name, value)

    def save(self, rel: str, name: str, obj: models.Model, exclude: list[str] | None = None) -> None:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as exc:
            raise ContentError(
                rel, name, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        except (TypeError, ValueError) as exc:
            raise ContentError(rel, name, str(exc)) from None
        obj.save()
        key = type(obj).__name__
        self.stats[key] = self.stats.get(key, 0) + 1

    def upsert(self, rel: str, model, entry: dict, position: int | None, extra: set[str] = frozenset(), **attrs):
        slug = entry.get("slug")
        if not isinstance(slug, str) or not slug:
            raise ContentError(rel, entry.get("name") or entry.get("title") or None, "missing required field(s): slug")
        fields = FIELDS[model]
        self.check_keys(rel, slug, entry, set(fields) | set(extra))
        seen = self.seen.setdefault(model, set())
        if slug in seen:
            raise ContentError(rel, slug, "duplicate slug")
        seen.add(slug)
        obj = model.objects.filter(slug=slug).first() or model(slug=slug)
        self.assign(obj, fields, entry, rel, slug)
        for key, value in attrs.items():
            setattr(obj, key, value)
        if position is not None:
            obj.position = position
        self.save(rel, slug, obj)
        return obj

    def set_m2m(self, obj, field: str, values: list) -> None:
        getattr(obj, field).set(values)

    # -- collections ---------------------------------------------------------------------------

    def load(self) -> None:
        if not self.root.is_dir():
            raise ContentError(str(self.root), None, "content folder not found")
        self.load_sources()
        self.seen.setdefault(Source, set()).update(labcontent.load_sources(self.root, ContentError))
        self.load_criteria()
        self.load_frameworks()
        labcontent.load_runs(self.root, self.prune, ContentError)
        self.load_use_cases()
        self.load_questions()
        self.load_presets()
        for name, model, fks, m2ms in SIMPLE:
            self.load_simple(name, model, fks, m2ms)
        self.load_hybrids()
        if self.prune:
            self.prune_missing()

    def load_sources(self):
        rel = "sources.yaml"
        for entry in self.entries(rel, read_yaml(self.root, rel)):
            self.upsert(rel, Source, entry, None)

    def load_criteria(self):
        rel = "criteria.yaml"
        data = read_yaml(self.root, rel)
        for i, entry in enumerate(self.entries(rel, data, "categories")):
            self.upsert(rel, Category, entry, i)
        for i, entry in enumerate(self.entries(rel, data, "criteria")):
            name = entry.get("slug")
            self.require(rel, name, entry, "category")
            category = self.lookup(rel, name, Category, entry["category"], "category")
            self.upsert(rel, Criterion, entry, i, extra={"category"}, category=category)

    def load_frameworks(self):
        folder = self.root / "frameworks"
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        frameworks = []
        for path in paths:
            rel = f"frameworks/{path.name}"
            entry = read_yaml(self.root, rel)
            if not isinstance(entry, dict):
                raise ContentError(rel, None, "expected a mapping of field: value")
            if entry.get("slug") != path.stem:
                raise ContentError(rel, entry.get("slug"), f"the slug must match the file name ({path.stem!r})")
            frameworks.append((rel, entry))
        for rel, entry in frameworks:
            fw = self.upsert(rel, Framework, entry, None, extra={"sources"})
            self.set_m2m(fw, "sources", self.lookup_many(rel, fw.slug, Source, entry.get("sources"), "source"))
        for path in paths:
            self.load_ratings(Framework.objects.get(slug=path.stem))

    def load_ratings(self, framework: Framework):
        rel = f"ratings/{framework.slug}.yaml"
        entries = self.entries(rel, read_yaml(self.root, rel))
        keep = []
        for entry in entries:
            name = entry.get("criterion")
            self.check_keys(rel, name, entry, set(FIELDS[Rating]) | {"criterion", "evidence"})
            self.require(rel, name, entry, "criterion", "label")
            criterion = self.lookup(rel, name, Criterion, name, "criterion")
            rating = Rating.objects.filter(framework=framework, criterion=criterion).first() or Rating(
                framework=framework, criterion=criterion
            )
            if rating.pk in keep:
                raise ContentError(rel, name, "duplicate rating for this criterion")
            self.assign(rating, FIELDS[Rating], entry, rel, name)
            self.save(rel, name, rating)
            keep.append(rating.pk)
            evidence = entry.get("evidence") or []
            if not isinstance(evidence, list):
                raise ContentError(rel, name, "evidence must be a list")
            rating.evidence.all().delete()
            for j, item in enumerate(evidence):
                label = f"{name} evidence #{j + 1}"
                if not isinstance(item, dict):
                    raise ContentError(rel, label, "each evidence item must be a mapping")
                self.check_keys(rel, label, item, set(FIELDS[Evidence]) | {"source"})
                self.require(rel, label, item, "source", "claim")
                ev = Evidence(
                    rating=rating, position=j, source=self.lookup(rel, label, Source, item["source"], "source")
                )
                self.assign(ev, FIELDS[Evidence], item, rel, label)
                self.save(rel, label, ev)
        Rating.objects.filter(framework=framework).exclude(pk__in=keep).delete()

    def load_use_cases(self):
        rel = "use-cases.yaml"
        self._presets = []
        for i, entry in enumerate(self.entries(rel, read_yaml(self.root, rel))):
            uc = self.upsert(rel, UseCase, entry, i, extra={"fits", "sources", "preset"})
            self.set_m2m(uc, "sources", self.lookup_many(rel, uc.slug, Source, entry.get("sources"), "source"))
            self._presets.append((uc, entry.get("preset")))
            fits = entry.get("fits") or []
            if not isinstance(fits, list):
                raise ContentError(rel, uc.slug, "fits must be a list")
            keep = []
            for item in fits:
                label = f"{uc.slug} fit {item.get('framework') if isinstance(item, dict) else '?'}"
                if not isinstance(item, dict):
                    raise ContentError(rel, label, "each fit must be a mapping")
                self.check_keys(rel, label, item, set(FIELDS[Fit]) | {"framework", "sources"})
                self.require(rel, label, item, "framework", "level", "reason")
                fw = self.lookup(rel, label, Framework, item["framework"], "framework")
                fit = Fit.objects.filter(use_case=uc, framework=fw).first() or Fit(use_case=uc, framework=fw)
                if fit.pk in keep:
                    raise ContentError(rel, label, "duplicate fit for this framework")
                self.assign(fit, FIELDS[Fit], item, rel, label)
                self.save(rel, label, fit)
                self.set_m2m(fit, "sources", self.lookup_many(rel, label, Source, item.get("sources"), "source"))
                keep.append(fit.pk)
            uc.fits.exclude(pk__in=keep).delete()

    def load_questions(self):
        rel = "questions.yaml"
        for i, entry in enumerate(self.entries(rel, read_yaml(self.root, rel))):
            q = self.upsert(rel, Question, entry, i, extra={"choices"})
            choices = entry.get("choices") or []
            if not isinstance(choices, list):
                raise ContentError(rel, q.slug, "choices must be a list")
            keep = []
            for j, item in enumerate(choices):
                label = f"{q.slug}/{item.get('slug') if isinstance(item, dict) else '?'}"
                if not isinstance(item, dict):
                    raise ContentError(rel, label, "each choice must be a mapping")
                self.check_keys(rel, label, item, set(FIELDS[Choice]) | {"use_case", "weights", "must_haves"})
                self.require(rel, label, item, "slug", "label")
                choice = Choice.objects.filter(question=q, slug=item["slug"]).first() or Choice(question=q)
                if choice.pk in keep:
                    raise ContentError(rel, label, "duplicate choice slug")
                self.assign(choice, FIELDS[Choice], item, rel, label)
                choice.slug = item["slug"]
                choice.position = j
                choice.use_case = (
                    self.lookup(rel, label, UseCase, item["use_case"], "use case") if item.get("use_case") else None
                )
                self.save(rel, label, choice)
                keep.append(choice.pk)
                self.load_effects(rel, label, choice, item)
            q.choices.exclude(pk__in=keep).delete()

    def load_effects(self, rel: str, label: str, choice: Choice, item: dict):
        for key, model, attr in (("weights", Weight, "delta"), ("must_haves", MustHave, "minimum")):
            effects = item.get(key) or {}
            if not isinstance(effects, dict):
                raise ContentError(rel, label, f"{key} must be a mapping of criterion: value")
            keep = []
            for slug, value in effects.items():
                criterion = self.lookup(rel, label, Criterion, slug, "criterion")
                obj = model.objects.filter(choice=choice, criterion=criterion).first() or model(
                    choice=choice, criterion=criterion
                )
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ContentError(rel, label, f"{key}.{slug} must be a number, not {value!r}")
                setattr(obj, attr, value)
                self.save(rel, f"{label} {key}.{slug}", obj)
                keep.append(obj.pk)
            model.objects.filter(choice=choice).exclude(pk__in=keep).delete()

    def load_presets(self):
        rel = "use-cases.yaml"
        for uc, preset in self._presets:
            preset = preset or {}
            if not isinstance(preset, dict):
                raise ContentError(rel, uc.slug, "preset must be a mapping of question: choice")
            choices = [self.lookup(rel, uc.slug, Choice, f"{q}/{c}", "preset answer") for q, c in preset.items()]
            self.set_m2m(uc, "preset", choices)

    def load_simple(self, rel, model, fks, m2ms):
        has_position = any(f.name == "position" for f in model._meta.fields)
        for i, entry in enumerate(self.entries(rel, read_yaml(self.root, rel))):
            name = entry.get("slug")
            attrs = {}
            for key, (field, related) in fks.items():
                value = entry.get(key)
                if value is None:
                    if not model._meta.get_field(field).null:
                        raise ContentError(rel, name, f"missing required field(s): {key}")
                    attrs[field] = None
                else:
                    attrs[field] = self.lookup(rel, name, related, value, key.replace("_", " "))
            obj = self.upsert(rel, model, entry, i if has_position else None, extra=set(fks) | set(m2ms), **attrs)
            for key, related in m2ms.items():
                self.set_m2m(obj, key, self.lookup_many(rel, obj.slug, related, entry.get(key), key.rstrip("s")))

    def load_hybrids(self):
        rel = "hybrids.yaml"
        for i, entry in enumerate(self.entries(rel, read_yaml(self.root, rel))):
            h = self.upsert(rel, Hybrid, entry, i, extra={"parts", "sources"})
            self.set_m2m(h, "sources", self.lookup_many(rel, h.slug, Source, entry.get("sources"), "source"))
            parts = entry.get("parts") or []
            if not isinstance(parts, list):
                raise ContentError(rel, h.slug, "parts must be a list")
            keep = []
            for j, item in enumerate(parts):
                label = f"{h.slug} part #{j + 1}"
                if not isinstance(item, dict):
                    raise ContentError(rel, label, "each part must be a mapping")
                self.check_keys(rel, label, item, {"framework", "role"})
                self.require(rel, label, item, "framework", "role")
                fw = self.lookup(rel, label, Framework, item["framework"], "framework")
                part = HybridPart.objects.filter(hybrid=h, framework=fw).first() or HybridPart(hybrid=h, framework=fw)
                part.role, part.position = item["role"], j
                self.save(rel, label, part)
                keep.append(part.pk)
            h.parts.exclude(pk__in=keep).delete()

    def prune_missing(self):
        order = (Verdict, Hybrid, Incident, BenchmarkFigure, FAQ, MigrationPath, Pitfall, Question, UseCase, Framework)
        for model in (*order, Criterion, Category, Source):
            try:
                model.objects.exclude(slug__in=self.seen.get(model, set())).delete()
            except models.ProtectedError as exc:
                names = ", ".join(sorted(str(o) for o in exc.protected_objects)[:5])
                raise ContentError(
                    str(self.root), None, f"cannot prune {model._meta.verbose_name}: still used by {names}"
                ) from None


def load_content(root: Path, prune: bool = False) -> dict[str, Any]:
    """Load ``root`` into the database in one transaction; on any error nothing changes.

    Returns a summary: how many rows were written per model and whether the content changed.
    """
    root = Path(root)
    with transaction.atomic(), versioning.suspended():
        before = versioning.digest_of(export_data())
        loader = _Loader(root, prune)
        loader.load()
        after = versioning.digest_of(export_data())
        changed = before != after
        if changed:
            versioning.bump(digest=after)
    return {"changed": changed, "written": loader.stats, "digest": after}
