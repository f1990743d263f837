"""Stored questionnaire results: what a permalink shows.

A result keeps the answers, the content version and the engine version it was computed with; the content of
each version is kept once (:class:`ContentSnapshot`), so the outcome is recomputed from exactly what it was
computed on (``advisor.results.outcome_of``). Results stored before that (until issue 23) carry their whole
outcome instead, and keep showing it.
"""

import json
import zlib

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class ResultQuerySet(models.QuerySet):
    def stored(self, slug: str) -> "Result | None":
        """The result with this slug (only what a submission compares: its answers and content version)."""
        return self.filter(slug=slug).only("id", "slug", "answers", "content_version").first()


class Result(models.Model):
    """A questionnaire outcome behind a permalink: a snapshot that later edits do not change."""

    slug = models.SlugField(max_length=16, unique=True)
    answers = models.JSONField(default=dict)
    outcome = models.JSONField(default=dict, blank=True, help_text="Whole outcome: results stored before issue 23.")
    content_version = models.CharField(max_length=64)
    engine = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The engine version that computed it (empty: see the stored outcome)."
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=r"^[A-Za-z0-9_-]{8,12}$"), name="result_slug_short_urlsafe"),
            models.CheckConstraint(condition=Q(engine__isnull=False) | ~Q(outcome={}), name="result_engine_or_outcome"),
        ]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("advisor:result", args=[self.slug])


class ContentSnapshot(models.Model):
    """The published content as the engine read it for one content version (``advisor.engine.serial``),
    kept once for every result computed on that version, compressed."""

    digest = models.CharField(max_length=64, unique=True)
    data = models.BinaryField()
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"content {self.digest[:12]}"

    @staticmethod
    def pack(data: dict) -> bytes:
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 9)

    def unpack(self) -> dict:
        return json.loads(zlib.decompress(bytes(self.data)))
