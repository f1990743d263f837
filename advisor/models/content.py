"""The curated content itself: sources, frameworks, criteria and their categories, ratings with their
evidence, use cases with their fits, families of frameworks and the relations between them, and the one
row that versions all of it."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ..validators import number_range, validate_web_address
from .base import WEIGHT_MAX, Publishable, TimeStamped, score_range, score_validators


class ContentVersionQuerySet(models.QuerySet):
    def read(self) -> "ContentVersion | None":
        """The one row, or None before the first change."""
        return self.filter(pk=1).first()


class ContentVersion(models.Model):
    """One row that changes whenever curated content changes.

    ``counter`` increases on every change (cache keys use it); ``digest`` is a hash of the
    content itself (permalinks and the footer use it), computed lazily after a change, so
    that the same content loaded anywhere has the same version.
    """

    counter = models.PositiveIntegerField(default=1)
    digest = models.CharField(max_length=64, blank=True)
    changed = models.DateTimeField(default=timezone.now)

    objects = ContentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.digest or '(pending)'} (change {self.counter})"


class Source(Publishable):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        DOCUMENTATION = "documentation", "Official documentation"
        BENCHMARK = "benchmark", "Benchmark"
        INDEPENDENT = "independent", "Independent benchmark suite"
        LAB = "lab", "Our lab measurement"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200)
    author = models.CharField("author or publisher", max_length=200)
    url = models.URLField("address", max_length=500, blank=True, validators=[validate_web_address])
    date = models.CharField(
        max_length=10,
        blank=True,
        help_text="As precise as known: 2026, 2026-03 or 2026-03-05. Empty when unknown.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    summary = models.TextField(blank=True, help_text="Markdown: what this source is and how far to trust it.")

    class Meta:
        ordering = ["title"]
        constraints = [
            Publishable.status_constraint("source_status_valid"),
            models.CheckConstraint(
                condition=Q(kind__in=["article", "documentation", "benchmark", "independent", "lab", "other"]),
                name="source_kind_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisor:source", args=[self.slug])


class Framework(Publishable):
    class Interface(models.TextChoices):
        WSGI = "wsgi", "WSGI"
        ASGI = "asgi", "ASGI"
        BOTH = "both", "WSGI and ASGI"
        # aiohttp, Tornado and Robyn serve HTTP themselves: their apps are neither WSGI nor ASGI.
        OWN = "own", "Its own server"

    name = models.CharField(max_length=100, unique=True)
    tagline = models.CharField(max_length=200)
    best_for = models.CharField(max_length=200, blank=True, help_text="The quick answer: one line on its best fit.")
    summary = models.TextField(help_text="Markdown.")
    history = models.TextField(blank=True, help_text="Markdown: origins and milestones.")
    creators = models.CharField(max_length=200, blank=True)
    first_release_year = models.PositiveSmallIntegerField(null=True, blank=True)
    license = models.CharField(max_length=100, blank=True)
    server_interface = models.CharField(max_length=4, choices=Interface.choices)
    servers = models.TextField(blank=True, help_text="Markdown: the servers it is usually deployed on.")
    homepage_url = models.URLField(max_length=300, blank=True, validators=[validate_web_address])
    docs_url = models.URLField(max_length=300, blank=True, validators=[validate_web_address])
    repository_url = models.URLField(max_length=300, blank=True, validators=[validate_web_address])
    code_sample = models.TextField(blank=True, help_text="A short idiomatic example, written by us.")
    code_language = models.CharField(max_length=30, default="python")
    strengths = models.TextField(blank=True, help_text="Markdown list.")
    limitations = models.TextField(blank=True, help_text="Markdown list.")
    when_to_use = models.TextField(blank=True, help_text="Markdown list.")
    when_not_to_use = models.TextField(blank=True, help_text="Markdown list.")
    extensions = models.TextField(
        blank=True,
        help_text="Markdown: what it needs for ORM, migrations, admin, auth, validation, API docs, background jobs.",
    )
    configuration = models.TextField("configuration style", blank=True, help_text="Markdown.")
    scaling_risk = models.TextField("typical scaling risk", blank=True, help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, blank=True, related_name="frameworks")

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            Publishable.status_constraint("framework_status_valid"),
            models.CheckConstraint(
                condition=Q(server_interface__in=["wsgi", "asgi", "both", "own"]), name="framework_interface_valid"
            ),
            models.CheckConstraint(
                condition=Q(first_release_year__isnull=True)
                | Q(first_release_year__gte=1990, first_release_year__lte=2100),
                name="framework_release_year_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisor:framework", args=[self.slug])


class Category(TimeStamped):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisor:compare") + f"?cat={self.slug}"


class Criterion(Publishable):
    name = models.CharField(max_length=100, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="criteria")
    question = models.CharField(max_length=200, help_text="The plain-language question this criterion answers.")
    description = models.TextField(blank=True, help_text="Markdown: what it covers and why it matters.")
    scale = models.TextField(blank=True, help_text="Markdown: how the 0-5 scale reads for this criterion.")
    low_label = models.CharField(max_length=60, blank=True, help_text="What a 0 means here, in two or three words.")
    high_label = models.CharField(max_length=60, blank=True, help_text="What a 5 means here, in two or three words.")
    weight = models.FloatField(
        default=1.0,
        validators=number_range(0, WEIGHT_MAX),
        help_text="Base weight in the recommendation before any answer (0 to 10).",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category__position", "position", "name"]
        verbose_name_plural = "criteria"
        constraints = [
            Publishable.status_constraint("criterion_status_valid"),
            models.CheckConstraint(
                condition=Q(weight__gte=0, weight__lte=WEIGHT_MAX), name="criterion_weight_in_range"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisor:criterion", args=[self.slug])


class Rating(TimeStamped):
    """One cell of the matrix: a framework on a criterion. An empty score means unknown."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=score_validators, help_text="0-5; leave empty when unknown."
    )
    label = models.CharField(max_length=80, help_text='Short cell text, e.g. "Built-in" or "Add-on: Flask-SQLAlchemy".')
    explanation = models.TextField(blank=True, help_text="Markdown: why this score.")
    disputed = models.BooleanField(default=False, help_text="Sources disagree; the explanation says how.")

    class Meta:
        ordering = ["criterion__category__position", "criterion__position", "framework__position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "criterion"], name="rating_one_per_cell"),
            models.CheckConstraint(condition=score_range("score", nullable=True), name="rating_score_in_scale"),
        ]

    def __str__(self):
        return f"{self.framework_id and self.framework.name} × {self.criterion_id and self.criterion.name}"

    def get_absolute_url(self):
        return reverse("advisor:criterion", args=[self.criterion.slug]) + f"#fw-{self.framework.slug}"


