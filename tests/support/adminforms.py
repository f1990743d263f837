"""Posting admin forms as a browser would: the data a rendered change page holds, ready to edit and send."""

from django.forms import CheckboxInput


def _put(data: dict, bound) -> None:
    value = bound.value()
    if isinstance(bound.field.widget, CheckboxInput):
        if value:
            data[bound.html_name] = "on"
        return
    if isinstance(value, (list, tuple)):
        data[bound.html_name] = [str(v) for v in value]
    else:
        data[bound.html_name] = "" if value is None else str(value)


def form_data(response) -> dict:
    """Every field of the admin page's form and inline formsets, with the values it shows."""
    data: dict = {}
    for bound in response.context["adminform"].form:
        _put(data, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            _put(data, bound)
        for form in formset.forms:
            for bound in form:
                _put(data, bound)
    return data
