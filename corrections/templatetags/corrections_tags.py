from django import template

register = template.Library()


@register.filter
def among(value, values) -> bool:
    """``{{ pitfall.slug|among:under_review }}``: whether a slug is in the set a view passed (false if none)."""
    return bool(values) and value in values
