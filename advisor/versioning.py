"""The content version: one row that changes whenever curated content changes.

Every save or delete of a curated model, and every change to one of their many-to-many links, bumps
the counter (signals, so admin edits, inline edits and deletes all count). Bulk operations such as
``loadcontent`` suspend the per-row bumps and bump once at the end if anything really changed.

The database is the only source of truth for the version: permalinks record the digest read from it, and
nothing keeps a copy elsewhere. When a change commits, the ``pages`` cache is cleared (``transaction.on_commit``),
so every process and instance serves fresh pages within ``PROCESS_CACHE_SECONDS`` (1 s); if the clear is lost
(the cache unreachable at that moment), stored pages still expire within ``PAGE_CACHE_SECONDS``
(``advisor.pagecache``).
The digest, a hash of the exported content, names the version in permalinks and the footer, so the same
content has the same version on every machine.
"""

import contextvars
import hashlib
import json
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import pagecache
from .content.export import export_data  # the exporter defines what "the content" is
from .models import CONTENT_MODELS, ContentVersion

logger = logging.getLogger(__name__)

_suspended = contextvars.ContextVar("content_version_suspended", default=False)


@dataclass(frozen=True)
class Version:
    """The content version: the counter, the digest and when content last changed."""

    counter: int
    digest: str
    changed: datetime

    @property
    def short(self) -> str:
        return self.digest[:8]


def digest_of(data) -> str:
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class _Cleared:
    """The version this process last cleared the pages for, so that a transaction that bumps many times (an
    admin save with inlines) clears once: every bump schedules a clear for after the commit, and each reads
    the committed version first. A clear done after reading a version covers every change up to it, so a
    later callback that reads the very same version (counter and time of change) has nothing to do."""

    def __init__(self):
        self.version: tuple | None = None
        self.lock = threading.Lock()


_cleared = _Cleared()


def _after_commit() -> None:
    version = current()  # also computes a pending digest now, in the curator's request rather than a visitor's
    with _cleared.lock:
        if _cleared.version == (version.counter, version.changed):
            return
        _cleared.version = (version.counter, version.changed)
    pagecache.clear_process_copies()  # this process serves the change at once; the others within a second
    try:
        caches["pages"].clear()
    except Exception:  # an unreachable cache: stored pages expire within PAGE_CACHE_SECONDS anyway
        logger.warning("Could not clear the page cache after a content change", exc_info=True)


def bump(digest: str = "") -> None:
    """Record a change; pass the new digest when the caller already knows it (loadcontent does)."""
    updated = ContentVersion.objects.filter(pk=1).update(
        counter=F("counter") + 1, digest=digest, changed=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"digest": digest})
    transaction.on_commit(_after_commit, robust=True)


@contextmanager
def suspended():
    """Do not bump per row inside this block (the caller bumps once)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def current_digest() -> str:
    """The digest of the content as it is now, read from the database (one row)."""
    return current().digest


def current() -> Version:
    """The current version, computing the digest if a change left it pending."""
    row = ContentVersion.objects.read() or ContentVersion.objects.get_or_create(pk=1, defaults={"digest": ""})[0]
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
