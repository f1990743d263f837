import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .forms import ItemForm
from .models import Item


@require_GET
def plaintext(request):
    return HttpResponse("Hello, World!", content_type="text/plain; charset=utf-8")


@require_GET
def json_message(request):
    return JsonResponse({"message": "Hello, World!"})


@csrf_exempt  # a JSON API called by programs, not a browser form
@require_POST
def validate(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"errors": {"body": ["Invalid JSON."]}}, status=400)
    form = ItemForm(data if isinstance(data, dict) else {})
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return JsonResponse(form.cleaned_data)


@require_GET
def db_item(request, item_id):
    item = get_object_or_404(Item, pk=item_id)
    return JsonResponse({"id": item.id, "name": item.name, "price": item.price})
