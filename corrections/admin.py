"""The curators' queue: open corrections first, filtered by status, kind and framework; the change page sets
the claim as it is now (with its sources and a link to edit it) beside the reader's suggestion.

Corrections come from readers only (no add page). Accepting, rejecting or marking a duplicate, from the list
(actions) or the change page (the status field), records who and when. Curators have view and change
permissions, not delete (``advisor/curators.py``), so the history stays.
"""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.utils import timezone

from advisor.models import Framework

from .models import Correction, Status
from .targets import resolve

OPEN_FIRST = Case(When(status=Status.NEW, then=Value(0)), default=Value(1), output_field=IntegerField())
# The reader's text, source and email are in the side-by-side panel (change_form.html), escaped there.
READER_FIELDS = ["kind", "framework_slug", "entry_slug", "created", "content_version", "claim"]


class FrameworkFilter(admin.SimpleListFilter):
    title = "framework"
    parameter_name = "framework"

    def lookups(self, request, model_admin):
        return list(Framework.objects.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(framework_slug=self.value())
        return queryset


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["created", "kind", "target", "status", "excerpt", "decided_by", "decided_at"]
    list_display_links = ["created", "target"]
    list_filter = ["status", "kind", FrameworkFilter]
    list_select_related = ["decided_by"]
    search_fields = ["text", "entry_slug", "framework_slug", "source_url"]
    actions = ["accept", "reject", "mark_duplicate"]
    fields = ["status", "curator_note", "decided_by", "decided_at", *READER_FIELDS]
    readonly_fields = ["decided_by", "decided_at", *READER_FIELDS]
    change_form_template = "admin/corrections/correction/change_form.html"
    save_on_top = True
    ordering = [OPEN_FIRST.asc(), "-created"]  # open corrections first, newest first within each group

    @admin.display(description="claim", ordering="entry_slug")
    def target(self, obj):
        return f"{obj.get_kind_display()}: {obj.target_label}"

    @admin.display(description="what is wrong")
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            _decide(obj, obj.status, request.user)
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if obj is not None:
            try:
                extra_context["current"] = resolve(obj.kind, obj.framework_slug, obj.entry_slug)
            except Http404:
                extra_context["current"] = None  # deleted, renamed or unpublished since
            extra_context["correction"] = obj
        return super().change_view(request, object_id, form_url, extra_context)

    def _decide_selected(self, request, queryset, status):
        decided = 0
        for obj in queryset.exclude(status=status):
            _decide(obj, status, request.user)
            obj.save(update_fields=["status", "decided_by", "decided_at"])
            self.log_change(request, obj, [{"changed": {"fields": ["Status"]}}])
            decided += 1
        label = Status(status).label.lower()
        self.message_user(request, f"{decided} correction(s) marked {label}.", messages.SUCCESS)

    @admin.action(description="Accept the selected corrections", permissions=["change"])
    def accept(self, request, queryset):
        self._decide_selected(request, queryset, Status.ACCEPTED)

    @admin.action(description="Reject the selected corrections", permissions=["change"])
    def reject(self, request, queryset):
        self._decide_selected(request, queryset, Status.REJECTED)

    @admin.action(description="Mark the selected corrections as duplicates", permissions=["change"])
    def mark_duplicate(self, request, queryset):
        self._decide_selected(request, queryset, Status.DUPLICATE)


def _decide(obj: Correction, status: str, user) -> None:
    obj.status = status
    if status == Status.NEW:  # reopened
        obj.decided_by, obj.decided_at = None, None
    else:
        obj.decided_by, obj.decided_at = user, timezone.now()
