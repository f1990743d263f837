"""The database's curated content as files: deterministic, leaving out fields that hold their default, so
that an export right after a load reproduces the files byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import F

from ..lab import content as labcontent
from ..models import (
    Category,
    Choice,
    Criterion,
    Evidence,
    Fit,
    Framework,
    Hybrid,
    MustHave,
    Question,
    Rating,
    Source,
    UseCase,
    Weight,
)
from .files import dump_yaml
from .schema import (
    CATEGORY,
    CHOICE,
    CRITERION,
    EVIDENCE,
    FIT,
    FRAMEWORK,
    HYBRID,
    QUESTION,
    RATING,
    SIMPLE,
    SOURCE,
    USE_CASE,
)


def _source_slugs() -> models.Prefetch:
    """An entry's sources as their slugs: only the slug is loaded (thousands of links; the rest is unused)."""
    return models.Prefetch("sources", Source.objects.only("slug"))


def _scalars(obj: models.Model, names) -> dict[str, Any]:
    out = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        default = field.get_default()
        if value == default or (value in ("", None) and field.blank):
            continue
        out[name] = value
    return out


def _placed(pairs) -> list[dict[str, Any]]:
    """Entries in file order, each with its ``position`` where it differs from its place in the list: the
    loader takes the place as the position otherwise, so ties and gaps survive a round trip."""
    entries = []
    for index, (obj, entry) in enumerate(pairs):
        if obj.position != index:
            entry["position"] = obj.position
        entries.append(entry)
    return entries


def _slugs(objs) -> list[str]:
    return [o.slug for o in objs]


def _choice_key(choice: Choice) -> str:
    return f"{choice.question.slug}/{choice.slug}"


def export_data() -> dict[str, Any]:
    """The whole curated content as {relative file path: data}, deterministically ordered."""
    files: dict[str, Any] = {}
    sources = Source.objects.filter(lab_run__isnull=True).order_by("title", "slug")  # a lab run's is in its file
    files["sources.yaml"] = [_scalars(s, SOURCE.fields) for s in sources]

    criteria = []
    for c in Criterion.objects.select_related("category").order_by("category__position", "position", "slug"):
        entry = _scalars(c, CRITERION.fields)
        entry = {"slug": entry.pop("slug"), "category": c.category.slug, **entry}
        criteria.append((c, entry))
    categories = [(c, _scalars(c, CATEGORY.fields)) for c in Category.objects.order_by("position", "slug")]
    files["criteria.yaml"] = {"categories": _placed(categories), "criteria": _placed(criteria)}

    frameworks = list(Framework.objects.prefetch_related(_source_slugs()).order_by("position", "slug"))
    ratings_by_fw: dict[int, list] = {f.pk: [] for f in frameworks}
    ratings = (
        Rating.objects.select_related("criterion__category")
        .prefetch_related(
            models.Prefetch(
                "evidence", Evidence.objects.annotate(source_slug=F("source__slug")).order_by("position", "id")
            )
        )
        .order_by("criterion__category__position", "criterion__position", "criterion__slug")
    )
    for r in ratings:
        entry = {"criterion": r.criterion.slug, "score": r.score, **_scalars(r, RATING.fields)}
        entry["evidence"] = [{"source": e.source_slug, **_scalars(e, EVIDENCE.fields)} for e in r.evidence.all()]
        ratings_by_fw[r.framework_id].append(entry)
    for f in frameworks:
        entry = _scalars(f, FRAMEWORK.fields)
        if srcs := sorted(_slugs(f.sources.all())):
            entry["sources"] = srcs
        files[f"frameworks/{f.slug}.yaml"] = entry
        files[f"ratings/{f.slug}.yaml"] = ratings_by_fw[f.pk]

    use_cases = []
    fits = (
        Fit.objects.select_related("framework")
        .prefetch_related(_source_slugs())
        .order_by("framework__position", "framework__slug")
    )
    for u in UseCase.objects.prefetch_related(
        _source_slugs(),
        models.Prefetch("fits", fits),
        models.Prefetch("preset", Choice.objects.select_related("question")),
    ).order_by("position", "slug"):
        entry = _scalars(u, USE_CASE.fields)
        use_cases.append((u, entry))
        if srcs := sorted(_slugs(u.sources.all())):
            entry["sources"] = srcs
        preset = sorted(u.preset.all(), key=lambda c: (c.question.position, c.question.slug))
        if preset:
            entry["preset"] = {c.question.slug: c.slug for c in preset}
        entry["fits"] = []
        for fit in u.fits.all():
            item = {"framework": fit.framework.slug, **_scalars(fit, FIT.fields)}
            if srcs := sorted(_slugs(fit.sources.all())):
                item["sources"] = srcs
            entry["fits"].append(item)
    files["use-cases.yaml"] = _placed(use_cases)

    questions = []
    choices = Choice.objects.select_related("use_case").prefetch_related(
        models.Prefetch("weights", Weight.objects.select_related("criterion").order_by("criterion__slug")),
        models.Prefetch("must_haves", MustHave.objects.select_related("criterion").order_by("criterion__slug")),
    )
    for q in Question.objects.prefetch_related(
        models.Prefetch("choices", choices.order_by("position", "slug"))
    ).order_by("position", "slug"):
        entry = _scalars(q, QUESTION.fields)
        questions.append((q, entry))
        choices_out = []
        for c in q.choices.all():
            item = _scalars(c, CHOICE.fields)
            if c.use_case_id:
                item["use_case"] = c.use_case.slug
            if weights := {w.criterion.slug: w.delta for w in c.weights.all()}:
                item["weights"] = weights
            if musts := {m.criterion.slug: m.minimum for m in c.must_haves.all()}:
                item["must_haves"] = musts
            choices_out.append((c, item))
        entry["choices"] = _placed(choices_out)
    files["questions.yaml"] = _placed(questions)

    for name, kind in SIMPLE:
        model = kind.model
        qs = model.objects.all()
        if kind.refs:
            qs = qs.select_related(*(ref.field for ref in kind.refs.values()))
        if kind.many:
            qs = qs.prefetch_related(*(key if key != "choices" else "choices__question" for key in kind.many))
        order = ["position", "slug"] if kind.positioned else ["slug"]
        entries = []
        for obj in qs.order_by(*order):
            entry = _scalars(obj, kind.fields)
            entry = (
                {"slug": entry.pop("slug")}
                | {
                    key: getattr(obj, ref.field).slug
                    for key, ref in kind.refs.items()
                    if getattr(obj, ref.field) is not None
                }
                | entry
            )
            for key in kind.many:
                related = getattr(obj, key).all()
                values = sorted(_choice_key(c) for c in related) if key == "choices" else sorted(_slugs(related))
                if values:
                    entry[key] = values
            entries.append((obj, entry))
        files[name] = _placed(entries) if kind.positioned else [entry for _, entry in entries]

    hybrids = []
    for h in Hybrid.objects.prefetch_related(_source_slugs(), "parts__framework").order_by("position", "slug"):
        entry = _scalars(h, HYBRID.fields)
        parts = sorted(h.parts.all(), key=lambda p: (p.position, p.framework.slug))
        entry["parts"] = _placed((p, {"framework": p.framework.slug, "role": p.role}) for p in parts)
        if srcs := sorted(_slugs(h.sources.all())):
            entry["sources"] = srcs
        hybrids.append((h, entry))
    files["hybrids.yaml"] = _placed(hybrids)
    files.update(labcontent.export_files())
    return files


