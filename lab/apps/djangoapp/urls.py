from django.urls import path

from . import views

urlpatterns = [
    path("plaintext", views.plaintext),
    path("json", views.json_message),
    path("validate", views.validate),
    path("db/<int:item_id>", views.db_item),
]
