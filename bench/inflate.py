"""Grow the loaded content to N times its size with synthetic entries (for the benchmark's cold renders).

At 10× the shipped content this gives ten times its frameworks and criteria (at least 250 criteria) and at least
100 use cases, every cell rated with one evidence item, so render cost can be compared per cell between 1× and 10×.
"""

from advisor import versioning
from advisor.models import Category, Criterion, Evidence, Fit, Framework, Rating, Source, UseCase


def inflate(factor: int) -> None:
    with versioning.suspended():
        source = Source.objects.first()
        categories = list(Category.objects.all())
        fw_target = Framework.objects.count() * factor
        crit_target = (
            max(250, Criterion.objects.count() * factor) if factor >= 10 else Criterion.objects.count() * factor
        )
        uc_target = max(100, UseCase.objects.count() * factor) if factor >= 10 else UseCase.objects.count() * factor
        new_fws = [
            Framework(slug=f"synthetic-{i}", name=f"Synthetic {i}", tagline="Synthetic", summary="Synthetic.",
                      server_interface="asgi", position=100 + i)
            for i in range(fw_target - Framework.objects.count())
        ]  # fmt: skip
        Framework.objects.bulk_create(new_fws)
        new_crits = [
            Criterion(slug=f"synthetic-{i}", name=f"Synthetic criterion {i}", category=categories[i % len(categories)],
                      question="Synthetic?", position=100 + i)
            for i in range(crit_target - Criterion.objects.count())
        ]  # fmt: skip
        Criterion.objects.bulk_create(new_crits)
        UseCase.objects.bulk_create(
            UseCase(slug=f"synthetic-{i}", name=f"Synthetic use case {i}", summary="Synthetic.", position=100 + i)
            for i in range(uc_target - UseCase.objects.count())
        )
        existing = set(Rating.objects.values_list("framework_id", "criterion_id"))
        frameworks = list(Framework.objects.all())
        ratings = [
            Rating(framework=f, criterion=c, score=(f.pk + c.pk) % 6, label="Synthetic")
            for f in frameworks
            for c in Criterion.objects.all()
            if (f.pk, c.pk) not in existing
        ]
        Rating.objects.bulk_create(ratings, batch_size=2000)
        Evidence.objects.bulk_create(
            (
                Evidence(rating=r, source=source, claim="Synthetic claim.")
                for r in Rating.objects.filter(label="Synthetic")
            ),
            batch_size=2000,
        )
        have_fit = set(Fit.objects.values_list("use_case_id", "framework_id"))
        Fit.objects.bulk_create(
            (
                Fit(use_case=u, framework=f, level="good", reason="Synthetic.")
                for u in UseCase.objects.all()
                for f in frameworks
                if (u.pk, f.pk) not in have_fit
            ),
            batch_size=2000,
        )
    versioning.bump()
