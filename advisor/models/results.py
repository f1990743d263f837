"""Stored questionnaire results: what a permalink shows."""

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
    outcome = models.JSONField(default=dict)
    content_version = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=r"^[A-Za-z0-9_-]{8,12}$"), name="result_slug_short_urlsafe"),
        ]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("advisor:result", args=[self.slug])
