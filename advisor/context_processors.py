from django.utils.functional import SimpleLazyObject

from . import versioning

DEFAULT_DESCRIPTION = (
    "Choose a Python web framework (Flask, FastAPI or Django) for a concrete project: a short questionnaire, "
    "a ranked and explained recommendation, and comparison matrices whose every cell cites its evidence."
)


def site(request):
    """Site-wide template context. The content version is read only if a template uses it."""
    return {
        # The shared cache usually has it (the page cache just read it); the database otherwise.
        "content_version": SimpleLazyObject(lambda: versioning.cached_state() or versioning.current()),
        "default_description": DEFAULT_DESCRIPTION,
    }
