"""The questionnaire and result permalinks (built in the questionnaire issue)."""

from django.http import Http404, HttpRequest


def guide(request: HttpRequest):
    raise Http404("The questionnaire is being built.")


def result(request: HttpRequest, slug: str):
    raise Http404("No such result.")
