"""The lab's Django Ninja API, written the way Django Ninja's documentation writes one.

- A NinjaAPI mounted in the project's urls.py, one decorated function per operation
  (https://django-ninja.dev/tutorial/).
- The body is a ``Schema`` (Pydantic) taken as a typed argument (https://django-ninja.dev/guides/input/body/);
  a bad body is Django Ninja's 422 answer, {"detail": [...]} (https://django-ninja.dev/guides/errors/).
- The row is read with Django's ORM and ``get_object_or_404`` and returned as the model instance, turned into
  JSON by a ``ModelSchema`` response (https://django-ninja.dev/tutorial/other/crud/,
  https://django-ninja.dev/guides/response/django-pydantic/). Operations are plain ``def`` functions, as in
  the CRUD tutorial: the project is served over WSGI, the way Django's deployment docs run a project.
"""

from typing import Annotated

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, NinjaAPI, Schema
from pydantic import StringConstraints

from .models import Item

api = NinjaAPI(title="Framework Advisor lab")


class ItemIn(Schema):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    price: float = Field(ge=0)
    quantity: int = Field(ge=1)


class ItemOut(ModelSchema):
    class Meta:
        model = Item
        fields = ["id", "name", "price"]


@api.get("/plaintext")
def plaintext(request):
    return HttpResponse("Hello, World!", content_type="text/plain; charset=utf-8")


@api.get("/json")
def json_message(request):
    return {"message": "Hello, World!"}


@api.post("/validate", response=ItemIn)
def validate(request, item: ItemIn):
    return item


@api.get("/db/{item_id}", response=ItemOut)
def db_item(request, item_id: int):
    return get_object_or_404(Item, id=item_id)
