"""No lost updates in the admin: a save from a form older than the row is refused, saying what changed.

When the admin renders a change form (or an inline row), the hidden field ``edit_base`` records a short digest of
each field's value as the curator saw it. On save, inside the admin's transaction, the row is read again with
``SELECT … FOR UPDATE`` (PostgreSQL locks it until the save commits; SQLite's ``IMMEDIATE`` transactions already
serialise writers), and every field whose stored value no longer matches its digest is a conflict: another
curator, an action or ``loadcontent`` changed it in between. The form is then refused with the fields' names and
their stored values; the curator reloads the page and applies the change again. Comparing values rather than a
version counter means a change to another field (or a no-op save) never blocks anyone, and nothing is added to
the content files' round trip.

Adds race on unique constraints instead: two curators adding the same rating both pass validation, and one
insert fails. :func:`lock_parents` locks the rows a new row's unique constraints point at (the rating's
framework), so concurrent adds of one cell queue and the second sees the first in its form validation; any
IntegrityError left is turned into a form error by :class:`~advisor.admin_forms.CuratorAdminMixin`.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import model_to_dict

FIELD = "edit_base"


def _digest(value) -> str:
    if isinstance(value, (list, tuple, set)):  # a many-to-many field: its rows, in any order
        value = sorted(str(getattr(item, "pk", item)) for item in value)
    else:
        value = str(getattr(value, "pk", value))
    return hashlib.blake2b(json.dumps(value).encode(), digest_size=6).hexdigest()


def _values(instance: models.Model, names: list[str]) -> dict:
    return model_to_dict(instance, fields=names)


def locked_fields(form: forms.ModelForm) -> list[str]:
    """The model fields the form edits (the ones a save from it would overwrite)."""
    model_fields = {f.name for f in form._meta.model._meta.get_fields() if getattr(f, "editable", False)}
    return [name for name in form.fields if name in model_fields]


def base_token(form: forms.ModelForm) -> str:
    """The value of ``edit_base`` for an unbound form: each field's digest as stored now."""
    names = locked_fields(form)
    return json.dumps({name: _digest(value) for name, value in _values(form.instance, names).items()})


def _shown(value) -> str:
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value) or "(none)"
    text = "(empty)" if value in ("", None) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def check_base(form: forms.ModelForm) -> None:
    """Refuse the save when a field changed since the form was rendered (call inside the save's transaction)."""
    instance = form.instance
    raw = form.data.get(form.add_prefix(FIELD)) if form.is_bound else None
    if instance.pk is None or not raw:
        return  # a new row, or a client that did not render our form: nothing to compare with
    if form.prefix and not form.has_changed():
        return  # an inline row the curator left as stored now: the formset does not save it
    try:
        base = json.loads(raw)
        if not isinstance(base, dict):
            raise ValueError
    except ValueError:
        raise ValidationError("This form is damaged (its edit_base field); reload the page.") from None
    model = type(instance)
    stored = model._default_manager.select_for_update().filter(pk=instance.pk).first()
    if stored is None:
        raise ValidationError(f"This {model._meta.verbose_name} was deleted after you opened it.")
    names = [name for name in locked_fields(form) if name in base]
    current = _values(stored, names)
    changed = [name for name in names if _digest(current[name]) != base[name]]
    if changed:
        details = "; ".join(f"{form.fields[name].label or name}: now {_shown(current[name])!s}" for name in changed)
        raise ValidationError(
            f"Another curator saved this {model._meta.verbose_name} after you opened it, and your save would undo "
            f"their change. Changed since: {details}. Reload the page and apply your change again.",
            code="stale",
        )


def lock_parents(form: forms.ModelForm) -> None:
    """For a new row: lock the rows its unique constraints' foreign keys point at, so that concurrent adds of
    the same key wait for each other and the later one fails validation instead of the insert."""
    if form.instance.pk is not None:
        return
    meta = form._meta.model._meta
    for constraint in meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
            continue
        for name in constraint.fields:
            field = meta.get_field(name)
            value = form.cleaned_data.get(name) or getattr(form.instance, field.attname, None)
            if field.is_relation and value is not None:
                pk = getattr(value, "pk", value)
                list(field.related_model._default_manager.select_for_update().filter(pk=pk).values_list("pk"))
                break
