"""What every curated entity shares: the score scale, draft/published status, timestamps.

Conventions: every curated entity has a unique slug, a draft/published status, created/updated
timestamps, ``__str__``, ``get_absolute_url`` and ``Meta.ordering``. Scores use one fixed scale,
0 to 5, oriented so that a higher score is always better for the visitor (``SCORE_SCALE``). A
missing rating, or a rating whose score is empty, is *unknown*: it is shown and reasoned about as
its own state, never as zero.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

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
