"""Grow the loaded content to many published frameworks, for tests of the pages at twelve frameworks and more.

Each new framework copies a published one (its ratings with their evidence, and its use-case fits) under a
new slug and name, so every cell of the bigger matrices is as complete as the content it was made from. The
copies exist only in the test database; they are not content.
"""

from advisor import versioning
from advisor.models import Evidence, Fit, Framework, Rating


def grow_frameworks(total: int = 12) -> list[Framework]:
    """Publish copies of the published frameworks until ``total`` are published; returns them all in order."""
    originals = list(Framework.objects.published())
    count = len(originals)
    with versioning.suspended():
        for i in range(total - count):
            original = originals[i % len(originals)]
            number = count + i - 1  # 1, 2, ... when growing from two frameworks; never reused
            copy = Framework.objects.get(pk=original.pk)
            copy.pk = None
            copy.slug = f"{original.slug}-copy-{number}"
            copy.name = f"{original.name} copy {number}"
            copy.position = 100 + number
            copy.save()
            for rating in Rating.objects.filter(framework=original).prefetch_related("evidence"):
                evidence = list(rating.evidence.all())
                rating.pk = None
                rating.framework = copy
                rating.save()
                for item in evidence:
                    item.pk = None
                    item.rating = rating
                Evidence.objects.bulk_create(evidence)
            Fit.objects.bulk_create(
                Fit(use_case_id=fit.use_case_id, framework=copy, level=fit.level, reason=fit.reason)
                for fit in Fit.objects.filter(framework=original)
            )
    versioning.bump()
    frameworks = list(Framework.objects.published())
    assert len(frameworks) == max(total, count)  # the shipped content may already hold more
    return frameworks
