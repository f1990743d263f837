"""Frameworks grouped by family (full-stack, typed API, Flask-style...) for the home page and the index."""

from collections.abc import Iterable

from .models import Family, FamilyMember, Framework


def grouped(frameworks: Iterable[Framework], families: Iterable[Family]) -> list[dict]:
    """The frameworks, in their order, under each family that holds one of them (families in their order);
    frameworks no family holds come last, under ``family=None``. ``families`` is a queryset of the families
    the visitor may see; one query reads them with their members."""
    frameworks = list(frameworks)
    members = FamilyMember.objects.filter(family__in=families, framework__in=frameworks).select_related("family")
    family_of = {m.framework_id: m.family for m in members}
    groups: dict[int | None, dict] = {
        family.id: {"family": family, "frameworks": []}
        for family in sorted(set(family_of.values()), key=lambda f: (f.position, f.name))
    }
    rest = {"family": None, "frameworks": []}
    for framework in frameworks:
        family = family_of.get(framework.id)
        (groups[family.id] if family else rest)["frameworks"].append(framework)
    return [group for group in [*groups.values(), rest] if group["frameworks"]]
