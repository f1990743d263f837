"""Curation in the Django admin: every content model, inlines where curators think in wholes, and
a matrix overview of all frameworks × criteria."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import results
from .admin_forms import CuratorAdminMixin, CuratorModelAdminMixin
from .content.checks import level_warnings
from .models import (
    FAQ,
    BenchmarkFigure,
    Category,
    Choice,
    ContentVersion,
    Criterion,
    Evidence,
    Family,
    FamilyMember,
    Fit,
    Framework,
    Hybrid,
    HybridPart,
    Incident,
    MigrationPath,
    MustHave,
    Pitfall,
    Question,
    Rating,
    Relation,
    Result,
    Source,
    Status,
    UseCase,
    Verdict,
    Weight,
)


class CuratorModelAdmin(CuratorModelAdminMixin, admin.ModelAdmin):
    """Every content model's admin: curator input checked, stale saves refused (``advisor/admin_forms.py``)."""


class PublishableAdmin(CuratorModelAdmin):
    """Shared by every model with a slug and a draft/published status."""

    actions = ["publish", "unpublish"]
    prepopulated_fields = {"slug": ("name",)}
    list_filter = ["status"]
    readonly_fields = ["created", "updated"]
    save_on_top = True

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description="Unpublish the selected items (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Save one by one so that signals (content version, history) see every change.
        changed = 0
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj.save(update_fields=["status", "updated"])
            self.log_change(request, obj, [{"changed": {"fields": ["Status"]}}])
            changed += 1
        self.message_user(request, f"{changed} item(s) set to {Status(status).label.lower()}.", messages.SUCCESS)


