"""The content version: one row that changes whenever curated content changes.

Every save or delete of a curated model, and every change to one of their many-to-many links, bumps
the counter (signals, so admin edits, inline edits and deletes all count). Bulk operations such as
``loadcontent`` suspend the per-row bumps and bump once at the end if anything really changed.

The counter keys caches; the digest, a hash of the exported content, names the version in
permalinks and the footer, so the same content has the same version on every machine.
"""

import contextvars
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import statewatch
from .content.export import export_data  # the exporter defines what "the content" is
from .models import CONTENT_MODELS, ContentVersion

_suspended = contextvars.ContextVar("content_version_suspended", default=False)


@dataclass(frozen=True)
class Version:
    """The content version: the counter, the digest and when content last changed. Page caches serve a page
    only while both counter and digest match (``token``); the digest guards against a counter that restarts,
    as after restoring a database."""

    counter: int
    digest: str
    changed: datetime

    @property
    def short(self) -> str:
        return self.digest[:8]

    @property
    def token(self) -> str:
        return f"{self.counter}:{self.digest}"


def digest_of(data) -> str:
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


COUNTER_KEY = "advisor:content-version"


def publish_state() -> None:
    """After a change commits: compute the new digest now (in the curator's request, not a visitor's)
    and tell every process the new state through the shared cache."""
    try:
        cache.set(COUNTER_KEY, current(), None)
    except DatabaseError:
        cache.delete(COUNTER_KEY)
    statewatch.forget()


def cached_state() -> Version | None:
    """The version from the shared cache, else from the database; None if neither answers.

    With Redis, this process keeps a copy that Redis invalidates (``statewatch``), so most requests read it
    without a round trip."""
    state = statewatch.read(COUNTER_KEY, lambda: cache.get(COUNTER_KEY))
    if state is not None:
        return state
    try:
        state = current()
    except DatabaseError:
        return None
    # add, not set: a reader must never overwrite a newer state published by a writer.
    cache.add(COUNTER_KEY, state, None)
    statewatch.forget()
    return state


def bump(digest: str = "") -> None:
    """Record a change; pass the new digest when the caller already knows it (loadcontent does)."""
    updated = ContentVersion.objects.filter(pk=1).update(
        counter=F("counter") + 1, digest=digest, changed=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"digest": digest})
    # Forget the shared state now (readers fall back to the database, which still shows the committed state
    # to others and this change to us), and publish the new one once the change is committed.
    cache.delete(COUNTER_KEY)
    statewatch.forget()
    # One publication per transaction is enough, however many rows it changes (an admin save with inlines).
    pending = getattr(connection, "run_on_commit", None) or []
    if not any(entry[1] is publish_state for entry in pending):
        transaction.on_commit(publish_state)


@contextmanager
def suspended():
    """Do not bump per row inside this block (the caller bumps once)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def current_digest() -> str:
    """The digest of the content as it is now, from the shared cache when it has the state."""
    state = cached_state()
    return state.digest if state is not None else current().digest


def current() -> Version:
    """The current version, computing the digest if a change left it pending."""
    row, _ = ContentVersion.objects.get_or_create(pk=1, defaults={"digest": ""})
    if not row.digest:
        with transaction.atomic():
            digest = digest_of(export_data())
            ContentVersion.objects.filter(pk=1, counter=row.counter).update(digest=digest)
        row.digest = digest
    return Version(row.counter, row.digest, row.changed)


def _on_change(sender, **kwargs):
    if kwargs.get("raw") or _suspended.get():
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    bump()


def connect() -> None:
    for model in CONTENT_MODELS:
        uid = f"content-version-{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_change, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
