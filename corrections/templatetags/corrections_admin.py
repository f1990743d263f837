from django import template
from django.db.models import Count

from ..models import Correction, Status

register = template.Library()


@register.simple_tag
def correction_counts() -> list[dict]:
    """Corrections per status, open first (one query), for the admin index."""
    counts = dict(Correction.objects.order_by().values_list("status").annotate(n=Count("id")))
    return [{"status": s, "label": s.label, "count": counts.get(s.value, 0)} for s in Status]
