"""Readers' corrections: what a reader says is wrong with one claim of the guide, and what a curator made of it.

Corrections are site data, not curated content: they are not in ``advisor.models.CONTENT_MODELS`` (saving one
does not move the content version or clear the page cache) and ``exportcontent`` does not write them. A
correction names its claim explicitly, by kind and slugs, because content is reloaded by slug and row ids may
change; it keeps the claim's text and the content version as they were when it was sent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

TEXT_MAX = 2000
SOURCE_MAX = 500


class Kind(models.TextChoices):
    RATING = "rating", "Rating"  # a framework on a criterion: framework_slug + entry_slug (the criterion)
    FIT = "fit", "Use-case fit"  # a framework for a use case: framework_slug + entry_slug (the use case)
    PITFALL = "pitfall", "Pitfall"  # entry_slug only
    FAQ = "faq", "FAQ answer"  # entry_slug only


WITH_FRAMEWORK = (Kind.RATING, Kind.FIT)


class Status(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    DUPLICATE = "duplicate", "Duplicate"


class CorrectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Status.NEW)

    def targets(self, kinds, **slugs) -> set[tuple[str, str, str]]:
        """The claims of ``kinds`` (narrowed by ``framework_slug`` / ``entry_slug``) with an open correction,
        as ``(kind, framework_slug, entry_slug)``: one query, for a public page to mark them."""
        rows = self.open().filter(kind__in=kinds, **slugs).values_list("kind", "framework_slug", "entry_slug")
        return set(rows.distinct().order_by())


class Correction(models.Model):
    kind = models.CharField(max_length=10, choices=Kind.choices)
    framework_slug = models.SlugField(max_length=80, blank=True, help_text="For a rating or a fit.")
    entry_slug = models.SlugField(
        max_length=80, help_text="The criterion (rating), use case (fit), pitfall or FAQ entry."
    )
    claim = models.TextField(help_text="The claim as the reader saw it (Markdown source, as curated then).")
    content_version = models.CharField(max_length=64, help_text="The content version the reader saw.")
    text = models.TextField("what is wrong", help_text="The reader's words: plain text, never rendered as HTML.")
    source_url = models.URLField("supporting source", max_length=SOURCE_MAX)
    email = models.EmailField(blank=True, help_text="Optional, for follow-up only.")
    sender = models.CharField(
        max_length=32, editable=False, help_text="A keyed hash of the sender's address (caps per address)."
    )
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    curator_note = models.TextField(blank=True, help_text="For curators: why, what was changed, which duplicate.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["status", "kind", "entry_slug"], name="correction_open_by_entry"),
            models.Index(fields=["status", "framework_slug"], name="correction_open_by_framework"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="correction_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="correction_status_valid"),
            models.CheckConstraint(
                condition=Q(kind__in=WITH_FRAMEWORK, framework_slug__gt="")
                | (~Q(kind__in=WITH_FRAMEWORK) & Q(framework_slug="")),
                name="correction_framework_iff_rating_or_fit",
            ),
            models.CheckConstraint(condition=Q(entry_slug__gt=""), name="correction_names_its_entry"),
            models.CheckConstraint(
                condition=Q(text__gt="") & LessThanOrEqual(Length("text"), TEXT_MAX), name="correction_text_length"
            ),
            models.CheckConstraint(
                condition=Q(source_url__startswith="http://") | Q(source_url__startswith="https://"),
                name="correction_source_is_http",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.NEW, decided_at__isnull=True)
                | (~Q(status=Status.NEW) & Q(decided_at__isnull=False)),
                name="correction_decided_when_closed",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target_label}: {self.get_status_display().lower()}"

    def get_absolute_url(self):
        """The public page that shows the claim (no query: the slugs say where)."""
        return claim_page_url(self.kind, self.framework_slug, self.entry_slug)

    @property
    def is_open(self) -> bool:
        return self.status == Status.NEW

    @property
    def target_label(self) -> str:
        if self.kind == Kind.RATING:
            return f"{self.framework_slug} × {self.entry_slug}"
        if self.kind == Kind.FIT:
            return f"{self.entry_slug} × {self.framework_slug}"
        return self.entry_slug

    def suggest_url(self) -> str:
        return suggest_url(self.kind, self.framework_slug, self.entry_slug)


def claim_page_url(kind: str, framework_slug: str, entry_slug: str) -> str:
    if kind == Kind.RATING:
        return reverse("advisor:criterion", args=[entry_slug]) + f"#fw-{framework_slug}"
    if kind == Kind.FIT:
        return reverse("advisor:use_case", args=[entry_slug]) + f"#fw-{framework_slug}"
    if kind == Kind.PITFALL:
        return reverse("advisor:pitfalls") + f"#{entry_slug}"
    return reverse("advisor:faq") + f"#{entry_slug}"


def suggest_url(kind: str, framework_slug: str, entry_slug: str) -> str:
    if kind == Kind.RATING:
        return reverse("corrections:rating", args=[framework_slug, entry_slug])
    if kind == Kind.FIT:
        return reverse("corrections:fit", args=[entry_slug, framework_slug])
    return reverse(f"corrections:{kind}", args=[entry_slug])
