"""Browser journeys on the comparison matrix (with and without JavaScript) and axe-core accessibility checks.

Playwright drives the system Chromium against the live test server; CSP stays on, so htmx works as shipped.
"""

import re

import pytest
from playwright.sync_api import expect

from advisor.models import Criterion, Framework, Rating
from tests.support.axe import BOTH_SCHEMES, assert_no_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, fixture_content, live_server):
    """Fixture content plus a third framework: same async score as One, a known admin score where One's is unknown."""
    three = Framework.objects.create(
        slug="three", name="Three", tagline="The third.", summary="Third.", server_interface="both", position=2
    )
    Rating.objects.create(framework=three, criterion=Criterion.objects.get(slug="async"), score=5, label="Native")
    Rating.objects.create(framework=three, criterion=Criterion.objects.get(slug="admin"), score=3, label="Add-on")
    return live_server.url


def row_names(page) -> list[str]:
    return page.locator("#matrix tbody th[scope=row] a").all_inner_texts()


def column_names(page) -> list[str]:
    return page.locator("#matrix thead th a").all_inner_texts()


def test_compare_journey_with_htmx(page, site):
    page.goto(site + "/compare/")
    assert column_names(page) == ["One", "Two", "Three"]
    assert row_names(page) == ["Async support", "Admin interface"]
    page.evaluate("window.__sameDocument = true")  # survives only if the page is never reloaded

    page.get_by_label("Two", exact=True).uncheck()
    page.wait_for_url(re.compile(r"/compare/\?fw=one&fw=three"))
    expect(page.locator("#matrix thead th a")).to_have_count(2)
    assert column_names(page) == ["One", "Three"]
    after_untick = page.url

    page.get_by_label("Only rows that differ").check()
    page.wait_for_url(re.compile(r"diff=1"))
    expect(page.locator("#matrix tbody th[scope=row] a")).to_have_count(1)
    assert row_names(page) == ["Admin interface"]  # unknown vs 3 differs; 5 and 5 do not
    assert page.evaluate("window.__sameDocument") is True  # swapped in place, no full reload
    table = page.locator("#matrix").inner_html()
    filtered = page.url

    page.reload()
    assert page.evaluate("window.__sameDocument") is None
    assert page.url == filtered
    assert page.locator("#matrix").inner_html() == table
    expect(page.get_by_label("Only rows that differ")).to_be_checked()
    expect(page.get_by_label("Two", exact=True)).not_to_be_checked()

    page.go_back()
    page.wait_for_url(after_untick)
    expect(page.locator("#matrix tbody th[scope=row] a")).to_have_count(2)
    assert column_names(page) == ["One", "Three"]
    assert row_names(page) == ["Async support", "Admin interface"]


def test_best_in_row_toggles_with_htmx_and_the_address_stays_canonical(page, site):
    page.goto(site + "/compare/")
    best = page.locator("#matrix .marker-best")
    expect(best.first).to_be_visible()
    page.get_by_label("Highlight the best in each row").uncheck()
    page.wait_for_url(site + "/compare/?best=0")
    expect(best).to_have_count(0)
    page.get_by_label("Highlight the best in each row").check()
    page.wait_for_url(site + "/compare/")
    expect(best.first).to_be_visible()


def test_cell_opens_its_evidence_in_place(page, site):
    page.goto(site + "/compare/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=re.compile(r"^Why\W+Two on Async support$")).click()
    detail = page.locator("td .cell-detail").filter(has_text="Async views exist but are limited.")
    expect(detail).to_be_visible()
    assert page.url == site + "/compare/"
    assert page.evaluate("window.__sameDocument") is True


def test_compare_journey_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site + "/compare/")
        page.get_by_label("Two", exact=True).uncheck()
        page.get_by_role("button", name="Update table").click()
        page.wait_for_url(re.compile(r"fw=one&fw=three"))
        assert column_names(page) == ["One", "Three"]
        after_untick = page.url

        page.get_by_label("Only rows that differ").check()
        page.get_by_role("button", name="Update table").click()
        page.wait_for_url(re.compile(r"diff=1"))
        assert row_names(page) == ["Admin interface"]
        table = page.locator("#matrix").inner_html()

        page.reload()
        assert page.locator("#matrix").inner_html() == table

        page.go_back()
        page.wait_for_url(after_untick)
        assert row_names(page) == ["Async support", "Admin interface"]
        assert column_names(page) == ["One", "Three"]

        # Without JavaScript a cell's "Why" is a plain link to the criterion page.
        page.get_by_role("link", name=re.compile(r"^Why\W+Three on Admin interface$")).click()
        page.wait_for_url(re.compile(r"/criteria/admin/#fw-three$"))
        expect(page.locator("#fw-three")).to_contain_text("Add-on")
    finally:
        context.close()


AXE_PAGES = ["/", "/frameworks/one/", "/compare/?best=1", "/use-cases/?best=1", "/criteria/async/"]


def test_no_axe_violations(page, site):
    assert_no_violations(page, site, AXE_PAGES, schemes=BOTH_SCHEMES)
