"""axe-core over every kind of page of the shipped site, in light and dark at 1280 and 390 px: each page loaded once
and checked at both widths in both schemes (tests/support/axe.py: ``violations_at``, and which rules run in the dark).

The sweeps that need other content stay with their area: the small test content's unknown cells and lab sections
(test_browser_public.py, tests/lab/test_browser_lab.py), the guide's steps (tests/guide/), the correction form
and queue (tests/corrections/)."""

import re

import pytest

from advisor import snapshot
from advisor.models import Framework
from tests.support.axe import violations_at

pytestmark = pytest.mark.browser

VIEWPORTS = {"1280 px": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}
PHONE = {"390 px": VIEWPORTS["390 px"]}
ANSWERS = "project=api-backend&admin=no&load=high&workload=io&async=strong&api-docs=essential&html=api"
RESULT = "result"  # stands for the permalink the sweep creates first
EVERY = "fw=*"  # stands for fw=a&fw=b…, every published framework

PAGES = [
    "/",
    "/frameworks/fastapi/",  # a profile with code, evidence and its lab section
    f"/compare/?{EVERY}&best=1",  # every column, best in each row marked, a cell's Why panel open
    "/compare/flask-vs-fastapi-vs-django/",
    f"/use-cases/?{EVERY}&best=1",
    "/criteria/",
    "/criteria/throughput/",  # a criterion with the lab's chart
    "/pitfalls/",
    "/search/",
    "/search/?q=websockets",
    "/search/?q=websockets&kind=frameworks",
    "/search/?q=fastapi+vs+django",
    "/search/?q=zzzqqq",  # nothing found
    "/guide/quick/",
    "/guide/?step=async",
    RESULT,
    "/lab/",
    "/lab/?endpoint=db&server=common&measure=memory",
    "/lab/code/",
    "/lab/code/flask/",
    "/lab/code/flask-vs-fastapi/",
]
#: Variants of the matrices with the same markup, checked where the table is most crowded (the desktop adds
#: only the row notes a phone hides, and those are on the full matrices above).
PHONE_PAGES = [
    "/compare/?use_case=api-first",  # the picker and the note
    f"/compare/?{EVERY}&diff=1&cat=apis",
]


@pytest.fixture
def site(transactional_db, shipped_content, live_server):
    snapshot.clear_cache()
    yield live_server.url
    snapshot.clear_cache()


def open_everything(page, path):
    """What a visitor can unfold is checked unfolded: every <details>, and on /compare/ a cell's Why panel."""
    if path.startswith("/compare/?fw=") and path.endswith("&best=1"):
        page.locator("#matrix .cell-why").first.click()
        page.locator("#matrix .cell-detail").first.locator("p").first.wait_for()
    if path.startswith("/lab/") and "/code/" not in path:
        assert page.locator(".lab-chart svg").count() >= 1, path
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")


def test_no_axe_violations_on_any_kind_of_page(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["1280 px"])
    try:
        page = context.new_page()
        page.goto(f"{site}/guide/?{ANSWERS}&finish=now")
        page.wait_for_url(re.compile(r"/r/"))
        result = page.url.removeprefix(site)
        every = "&".join(f"fw={slug}" for slug in Framework.objects.published().values_list("slug", flat=True))
        failures = []
        for path in PAGES + PHONE_PAGES:
            page.goto(site + (result if path == RESULT else path.replace(EVERY, every)))
            open_everything(page, path)
            failures += violations_at(page, path, PHONE if path in PHONE_PAGES else VIEWPORTS)
        assert not failures, "\n\n".join(failures)
    finally:
        context.close()