class Evidence(TimeStamped):
    """What one source says about one cell, and the score that claim supports."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    claim = models.TextField(help_text="What the source says, in our words.")
    supports_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=score_validators,
        help_text="The score this claim supports, if it implies one.",
    )
    locator = models.CharField(max_length=200, blank=True, help_text="Where in the source: section or table.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rating", "position", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=score_range("supports_score", nullable=True), name="evidence_score_in_scale"
            ),
        ]

    def __str__(self):
        return f"{self.source_id and self.source.title}: {self.claim[:60]}"


class UseCase(Publishable):
    name = models.CharField(max_length=120, unique=True)
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    preset = models.ManyToManyField(
        "Choice",
        blank=True,
        related_name="preset_for",
        help_text="Answers that prefill the questionnaire for this use case.",
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="use_cases")

    class Meta:
        ordering = ["position", "name"]
        constraints = [Publishable.status_constraint("usecase_status_valid")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisor:use_case", args=[self.slug])


class FitLevel(models.TextChoices):
    BEST = "best", "Best fit"
    GOOD = "good", "Good fit"
    POSSIBLE = "possible", "Possible"
    AVOID = "avoid", "Avoid"


FIT_SCORES = {FitLevel.BEST: 5, FitLevel.GOOD: 4, FitLevel.POSSIBLE: 2, FitLevel.AVOID: 0}


class Fit(TimeStamped):
    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="fits")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="fits")
    level = models.CharField(max_length=10, choices=FitLevel.choices)
    reason = models.TextField(help_text="Markdown: why this fit.")
    sources = models.ManyToManyField(Source, blank=True, related_name="fits")

    class Meta:
        ordering = ["use_case__position", "framework__position"]
        constraints = [
            models.UniqueConstraint(fields=["use_case", "framework"], name="fit_one_per_pair"),
            models.CheckConstraint(condition=Q(level__in=FitLevel.values), name="fit_level_valid"),
        ]

    def __str__(self):
        return (
            f"{self.framework_id and self.framework.name} for {self.use_case_id and self.use_case.name}: {self.level}"
        )

    def get_absolute_url(self):
        return reverse("advisor:use_case", args=[self.use_case.slug])


class Family(Publishable):
    """A group of frameworks that answer the same kind of need (full-stack, API-first async, minimal...),
    used to group the home page and the framework index."""

    name = models.CharField(max_length=100)
    summary = models.TextField(help_text="Markdown: what the frameworks in this group have in common.")
    position = models.PositiveSmallIntegerField(default=0)
    frameworks = models.ManyToManyField(Framework, through="FamilyMember", related_name="families")

    class Meta:
        verbose_name_plural = "families"
        ordering = ["position", "name"]
        constraints = [Publishable.status_constraint("family_status_valid")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisor:frameworks") + f"#family-{self.slug}"


class FamilyMember(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE)
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE)

    class Meta:
        ordering = ["family__position", "framework__position"]
        constraints = [models.UniqueConstraint(fields=["framework"], name="familymember_one_family_per_framework")]

    def __str__(self):
        return f"{self.framework_id and self.framework.name} in {self.family_id and self.family.name}"


class Relation(Publishable):
    """How one framework depends on another: built on it, runs inside it, or follows its API. Criteria
    listed in ``inherits`` are the other framework's own feature (Django Ninja's admin is Django's), so
    their ratings must be the same."""

    class Kind(models.TextChoices):
        BUILT_ON = "built-on", "is built on"
        RUNS_INSIDE = "runs-inside", "runs inside"
        SAME_API = "same-api", "follows the API of"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    other = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="relations_in")
    summary = models.TextField(help_text="Markdown: what the relation means for someone choosing.")
    inherits = models.ManyToManyField(
        Criterion, blank=True, related_name="inherited_in", help_text="Criteria that are the other framework's."
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="relations")

    class Meta:
        ordering = ["framework__position", "other__position"]
        constraints = [
            Publishable.status_constraint("relation_status_valid"),
            models.UniqueConstraint(fields=["framework", "kind", "other"], name="relation_one_per_kind"),
            models.CheckConstraint(condition=~Q(framework=models.F("other")), name="relation_between_two_frameworks"),
            models.CheckConstraint(
                condition=Q(kind__in=["built-on", "runs-inside", "same-api"]), name="relation_kind_valid"
            ),
        ]

    def __str__(self):
        names = (self.framework_id and self.framework.name, self.other_id and self.other.name)
        return f"{names[0]} {self.get_kind_display()} {names[1]}"

    def get_absolute_url(self):
        return self.framework.get_absolute_url() + "#relations"
