"""sitemap.xml: every public page, and nothing else (drafts never appear)."""

from itertools import combinations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .lab import code as lab_code
from .models import Criterion, Framework, Source, UseCase
from .views.compare import PAIR_SEPARATOR


class StaticSitemap(Sitemap):
    """The fixed pages."""

    priority = 0.8

    def items(self):
        return [
            "advisor:home",
            "advisor:guide",
            "advisor:how_it_works",
            "advisor:quick",
            "advisor:compare",
            "advisor:use_cases",
            "advisor:frameworks",
            "advisor:criteria",
            "advisor:sources",
            "advisor:pitfalls",
            "advisor:faq",
            "advisor:lab",
            "advisor:lab_code",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    model = None
    fields = ("slug", "updated")

    def items(self):
        return self.model.objects.published().only(*self.fields)

    def lastmod(self, obj):
        return obj.updated


class FrameworkSitemap(PublishedSitemap):
    model = Framework
    priority = 0.9


class CriterionSitemap(PublishedSitemap):
    model = Criterion


class UseCaseSitemap(PublishedSitemap):
    model = UseCase


class SourceSitemap(PublishedSitemap):
    model = Source
    priority = 0.4


class ComparisonSitemap(Sitemap):
    """Head-to-head pages in their canonical order: every pair of published frameworks (n·(n-1)/2 addresses).
    Groups of three or more answer too, but are left out: their number grows with the cube of n."""

    priority = 0.7

    def items(self):
        return list(combinations(Framework.objects.published().only("slug", "position", "name"), 2))

    def location(self, item):
        return reverse("advisor:compare_pair", args=[PAIR_SEPARATOR.join(f.slug for f in item)])


class LabCodeSitemap(Sitemap):
    """The lab's code: each app's page. The pairs answer too (any two of lab.toml's apps) but are left out, as
    the head-to-head groups are: reached from /lab/code/ and from each head-to-head page, and 136 addresses
    that do not depend on the content would multiply the suite's every-public-page checks."""

    priority = 0.5

    def items(self):
        return list(lab_code.app_slugs())

    def location(self, item):
        return reverse("advisor:lab_code_app", args=[item])


SITEMAPS = {
    "pages": StaticSitemap,
    "frameworks": FrameworkSitemap,
    "criteria": CriterionSitemap,
    "use-cases": UseCaseSitemap,
    "sources": SourceSitemap,
    "comparisons": ComparisonSitemap,
    "lab-code": LabCodeSitemap,
}
