"""The questionnaire and its scoring effects (questions, choices, weights, must-haves), and the editorial
content around the ratings: pitfalls, migration paths, FAQ, benchmark figures, incidents, hybrid
architectures and the articles' verdicts."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from ..validators import number_range
from .base import FIGURE_MAX, WEIGHT_MAX, Publishable, TimeStamped, score_range, score_validators
from .content import Criterion, Framework, Source, UseCase


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
