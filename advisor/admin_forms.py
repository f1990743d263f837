"""Curator input, checked like visitor input: the form every admin page and inline uses.

- Line endings are normalised (browsers send textareas with ``\\r\\n``), so a multi-line field exports as a
  YAML block scalar and a load of that export changes nothing.
- Markdown fields must pass :func:`advisor.markdown_limits.check_markdown`; the error names the field's limit.
- A save from a form older than the row is refused (:mod:`advisor.admin_locking`), and so, by a lock and a retry,
  is the second of two simultaneous adds of one unique row: a form error, not a 500.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db import IntegrityError
from django.http import HttpResponseRedirect

from . import admin_locking
from .markdown_limits import MarkdownRefused, check_markdown, markdown_fields


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class BaseField(forms.CharField):
    """The hidden ``edit_base``: never a change in itself, so a formset does not save an untouched inline row."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


class CuratorForm(forms.ModelForm):
    edit_base = BaseField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            self.fields[admin_locking.FIELD].initial = admin_locking.base_token(self)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = normalise_newlines(value)
        for name in markdown_fields(self._meta.model):
            value = cleaned.get(name)
            if name in self.fields and value:
                try:
                    check_markdown(value)
                except MarkdownRefused as exc:
                    self.add_error(name, f"This Markdown {exc}.")
        admin_locking.lock_parents(self)
        admin_locking.check_base(self)
        return cleaned


class CuratorAdminMixin:
    """For ModelAdmin and InlineModelAdmin classes: the form above, with its hidden field in the layout."""

    form = CuratorForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if admin_locking.FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        *head, (name, options) = fieldsets
        return [*head, (name, {**options, "fields": [*options["fields"], admin_locking.FIELD]})]


class CuratorModelAdminMixin(CuratorAdminMixin):
    """For ModelAdmin classes: an add or change that still hits a unique constraint (a race the lock in
    :func:`~advisor.admin_locking.lock_parents` does not cover, such as two new slugs) is run again once, when
    validation sees the row that won; if it fails again, the curator gets a message instead of a 500."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            if request.method != "POST":
                raise
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as exc:
            messages.error(request, f"Not saved: another change was saved at the same moment ({exc}). Try again.")
            return HttpResponseRedirect(request.get_full_path())