#: Written first into a folder being exported to, removed last: ``loadcontent`` refuses a folder holding it.
INCOMPLETE = ".export-incomplete"
#: The folders whose every ``*.yaml`` the export writes (a file of them it does not write is stale).
OWNED_FOLDERS = ("frameworks", "ratings", labcontent.FOLDER)


def _kept(root: Path, data: dict) -> list[Path]:
    """The files in ``root`` an export keeps as they are (README.md, anything it does not write)."""
    kept = []
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        owned = path.suffix == ".yaml" and (rel in data or rel.split("/")[0] in OWNED_FOLDERS)
        if path.is_file() and not owned and not path.name.endswith(".tmp") and path.name != INCOMPLETE:
            kept.append(path)
    return kept


def export_content(root: Path) -> list[str]:
    """Write the database's content to ``root``, whole or not at all; returns the files written.

    Everything is written into a sibling folder first (the other files of ``root`` copied across), which then
    replaces ``root`` by two renames; stale files are simply not carried over. An export that fails or is
    stopped part-way leaves ``root`` as it was and a hidden ``.<name>.exporting`` folder beside it, marked
    incomplete, which the next export replaces."""
    data = export_data()
    root = Path(root).absolute()
    staging = root.with_name(f".{root.name}.exporting")
    retired = root.with_name(f".{root.name}.replaced")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    (staging / INCOMPLETE).write_text("An export is being written here, or stopped part-way.\n", encoding="utf-8")
    for path in _kept(root, data):
        target = staging / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for rel, content in data.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(content), encoding="utf-8")
    (staging / INCOMPLETE).unlink()
    if root.exists():
        root.rename(retired)
    staging.rename(root)
    if retired.exists():
        shutil.rmtree(retired)
    return sorted(data)
