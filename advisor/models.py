"""The guide's domain: sources, frameworks, criteria, ratings with evidence, use cases, the
questionnaire and its scoring effects, pitfalls, migration paths, FAQ, benchmark figures, hybrid
architectures, and stored results.

Conventions: every curated entity has a unique slug, a draft/published status, created/updated
timestamps, ``__str__``, ``get_absolute_url`` and ``Meta.ordering``. Scores use one fixed scale,
0 to 5, oriented so that a higher score is always better for the visitor (``SCORE_SCALE``). A
missing rating, or a rating whose score is empty, is *unknown*: it is shown and reasoned about as
its own state, never as zero.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .validators import number_range, validate_web_address

SCORE_MIN = 0
SCORE_MAX = 5
SCORE_SCALE = {
    0: "Absent: the framework offers nothing here",
    1: "Weak: possible, with real effort or an immature add-on",
    2: "Fair: works through a common add-on or manual wiring",
    3: "Good: well served by a mature add-on or partly built in",
    4: "Strong: built in or first-class, with minor gaps",
    5: "Best in class: built in, complete and idiomatic",
}
score_validators = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
WEIGHT_MAX = 10  # a criterion's base weight and an answer's delta: 0 to 10
FIGURE_MAX = 1e12  # a benchmark figure's magnitude (requests per second, megabytes, ratios)
LAB_MAX = 1e9  # a lab figure: requests per second or milliseconds


def score_range(field: str, nullable: bool = False) -> Q:
    check = Q(**{f"{field}__gte": SCORE_MIN, f"{field}__lte": SCORE_MAX})
    return check | Q(**{f"{field}__isnull": True}) if nullable else check


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class TimeStamped(models.Model):
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Publishable(TimeStamped):
    """A curated entity with a slug and a draft/published status."""

    slug = models.SlugField(max_length=80, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @classmethod
    def status_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(condition=Q(status__in=Status.values), name=name)


def _row_by(queryset: models.QuerySet, key: str, value, columns: tuple[str, ...]) -> tuple | None:
    """The ``columns`` of the row whose ``key`` column (unique) is ``value``, as one parameterised statement.

    For the two reads every questionnaire submission makes (the content version, then the stored result):
    building and compiling an ORM query costs several times running it (about 200 µs against 15 µs on SQLite),
    and this is the busiest write path of the site."""
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    table = quote(queryset.model._meta.db_table)
    sql = f"SELECT {', '.join(map(quote, columns))} FROM {table} WHERE {quote(key)} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        return cursor.fetchone()


class ContentVersionQuerySet(models.QuerySet):
    def read(self) -> "ContentVersion | None":
        """The one row, or None before the first change (one statement: see :func:`_row_by`)."""
        columns = ("id", "counter", "digest", "changed")
        row = _row_by(self, "id", 1, columns)
        if row is None:
            return None
        pk, counter, digest, changed = row
        if isinstance(changed, str):  # SQLite without its converters
            changed = parse_datetime(changed)
        if settings.USE_TZ and timezone.is_naive(changed):  # SQLite stores UTC without an offset
            changed = timezone.make_aware(changed, datetime.UTC)
        return self.model.from_db(self.db, list(columns), [pk, counter, digest, changed])


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
                condition=Q(kind__in=["article", "documentation", "benchmark", "lab", "other"]),
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


class Question(Publishable):
    text = models.CharField(max_length=200)
    help = models.TextField(blank=True, help_text="Markdown: what the question means, for a newcomer.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        constraints = [Publishable.status_constraint("question_status_valid")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("advisor:guide") + f"?step={self.slug}"


class Choice(TimeStamped):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    slug = models.SlugField(max_length=80)
    label = models.CharField(max_length=200)
    help = models.TextField(blank=True, help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    use_case = models.ForeignKey(
        UseCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="selected_by",
        help_text="The use case this answer selects: its fits then count in the ranking.",
    )

    class Meta:
        ordering = ["question__position", "position", "slug"]
        constraints = [models.UniqueConstraint(fields=["question", "slug"], name="choice_slug_unique_per_question")]

    def __str__(self):
        return f"{self.question_id and self.question.slug} = {self.slug}"

    def get_absolute_url(self):
        return self.question.get_absolute_url()


class Weight(TimeStamped):
    """A choice raises how much a criterion counts. Never lowers: a negative delta would let a framework gain
    from being weak at something the visitor does not need (a named constraint refuses it)."""

    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="weights")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="weights")
    delta = models.FloatField(
        validators=number_range(0, WEIGHT_MAX),
        help_text="Added to the criterion’s weight when this answer is given (0 to 10; never negative).",
    )

    class Meta:
        ordering = ["choice", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["choice", "criterion"], name="weight_one_per_choice_criterion"),
            models.CheckConstraint(condition=Q(delta__gte=0, delta__lte=10), name="weight_delta_not_negative"),
        ]

    def __str__(self):
        return f"{self.choice}: {self.criterion_id and self.criterion.slug} {self.delta:+g}"


class MustHave(TimeStamped):
    """A choice requires frameworks to reach a minimum score on a criterion, or be flagged."""

    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="must_haves")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="must_haves")
    minimum = models.PositiveSmallIntegerField(validators=score_validators)

    class Meta:
        ordering = ["choice", "criterion__position"]
        verbose_name = "must-have"
        constraints = [
            models.UniqueConstraint(fields=["choice", "criterion"], name="musthave_one_per_choice_criterion"),
            models.CheckConstraint(condition=score_range("minimum"), name="musthave_minimum_in_scale"),
        ]

    def __str__(self):
        return f"{self.choice}: {self.criterion_id and self.criterion.slug} ≥ {self.minimum}"


class Pitfall(Publishable):
    class Kind(models.TextChoices):
        MISTAKE = "mistake", "Common mistake"
        DEBUG = "debug", "Symptom to fix"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MISTAKE)
    symptom = models.TextField(help_text="Markdown: what you notice.")
    cause = models.TextField(help_text="Markdown: why it happens.")
    fix = models.TextField(help_text="Markdown: what to do.")
    position = models.PositiveSmallIntegerField(default=0)
    frameworks = models.ManyToManyField(Framework, blank=True, related_name="pitfalls")
    choices = models.ManyToManyField(
        Choice, blank=True, related_name="pitfalls", help_text="Answers that point at this pitfall."
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="pitfalls")

    class Meta:
        ordering = ["kind", "position", "title"]
        constraints = [
            Publishable.status_constraint("pitfall_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=["mistake", "debug"]), name="pitfall_kind_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisor:pitfalls") + f"#{self.slug}"


class MigrationPath(Publishable):
    class Difficulty(models.TextChoices):
        EASY = "easy", "Easy"
        MODERATE = "moderate", "Moderate"
        HARD = "hard", "Hard"

    from_framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="migrations_from")
    to_framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="migrations_to")
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    summary = models.CharField(max_length=300)
    strategy = models.TextField(help_text="Markdown: how to move, step by step.")
    sources = models.ManyToManyField(Source, blank=True, related_name="migration_paths")

    class Meta:
        ordering = ["from_framework__position", "to_framework__position"]
        constraints = [
            Publishable.status_constraint("migration_status_valid"),
            models.UniqueConstraint(fields=["from_framework", "to_framework"], name="migration_one_per_direction"),
            models.CheckConstraint(
                condition=~Q(from_framework=models.F("to_framework")), name="migration_between_two_frameworks"
            ),
            models.CheckConstraint(
                condition=Q(difficulty__in=["easy", "moderate", "hard"]), name="migration_difficulty_valid"
            ),
        ]

    def __str__(self):
        return (
            f"{self.from_framework_id and self.from_framework.name} → {self.to_framework_id and self.to_framework.name}"
        )

    def get_absolute_url(self):
        return reverse("advisor:framework", args=[self.from_framework.slug]) + f"#migrate-{self.slug}"


class FAQ(Publishable):
    question = models.CharField(max_length=250)
    answer = models.TextField(help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, blank=True, related_name="faqs")

    class Meta:
        ordering = ["position", "question"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        constraints = [Publishable.status_constraint("faq_status_valid")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("advisor:faq") + f"#{self.slug}"


class BenchmarkFigure(Publishable):
    """A number a source claims, with its conditions and our caveat. Never our measurement."""

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="figures",
        help_text="Empty for a comparison.",
    )
    compared_to = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a relative figure (3x of what).",
    )
    metric = models.CharField(max_length=120)
    value = models.FloatField(validators=number_range(-FIGURE_MAX, FIGURE_MAX))
    value_max = models.FloatField(
        null=True,
        blank=True,
        validators=number_range(-FIGURE_MAX, FIGURE_MAX),
        help_text="Upper end of a range, e.g. 5 in 3-5x.",
    )
    unit = models.CharField(max_length=40)
    conditions = models.TextField(blank=True, help_text="Markdown: setup and workload, as far as known.")
    caveat = models.TextField(blank=True, help_text="Markdown: how far to trust it.")
    lab_measure = models.CharField(
        max_length=20,
        choices=[("throughput", "Requests per second"), ("install-size", "Installed size")],
        blank=True,
        help_text="What our lab measures that this figure speaks to; the lab pages set the two side by side.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "metric"]
        constraints = [
            Publishable.status_constraint("figure_status_valid"),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=models.F("value")), name="figure_range_ordered"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=-FIGURE_MAX, value__lte=FIGURE_MAX)
                & (Q(value_max__isnull=True) | Q(value_max__gte=-FIGURE_MAX, value_max__lte=FIGURE_MAX)),
                name="figure_value_in_range",
            ),
        ]

    def __str__(self):
        value = f"{self.value:g}" + (f"–{self.value_max:g}" if self.value_max is not None else "")
        return f"{self.metric}: {value} {self.unit}"

    def get_absolute_url(self):
        if self.framework_id:
            return reverse("advisor:framework", args=[self.framework.slug]) + f"#figure-{self.slug}"
        return reverse("advisor:source", args=[self.source.slug])


class Incident(Publishable):
    """A production story from the sources: what broke, why, and what fixed it."""

    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="Markdown: the setting.")
    symptom = models.TextField(help_text="Markdown.")
    cause = models.TextField(help_text="Markdown.")
    fix = models.TextField(help_text="Markdown.")
    lesson = models.TextField(blank=True, help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    frameworks = models.ManyToManyField(Framework, blank=True, related_name="incidents")
    sources = models.ManyToManyField(Source, blank=True, related_name="incidents")

    class Meta:
        ordering = ["position", "title"]
        constraints = [Publishable.status_constraint("incident_status_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisor:pitfalls") + f"#{self.slug}"


class Hybrid(Publishable):
    """An architecture that combines frameworks, each in the role it suits."""

    name = models.CharField(max_length=150)
    summary = models.TextField(help_text="Markdown.")
    when = models.TextField(blank=True, help_text="Markdown: when to suggest it.")
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, blank=True, related_name="hybrids")

    class Meta:
        ordering = ["position", "name"]
        constraints = [Publishable.status_constraint("hybrid_status_valid")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisor:faq") + f"#{self.slug}"


class HybridPart(TimeStamped):
    hybrid = models.ForeignKey(Hybrid, on_delete=models.CASCADE, related_name="parts")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="hybrid_parts")
    role = models.CharField(max_length=250)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["hybrid", "position"]
        constraints = [models.UniqueConstraint(fields=["hybrid", "framework"], name="hybridpart_one_per_framework")]

    def __str__(self):
        return f"{self.framework_id and self.framework.name}: {self.role}"


class Verdict(Publishable):
    """A source's head-to-head verdict on two or three frameworks (shown on pair pages)."""

    title = models.CharField(max_length=200)
    frameworks = models.ManyToManyField(Framework, related_name="verdicts")
    summary = models.TextField(help_text="Markdown: the verdict, in our words.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="verdicts")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]
        constraints = [Publishable.status_constraint("verdict_status_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisor:source", args=[self.source.slug]) + f"#{self.slug}"


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


class ResultQuerySet(models.QuerySet):
    def stored(self, slug: str) -> "Result | None":
        """The result with this slug (only its answers and content version loaded), or None.

        Every questionnaire submission starts with this lookup: one statement (see :func:`_row_by`)."""
        row = _row_by(self, "slug", slug, ("id", "answers", "content_version"))
        if row is None:
            return None
        pk, stored_answers, version = row
        answers = self.model._meta.get_field("answers").from_db_value(stored_answers, None, connections[self.db])
        return self.model.from_db(self.db, ["id", "slug", "answers", "content_version"], [pk, slug, answers, version])


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


# The curated models, in the order they are loaded; every change to one bumps the content version.
CONTENT_MODELS = [
    Source,
    Category,
    Criterion,
    Framework,
    Rating,
    Evidence,
    UseCase,
    Fit,
    Question,
    Choice,
    Weight,
    MustHave,
    Pitfall,
    MigrationPath,
    FAQ,
    BenchmarkFigure,
    Incident,
    Hybrid,
    HybridPart,
    Verdict,
]


# The lab (lab/ in the repository): our own measurements, one run at a time, loaded from content/lab/*.yaml.


class LabRun(TimeStamped):
    """One `make lab` run on one machine: its setup, and the Source that ratings cite for it."""

    slug = models.SlugField(max_length=80, unique=True)
    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="lab_run")
    date = models.DateField()
    command = models.CharField(max_length=500)
    cpu = models.CharField("CPU model", max_length=200)
    cores = models.PositiveSmallIntegerField()
    memory_mib = models.PositiveIntegerField("memory (MiB)")
    os = models.CharField("operating system", max_length=200)
    python = models.CharField("Python version", max_length=20)
    wrk = models.CharField("wrk version", max_length=60)
    workers = models.PositiveSmallIntegerField(help_text="Server worker processes, the same for every app.")
    connections = models.PositiveSmallIntegerField(help_text="wrk connections.")
    threads = models.PositiveSmallIntegerField(help_text="wrk threads.")
    duration = models.PositiveSmallIntegerField(help_text="Seconds measured per endpoint.")
    warmup = models.PositiveSmallIntegerField(help_text="Seconds of unrecorded load before each measurement.")
    notes = models.TextField(blank=True, help_text="Markdown: caveats of this run (a busy machine, ...).")

    class Meta:
        ordering = ["-date", "-slug"]

    def __str__(self):
        return f"Lab run {self.slug}"

    def get_absolute_url(self):
        return reverse("advisor:lab-run", args=[self.slug])


class LabApp(TimeStamped):
    """One app of a run (a framework's, or a raw baseline) and the footprint of its environment."""

    class Interface(models.TextChoices):
        WSGI = "wsgi", "WSGI"
        ASGI = "asgi", "ASGI"

    run = models.ForeignKey(LabRun, on_delete=models.CASCADE, related_name="apps")
    slug = models.SlugField(max_length=80)
    label = models.CharField(max_length=100)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.SET_NULL,  # deleting a framework keeps its measurements, unlinked
        null=True,
        blank=True,
        related_name="lab_apps",
        help_text="Empty for a baseline.",
    )
    interface = models.CharField(max_length=4, choices=Interface.choices)
    baseline = models.BooleanField(default=False)
    packages = models.PositiveSmallIntegerField(help_text="Installed distributions, without pip.")
    install_kib = models.PositiveIntegerField("installed size (KiB)")
    import_ms = models.FloatField("import time (ms)", validators=number_range(0, LAB_MAX))
    versions = models.JSONField(default=dict, help_text="Every installed distribution and its version.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "slug"], name="labapp_unique_per_run"),
            models.CheckConstraint(condition=Q(interface__in=["wsgi", "asgi"]), name="labapp_interface_valid"),
            models.CheckConstraint(
                condition=Q(import_ms__gte=0, import_ms__lte=LAB_MAX), name="labapp_import_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.run.slug})"


class LabServer(TimeStamped):
    """One app under one server: how it was started, its cold start and its memory per worker after load."""

    app = models.ForeignKey(LabApp, on_delete=models.CASCADE, related_name="servers")
    server = models.SlugField(max_length=40, help_text="gunicorn or granian.")
    label = models.CharField(max_length=100)
    version = models.CharField(max_length=40)
    command = models.CharField(max_length=500)
    cold_start_ms = models.FloatField(
        "cold start (ms)", validators=number_range(0, LAB_MAX), help_text="Process start to the first 200."
    )
    worker_rss_kib = models.PositiveIntegerField("memory per worker (KiB)", null=True, blank=True)
    workers_seen = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["app", "position"]
        constraints = [
            models.UniqueConstraint(fields=["app", "server"], name="labserver_unique_per_app"),
            models.CheckConstraint(
                condition=Q(cold_start_ms__gte=0, cold_start_ms__lte=LAB_MAX), name="labserver_cold_start_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.app} under {self.label}"


class LabMeasurement(TimeStamped):
    """wrk's answer for one endpoint of one app under one server."""

    server = models.ForeignKey(LabServer, on_delete=models.CASCADE, related_name="measurements")
    endpoint = models.SlugField(max_length=40)
    rps = models.FloatField("requests per second", validators=number_range(0, LAB_MAX))
    p50_ms = models.FloatField("median latency (ms)", validators=number_range(0, LAB_MAX))
    p99_ms = models.FloatField("99th percentile latency (ms)", validators=number_range(0, LAB_MAX))
    errors = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["server", "position"]
        constraints = [
            models.UniqueConstraint(fields=["server", "endpoint"], name="labmeasurement_unique_endpoint"),
            models.CheckConstraint(
                condition=Q(rps__gte=0, rps__lte=LAB_MAX, p50_ms__gte=0, p50_ms__lte=LAB_MAX)
                & Q(p99_ms__gte=0, p99_ms__lte=LAB_MAX),
                name="labmeasurement_figures_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.server}: /{self.endpoint}"


CONTENT_MODELS += [LabRun, LabApp, LabServer, LabMeasurement, Family, FamilyMember, Relation]
