from django.urls import path, re_path

from .lab import code_views
from .lab import views as lab
from .views import browse, compare, guide, public, quick, search

app_name = "advisor"

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    # The public browsing pages.
    path("frameworks/", browse.framework_list, name="frameworks"),
    path("frameworks/<slug:slug>/", browse.framework_detail, name="framework"),
    path("criteria/", browse.criterion_list, name="criteria"),
    path("criteria/<slug:slug>/", browse.criterion_detail, name="criterion"),
    path("compare/", compare.compare, name="compare"),
    path("compare.csv", compare.compare_csv, name="compare_csv"),
    path("compare/<slug:pair>/", compare.compare_pair, name="compare_pair"),
    path("use-cases/", compare.use_cases, name="use_cases"),
    path("use-cases/<slug:slug>/", browse.use_case_detail, name="use_case"),
    path("sources/", browse.source_list, name="sources"),
    path("sources/<slug:slug>/", browse.source_detail, name="source"),
    path("pitfalls/", browse.pitfalls, name="pitfalls"),
    path("faq/", browse.faq, name="faq"),
    path("lab/", lab.lab, name="lab"),
    # The lab's code, before lab/<run>/ (which "code" would match); a pair and an app each reach their own view.
    path("lab/code/", code_views.code_index, name="lab_code"),
    re_path(r"^lab/code/(?P<pair>[-\w]+-vs-[-\w]+)/$", code_views.code_pair, name="lab_code_pair"),
    path("lab/code/<slug:slug>/", code_views.code_app, name="lab_code_app"),
    path("lab/<slug:slug>/", lab.lab, name="lab-run"),
    path("search/", search.search, name="search"),
    # The questionnaire and results.
    path("guide/", guide.guide, name="guide"),
    path("guide/quick/", quick.quick_guide, name="quick"),
    path("guide/how-it-works/", guide.how_it_works, name="how_it_works"),
    path("r/<slug:slug>/", guide.result, name="result"),
    path("r/<slug:slug>.json", guide.result_json, name="result_json"),
    path("r/<slug:slug>.md", guide.result_markdown, name="result_md"),
]
