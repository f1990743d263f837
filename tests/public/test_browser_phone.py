"""Every public page type at a phone's width (390 px), with at least twelve frameworks published (the shipped
content has fifteen; smaller content is grown to twelve): nothing wider than the viewport, a wide matrix scrolls
inside its own region with the criterion column and the header row kept in view (axe-core on the matrices with
every framework: test_browser_accessibility.py)."""

import re

import pytest

from tests.support.axe import assert_no_violations_here
from tests.support.many_frameworks import grow_frameworks

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def big_site(transactional_db, shipped_content, live_server):
    frameworks = grow_frameworks(12)
    return live_server.url, frameworks


def everything(frameworks) -> str:
    return "?" + "&".join(f"fw={f.slug}" for f in frameworks)


def public_pages(frameworks) -> list[str]:
    from advisor.models import Criterion, Source, UseCase

    criterion = Criterion.objects.published().first()
    use_case = UseCase.objects.published().first()
    source = Source.objects.published().first()
    a, b, c = frameworks[:3]
    return [
        "/",
        "/guide/",
        "/compare/",
        "/compare/" + everything(frameworks),
        f"/compare/{a.slug}-vs-{b.slug}/",
        f"/compare/{a.slug}-vs-{b.slug}-vs-{c.slug}/",
        "/use-cases/",
        "/use-cases/" + everything(frameworks),
        use_case.get_absolute_url(),
        "/frameworks/",
        *[f.get_absolute_url() for f in frameworks[:3]],  # the shipped profiles, with their code samples
        criterion.get_absolute_url(),
        "/sources/",
        source.get_absolute_url(),
        "/pitfalls/",
        "/faq/",
    ]


def assert_fits(page, url: str) -> None:
    """The page is no wider than the phone, and what scrolls sideways inside it (a matrix, a code sample) can
    be scrolled with the keyboard too (axe-core's rule for it: only at this width do those regions scroll)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width} px wide at {PHONE['width']} px"
    assert_no_violations_here(page, url, rules=["scrollable-region-focusable"])


def test_no_public_page_is_wider_than_a_phone(browser, big_site):
    site, frameworks = big_site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        for url in public_pages(frameworks):
            response = page.goto(site + url)
            assert response.status == 200, url
            assert_fits(page, url)
        # A result page, and a questionnaire step after the first.
        page.goto(site + "/guide/")
        page.get_by_role("button", name="Next question").click()
        page.wait_for_url(re.compile(r"step="))
        assert_fits(page, page.url)
        page.get_by_role("button", name="See my result now").click()
        page.wait_for_url(re.compile(r"/r/"))
        assert_fits(page, page.url)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        assert_fits(page, page.url + " (details open)")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/compare/", "/use-cases/"])
def test_the_matrix_scrolls_in_its_region_with_the_first_column_and_header_in_view(browser, big_site, path):
    site, frameworks = big_site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site + path + everything(frameworks))
        region = page.locator("#matrix .table-scroll")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # twelve columns do not fit: it scrolls
        region.focus()  # brings it into view; the keyboard then scrolls the region (it is focusable), not the page
        first_column = page.locator("#matrix tbody th[scope=row]").nth(3)
        header = page.locator("#matrix thead th").nth(5)
        column_x = first_column.bounding_box()["x"]
        header_y = header.bounding_box()["y"]
        for _ in range(8):
            page.keyboard.press("ArrowRight")
        region.evaluate("e => { e.scrollTop = 400; }")
        for _ in range(50):  # arrow keys scroll smoothly: wait for the scroll to land (a string predicate breaks CSP)
            if region.evaluate("e => e.scrollLeft") > 100:
                break
            page.wait_for_timeout(50)
        assert region.evaluate("e => e.scrollLeft") > 100
        assert page.evaluate("window.scrollX") == 0
        assert_fits(page, path)
        assert first_column.bounding_box()["x"] == pytest.approx(column_x, abs=1)  # sticky criterion column
        assert header.bounding_box()["y"] == pytest.approx(header_y, abs=1)  # sticky header row
        # And the cells did move under them.
        assert page.locator("#matrix tbody td").first.bounding_box()["x"] < column_x
    finally:
        context.close()
