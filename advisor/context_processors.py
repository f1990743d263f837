from django.utils.functional import SimpleLazyObject

from . import versioning

DEFAULT_DESCRIPTION = (
    "Choose a Python web framework (Django, FastAPI, Flask, Litestar and more) for a concrete project: a short "
    "questionnaire, a ranked and explained recommendation, and comparison matrices whose every cell cites its "
    "evidence."
)


def site(request):
    """Site-wide template context. The content version is read only if a template uses it."""
    return {
        "content_version": SimpleLazyObject(versioning.current),  # one row from the database
        "default_description": DEFAULT_DESCRIPTION,
    }