class TabularInline(CuratorAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class StackedInline(CuratorAdminMixin, admin.StackedInline):
    extra = 0
    show_change_link = True


# --- Sources --------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(PublishableAdmin):
    list_display = ["title", "author", "date", "kind", "status", "evidence_count"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "author", "url", "slug"]
    prepopulated_fields = {"slug": ("title",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_total=Count("evidence", distinct=True))

    @admin.display(description="Evidence items", ordering="evidence_total")
    def evidence_count(self, obj):
        return obj.evidence_total


# --- Frameworks, criteria, ratings ---------------------------------------------------------------


class RatingInline(TabularInline):
    model = Rating
    fields = ["criterion", "framework", "score", "label", "disputed"]
    autocomplete_fields = ["criterion", "framework"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion", "framework")


class FrameworkRatingInline(RatingInline):
    fields = ["criterion", "score", "label", "disputed"]


class CriterionRatingInline(RatingInline):
    fields = ["framework", "score", "label", "disputed"]


@admin.register(Framework)
class FrameworkAdmin(PublishableAdmin):
    list_display = ["name", "tagline", "server_interface", "first_release_year", "position", "status", "rating_count"]
    list_editable = ["position"]
    list_filter = ["status", "server_interface"]
    search_fields = ["name", "tagline", "summary", "slug"]
    autocomplete_fields = ["sources"]
    inlines = [FrameworkRatingInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "position", "tagline", "best_for", "summary"]}),
        ("Facts", {"fields": ["history", "creators", "first_release_year", "license", "server_interface", "servers"]}),
        ("Links", {"fields": ["homepage_url", "docs_url", "repository_url"]}),
        ("Code sample", {"fields": ["code_language", "code_sample"]}),
        (
            "Judgement",
            {
                "fields": [
                    "strengths",
                    "limitations",
                    "when_to_use",
                    "when_not_to_use",
                    "extensions",
                    "configuration",
                    "scaling_risk",
                ]
            },
        ),
        ("Sources and history", {"fields": ["sources", "created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rating_total=Count("ratings", distinct=True))

    @admin.display(description="Ratings", ordering="rating_total")
    def rating_count(self, obj):
        return obj.rating_total


@admin.register(Category)
class CategoryAdmin(CuratorModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ["created", "updated"]


@admin.register(Criterion)
class CriterionAdmin(PublishableAdmin):
    list_display = ["name", "category", "question", "weight", "position", "status"]
    list_editable = ["position"]
    list_filter = ["status", "category"]
    list_select_related = ["category"]
    search_fields = ["name", "question", "slug"]
    autocomplete_fields = ["category"]
    inlines = [CriterionRatingInline]


class EvidenceInline(StackedInline):
    model = Evidence
    fields = [("source", "supports_score", "position"), "claim", "locator"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


@admin.register(Rating)
class RatingAdmin(CuratorModelAdmin):
    list_display = ["__str__", "score_display", "label", "disputed", "evidence_count"]
    list_filter = ["disputed", "framework", "criterion__category"]
    list_select_related = ["framework", "criterion"]
    search_fields = ["label", "explanation", "framework__name", "criterion__name"]
    autocomplete_fields = ["framework", "criterion"]
    readonly_fields = ["created", "updated"]
    inlines = [EvidenceInline]
    change_list_template = "admin/advisor/rating/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_total=Count("evidence"))

    def save_model(self, request, obj, form, change):
        """Saved as asked; a score whose explanation argues for another level of the scale gets a warning (the
        same reviewed terms as ``manage.py checkcontent``, advisor/content/levels.py)."""
        super().save_model(request, obj, form, change)
        for warning in level_warnings(obj.framework.slug, obj.criterion.slug, obj.score, obj.explanation):
            self.message_user(request, f"{obj}: {warning} Check the score or reword the explanation.", messages.WARNING)

    @admin.display(description="Score", ordering="score")
    def score_display(self, obj):
        return "unknown" if obj.score is None else obj.score

    @admin.display(description="Evidence", ordering="evidence_total")
    def evidence_count(self, obj):
        return obj.evidence_total

    def get_urls(self):
        return [
            path("matrix/", self.admin_site.admin_view(self.matrix_view), name="advisor_rating_matrix"),
            *super().get_urls(),
        ]

    def matrix_view(self, request):
        """The whole frameworks × criteria grid: score and evidence count per cell, gaps marked."""
        frameworks = list(Framework.objects.order_by("position", "name"))
        criteria = list(Criterion.objects.select_related("category"))
        ratings = Rating.objects.annotate(evidence_total=Count("evidence")).only(
            "id", "framework_id", "criterion_id", "score", "label", "disputed"
        )
        cells = {(r.framework_id, r.criterion_id): r for r in ratings}
        rows = []
        for criterion in criteria:
            row = []
            for framework in frameworks:
                rating = cells.get((framework.pk, criterion.pk))
                if rating is None:
                    link = reverse("admin:advisor_rating_add") + f"?framework={framework.pk}&criterion={criterion.pk}"
                else:
                    link = reverse("admin:advisor_rating_change", args=[rating.pk])
                row.append({"framework": framework, "rating": rating, "link": link})
            rows.append({"criterion": criterion, "cells": row})
        missing = sum(1 for row in rows for cell in row["cells"] if cell["rating"] is None)
        no_evidence = sum(1 for row in rows for c in row["cells"] if c["rating"] and not c["rating"].evidence_total)
        context = {
            **self.admin_site.each_context(request),
            "title": "Ratings matrix",
            "opts": self.model._meta,
            "frameworks": frameworks,
            "rows": rows,
            "missing": missing,
            "no_evidence": no_evidence,
        }
        return TemplateResponse(request, "admin/advisor/rating/matrix.html", context)


@admin.register(Evidence)
class EvidenceAdmin(CuratorModelAdmin):
    list_display = ["__str__", "rating", "source", "supports_score"]
    list_filter = ["source"]
    list_select_related = ["rating__framework", "rating__criterion", "source"]
    search_fields = ["claim", "locator", "source__title"]
    autocomplete_fields = ["rating", "source"]
    readonly_fields = ["created", "updated"]


# --- Use cases ------------------------------------------------------------------------------------


class FitInline(StackedInline):
    model = Fit
    fields = [("framework", "level"), "reason", "sources"]
    autocomplete_fields = ["framework", "sources"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework")


@admin.register(UseCase)
class UseCaseAdmin(PublishableAdmin):
    list_display = ["name", "summary", "position", "status"]
    list_editable = ["position"]
    search_fields = ["name", "summary", "slug"]
    autocomplete_fields = ["sources", "preset"]
    inlines = [FitInline]


@admin.register(Fit)
class FitAdmin(CuratorModelAdmin):
    list_display = ["__str__", "use_case", "framework", "level"]
    list_filter = ["level", "framework"]
    list_select_related = ["use_case", "framework"]
    search_fields = ["reason", "use_case__name", "framework__name"]
    autocomplete_fields = ["use_case", "framework", "sources"]
    readonly_fields = ["created", "updated"]


# --- The questionnaire ------------------------------------------------------------------------------


class ChoiceInline(StackedInline):
    model = Choice
    fields = [("slug", "position"), "label", "help", "use_case"]
    autocomplete_fields = ["use_case"]


@admin.register(Question)
class QuestionAdmin(PublishableAdmin):
    list_display = ["text", "slug", "position", "status", "choice_count"]
    list_editable = ["position"]
    search_fields = ["text", "slug"]
    prepopulated_fields = {}
    inlines = [ChoiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(choice_total=Count("choices"))

    @admin.display(description="Choices", ordering="choice_total")
    def choice_count(self, obj):
        return obj.choice_total


class WeightInline(TabularInline):
    model = Weight
    autocomplete_fields = ["criterion"]


class MustHaveInline(TabularInline):
    model = MustHave
    autocomplete_fields = ["criterion"]


@admin.register(Choice)
class ChoiceAdmin(CuratorModelAdmin):
    list_display = ["__str__", "label", "question", "use_case", "position"]
    list_filter = ["question"]
    list_select_related = ["question", "use_case"]
    search_fields = ["slug", "label", "question__slug", "question__text"]
    autocomplete_fields = ["question", "use_case"]
    readonly_fields = ["created", "updated"]
    inlines = [WeightInline, MustHaveInline]


@admin.register(Weight)
class WeightAdmin(CuratorModelAdmin):
    list_display = ["__str__", "choice", "criterion", "delta"]
    list_filter = ["criterion"]
    list_select_related = ["choice__question", "criterion"]
    search_fields = ["choice__slug", "criterion__name"]
    autocomplete_fields = ["choice", "criterion"]


@admin.register(MustHave)
class MustHaveAdmin(CuratorModelAdmin):
    list_display = ["__str__", "choice", "criterion", "minimum"]
    list_select_related = ["choice__question", "criterion"]
    search_fields = ["choice__slug", "criterion__name"]
    autocomplete_fields = ["choice", "criterion"]


# --- Pitfalls, migrations, FAQ, figures, incidents, hybrids, verdicts ---------------------------------


@admin.register(Pitfall)
class PitfallAdmin(PublishableAdmin):
    list_display = ["title", "kind", "position", "status"]
    list_filter = ["status", "kind", "frameworks"]
    search_fields = ["title", "symptom", "cause", "fix", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["frameworks", "choices", "sources"]


@admin.register(MigrationPath)
class MigrationPathAdmin(PublishableAdmin):
    list_display = ["__str__", "difficulty", "summary", "status"]
    list_filter = ["status", "difficulty", "from_framework", "to_framework"]
    list_select_related = ["from_framework", "to_framework"]
    search_fields = ["summary", "strategy", "slug"]
    prepopulated_fields = {"slug": ("summary",)}
    autocomplete_fields = ["from_framework", "to_framework", "sources"]


@admin.register(FAQ)
class FAQAdmin(PublishableAdmin):
    list_display = ["question", "position", "status"]
    list_editable = ["position"]
    search_fields = ["question", "answer", "slug"]
    prepopulated_fields = {"slug": ("question",)}
    autocomplete_fields = ["sources"]


@admin.register(BenchmarkFigure)
class BenchmarkFigureAdmin(PublishableAdmin):
    list_display = ["__str__", "framework", "compared_to", "source", "status"]
    list_filter = ["status", "framework", "source"]
    list_select_related = ["framework", "compared_to", "source"]
    search_fields = ["metric", "conditions", "slug"]
    prepopulated_fields = {"slug": ("metric",)}
    autocomplete_fields = ["framework", "compared_to", "source"]


@admin.register(Incident)
class IncidentAdmin(PublishableAdmin):
    list_display = ["title", "position", "status"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["frameworks", "sources"]


class HybridPartInline(TabularInline):
    model = HybridPart
    autocomplete_fields = ["framework"]


@admin.register(Hybrid)
class HybridAdmin(PublishableAdmin):
    list_display = ["name", "position", "status"]
    search_fields = ["name", "summary", "slug"]
    autocomplete_fields = ["sources"]
    inlines = [HybridPartInline]


@admin.register(Verdict)
class VerdictAdmin(PublishableAdmin):
    list_display = ["title", "source", "position", "status"]
    list_filter = ["status", "source"]
    list_select_related = ["source"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["frameworks", "source"]


class FamilyMemberInline(TabularInline):
    model = FamilyMember
    autocomplete_fields = ["framework"]
    show_change_link = False


@admin.register(Family)
class FamilyAdmin(PublishableAdmin):
    list_display = ["name", "position", "status"]
    list_editable = ["position"]
    search_fields = ["name", "summary", "slug"]
    inlines = [FamilyMemberInline]


@admin.register(Relation)
class RelationAdmin(PublishableAdmin):
    list_display = ["__str__", "kind", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["framework", "other"]
    search_fields = ["summary", "slug", "framework__name", "other__name"]
    prepopulated_fields = {"slug": ("framework", "kind", "other")}
    autocomplete_fields = ["framework", "other", "inherits", "sources"]


# --- Read-only records ----------------------------------------------------------------------------------


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    """Shared results are visitors' records: viewable, never edited (their links must not change)."""

    list_display = ["slug", "winner", "content_version", "engine", "created"]
    search_fields = ["slug"]
    date_hierarchy = "created"
    readonly_fields = ["slug", "answers", "outcome", "content_version", "engine", "created"]

    @admin.display(description="Winner")
    def winner(self, obj):
        ranking = results.outcome_of(obj).get("ranking") or []
        return ranking[0].get("name", "") if ranking and isinstance(ranking[0], dict) else ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ContentVersion)
class ContentVersionAdmin(admin.ModelAdmin):
    list_display = ["digest", "counter", "changed"]
    readonly_fields = ["digest", "counter", "changed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
