"""Writing checked rows in bulk: insert the new, update the changed, delete what the files no longer hold.

Unchanged rows are not written (their ``updated`` stamp stays); the Markdown of the rows that are is checked
first (:func:`check_markdown`). When the database refuses a bulk write (a
table constraint), :func:`explain` finds the entry at fault once the load has been rolled back.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .. import versioning
from ..markdown_limits import refusals
from .schema import ContentError, Kind, messages


@dataclass
class Row:
    """One row a file asks for: the unsaved object, its key among its kind, and where it comes from."""

    key: Hashable
    obj: models.Model
    rel: str
    label: Any
    entry: dict


class Refused(Exception):
    """The database refused a bulk write; the rows let :func:`explain` find the entry at fault."""

    def __init__(self, rows: list[Row], error: IntegrityError):
        super().__init__(str(error))
        self.rows, self.error = rows, error


def columns(kind: Kind) -> list[str]:
    """The columns the files decide for a kind: its scalar fields, foreign keys and position."""
    names = [kind.model._meta.get_field(name).attname for name in kind.fields]
    names += [kind.model._meta.get_field(ref.field).attname for ref in kind.refs.values()]
    return [*names, "position"] if kind.positioned else names


def save(kind: Kind, rows: list[Row], existing: dict) -> tuple[dict, int]:
    """Insert the rows whose key ``existing`` lacks and update those that differ from it, in bulk.

    Returns key -> saved row (with its id) and how many rows were written."""
    model, names = kind.model, columns(kind)
    check_unique(model, rows)
    create, update, saved = [], [], {}
    now = timezone.now()
    for row in rows:
        old = existing.get(row.key)
        if old is None:
            create.append(row)
            saved[row.key] = row.obj
            continue
        if any(getattr(old, name) != getattr(row.obj, name) for name in names):
            for name in names:
                setattr(old, name, getattr(row.obj, name))
            old.updated = now
            update.append(Row(row.key, old, row.rel, row.label, row.entry))
        saved[row.key] = old
    check_markdown(create + update)
    try:
        model.objects.bulk_create([row.obj for row in create])
        model.objects.bulk_update([row.obj for row in update], [*names, "updated"])
    except IntegrityError as exc:
        raise Refused(create + update, exc) from exc
    return saved, len(create) + len(update)


def replace_children(
    kind: Kind, parent: str, parents: Iterable[int], rows: list[Row], key: tuple[str, ...], duplicate: str
) -> tuple[dict, int]:
    """Make the children of ``parents`` exactly ``rows``, matched by the ``key`` columns (the parent's
    first): the changed updated, the new inserted, the others deleted.

    Returns key -> saved row and how many rows were inserted, updated or deleted."""
    wanted: dict[Hashable, Row] = {}
    for row in rows:
        row.key = tuple(getattr(row.obj, name) for name in key)
        if row.key in wanted:
            raise ContentError(row.rel, row.label, duplicate)
        wanted[row.key] = row
    existing = {
        tuple(getattr(obj, name) for name in key): obj
        for obj in kind.model.objects.filter(**{f"{parent}__in": list(parents)})
    }
    stale = [obj.pk for k, obj in existing.items() if k not in wanted]
    if stale:
        kind.model.objects.filter(pk__in=stale).delete()
    saved, written = save(kind, rows, existing)
    return saved, written + len(stale)


def set_links(model: type[models.Model], name: str, links: dict[int, list[int]]) -> int:
    """Make the many-to-many ``name`` of each row in ``links`` exactly the ids given; returns how many links
    were added or removed."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    wanted = {(owner, other) for owner, others in links.items() for other in others}
    existing = {
        (owner, other): pk
        for pk, owner, other in through.objects.filter(**{f"{source}__in": list(links)}).values_list(
            "pk", source, target
        )
    }
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    new = sorted(wanted - existing.keys())
    through.objects.bulk_create([through(**{source: owner, target: other}) for owner, other in new])
    return len(stale) + len(new)


def check_markdown(rows: list[Row]) -> None:
    """The Markdown of the rows about to be written must pass :mod:`advisor.markdown_limits` (a trial render
    each, so only rows that changed are checked: a load of unchanged files renders nothing)."""
    for row in rows:
        if refused := refusals(row.obj):
            raise ContentError(row.rel, row.label, "; ".join(f"{name}: {reason}" for name, reason in refused.items()))


def check_unique(model: type[models.Model], rows: list[Row]) -> None:
    """Two entries of one load may not share a unique value (the database would refuse the whole batch)."""
    checks = [(f.attname,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    checks += [
        tuple(model._meta.get_field(name).attname for name in constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields and constraint.condition is None
    ]
    for names in checks:
        seen = set()
        for row in rows:
            value = tuple(getattr(row.obj, name) for name in names)
            if value in seen:
                fields = " and ".join(str(model._meta.get_field(n.removesuffix("_id")).verbose_name) for n in names)
                raise ContentError(row.rel, row.label, f"another entry has the same {fields}")
            seen.add(value)


def explain(refused: Refused) -> ContentError:
    """The entry whose row the database refused. Runs after the load was rolled back: writes the rows one by
    one in a transaction that is rolled back too, and describes the first refused one with Django's own
    constraint messages."""
    found = None
    with transaction.atomic(), versioning.suspended():
        for row in refused.rows:
            try:
                with transaction.atomic():
                    row.obj.save()
            except IntegrityError as exc:
                found = ContentError(row.rel, row.label, describe(row.obj, exc))
                break
        transaction.set_rollback(True)
    return found or ContentError(refused.rows[0].rel, None, f"refused by the database: {refused.error}")


def describe(obj: models.Model, error: IntegrityError) -> str:
    try:
        obj.validate_constraints()
        obj.validate_unique()
    except ValidationError as exc:
        return messages(exc)
    return f"refused by the database: {error}"
